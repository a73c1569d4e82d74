/**
 * POST /api/v1/session logs in (sets the session cookie, answers {handle});
 * DELETE /api/v1/session logs out.
 */
import {
	clearSessionCookie,
	currentToken,
	sessionRequest,
	setSessionCookie
} from '$lib/server/accounts/cookies';
import { loginBody } from '$lib/server/accounts/schemas';
import { logIn, logOut } from '$lib/server/accounts/service';
import { api } from '$lib/server/http/api';

export const POST = api({
	body: loginBody,
	run: async ({ ctx, body, event }) => {
		const started = await logIn(ctx, body, sessionRequest(event));
		setSessionCookie(event, started);
		return { handle: started.actor.handle };
	}
});

export const DELETE = api({
	run: async ({ ctx, event }) => {
		await logOut(ctx, currentToken(event));
		clearSessionCookie(event);
		return { logged_out: true };
	}
});
