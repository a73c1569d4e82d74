/** POST takes a resource out of public view; curators only. */
import { api } from '$lib/server/http/api';
import { resourceJson } from '$lib/server/resources/api-schemas';
import { unpublish } from '$lib/server/resources/service';

export const POST = api({
	auth: 'required',
	run: async ({ ctx, params }) => resourceJson(await unpublish(ctx, params.id ?? ''))
});
