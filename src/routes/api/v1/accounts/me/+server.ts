/** GET /api/v1/accounts/me: the signed-in account (401 otherwise). */
import { getMe } from '$lib/server/accounts/service';
import { api } from '$lib/server/http/api';

export const GET = api({ auth: 'required', run: ({ ctx }) => getMe(ctx) });
