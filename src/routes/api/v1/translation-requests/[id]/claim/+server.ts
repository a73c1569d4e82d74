/** POST takes an open translation request on (claiming your own claim again changes nothing). */
import { api } from '$lib/server/http/api';
import { claimRequest } from '$lib/server/resources/service';

export const POST = api({ auth: 'required', run: ({ ctx, params }) => claimRequest(ctx, params.id ?? '') });
