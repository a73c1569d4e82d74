/** GET /api/v1/accounts/me/export: download my data as JSON (401 when not signed in). */
import { currentToken } from '$lib/server/accounts/cookies';
import { exportMyData } from '$lib/server/accounts/service';
import { api } from '$lib/server/http/api';

export const GET = api({ auth: 'required', run: ({ ctx, event }) => exportMyData(ctx, currentToken(event)) });
