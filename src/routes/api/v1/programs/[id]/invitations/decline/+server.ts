/** POST declines the signed-in person's invitation to this program. */
import { api } from '$lib/server/http/api';
import { declineInvitation } from '$lib/server/programs/service';

export const POST = api({
	auth: 'required',
	idempotent: true,
	run: async ({ ctx, params }) => {
		await declineInvitation(ctx, params.id ?? '');
		return { ok: true };
	}
});
