/** GET full attribution data (title, authors, source, licence, changes) for every component the viewer may see. */
import { api } from '$lib/server/http/api';
import { attributionsJson } from '$lib/server/programs/api-schemas';
import { attributions } from '$lib/server/programs/service';

export const GET = api({
	run: async ({ ctx, params }) => attributionsJson(await attributions(ctx, params.id ?? ''))
});
