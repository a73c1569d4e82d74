/** GET /api/v1/libraries/{slug}: the library with its members. */
import { getLibraryWithMembers } from '$lib/server/libraries/service';
import { api } from '$lib/server/http/api';

export const GET = api({ run: ({ ctx, params }) => getLibraryWithMembers(ctx, params.slug ?? '') });
