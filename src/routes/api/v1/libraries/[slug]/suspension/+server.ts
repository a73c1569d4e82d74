/** POST suspends a library with a public reason; DELETE lifts it. Instance administrator only. */
import { suspendBody } from '$lib/server/libraries/schemas';
import { liftSuspension, suspendLibrary } from '$lib/server/libraries/service';
import { api } from '$lib/server/http/api';

export const POST = api({
	auth: 'required',
	body: suspendBody,
	run: ({ ctx, body, params }) => suspendLibrary(ctx, params.slug ?? '', body.reason)
});

export const DELETE = api({
	auth: 'required',
	run: ({ ctx, params }) => liftSuspension(ctx, params.slug ?? '')
});
