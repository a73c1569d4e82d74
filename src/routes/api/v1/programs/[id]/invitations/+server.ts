/** POST invites a co-author by handle; any co-author may (inviting again changes nothing). */
import { api } from '$lib/server/http/api';
import { inviteBody } from '$lib/server/programs/schemas';
import { inviteAuthor } from '$lib/server/programs/service';

export const POST = api({
	auth: 'required',
	body: inviteBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body, params }) => inviteAuthor(ctx, params.id ?? '', body)
});
