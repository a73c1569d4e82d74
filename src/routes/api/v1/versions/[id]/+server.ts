/** GET /api/v1/versions/{id}: one version (drafts for members of its library only). */
import { api } from '$lib/server/http/api';
import { getVersion } from '$lib/server/resources/service';

export const GET = api({ run: ({ ctx, params }) => getVersion(ctx, params.id ?? '') });
