/** POST sets who sees the program: private, unlisted (anyone with the link) or public; co-authors only. */
import { api } from '$lib/server/http/api';
import { visibilityBody } from '$lib/server/programs/schemas';
import { setVisibility } from '$lib/server/programs/service';

export const POST = api({
	auth: 'required',
	body: visibilityBody,
	idempotent: true,
	run: ({ ctx, body, params }) => setVisibility(ctx, params.id ?? '', body)
});
