/** POST: the signed-in co-author leaves (the last one may not leave a shared program). */
import { api } from '$lib/server/http/api';
import { leaveProgram } from '$lib/server/programs/service';

export const POST = api({
	auth: 'required',
	idempotent: true,
	run: async ({ ctx, params }) => {
		await leaveProgram(ctx, params.id ?? '');
		return { ok: true };
	}
});
