/** GET the history of a resource; POST saves a new version (a draft, or published by a curator; idempotent). */
import { api } from '$lib/server/http/api';
import { saveVersionBody } from '$lib/server/resources/schemas';
import { listVersions, saveVersion } from '$lib/server/resources/service';

export const GET = api({ run: ({ ctx, params }) => listVersions(ctx, params.id ?? '') });

export const POST = api({
	auth: 'required',
	body: saveVersionBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body, params }) => saveVersion(ctx, params.id ?? '', body)
});
