/** POST accepts the signed-in person's invitation to this program: they become a co-author (accepting twice is a replay). */
import { api } from '$lib/server/http/api';
import { acceptInvitation } from '$lib/server/programs/service';

export const POST = api({
	auth: 'required',
	idempotent: true,
	run: ({ ctx, params }) => acceptInvitation(ctx, params.id ?? '')
});
