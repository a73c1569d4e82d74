/** POST /api/v1/accounts: sign up (idempotent by Idempotency-Key and by client id). */
import { signupBody } from '$lib/server/accounts/schemas';
import { signUp } from '$lib/server/accounts/service';
import { api, apiLocale } from '$lib/server/http/api';

export const POST = api({
	body: signupBody,
	status: 201,
	idempotent: true,
	run: async ({ ctx, body, event }) =>
		(await signUp(ctx, { ...body, locale: body.locale ?? apiLocale(event) })).account
});
