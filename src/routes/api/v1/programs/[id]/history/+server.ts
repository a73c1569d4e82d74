/** GET who changed what, newest first (invitations are shown to co-authors only). */
import { api } from '$lib/server/http/api';
import { history } from '$lib/server/programs/service';

export const GET = api({ run: ({ ctx, params }) => history(ctx, params.id ?? '') });
