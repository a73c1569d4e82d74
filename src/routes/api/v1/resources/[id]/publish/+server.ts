/** POST publishes a version ({version_id}, else the newest); curators only. */
import { api } from '$lib/server/http/api';
import { publishBody, resourceJson } from '$lib/server/resources/api-schemas';
import { publishVersion } from '$lib/server/resources/service';

export const POST = api({
	auth: 'required',
	body: publishBody,
	run: async ({ ctx, body, params }) =>
		resourceJson(await publishVersion(ctx, params.id ?? '', body.version_id))
});
