/** POST /api/v1/libraries/{slug}/members: a curator adds a member by handle (idempotent). */
import { addMemberBody } from '$lib/server/libraries/schemas';
import { addMember } from '$lib/server/libraries/service';
import { api } from '$lib/server/http/api';

export const POST = api({
	auth: 'required',
	body: addMemberBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body, params }) => addMember(ctx, params.slug ?? '', body)
});
