/**
 * GET how a resource's translations stand and the languages it exists in;
 * POST translates it (idempotent).
 */
import { api } from '$lib/server/http/api';
import { resourceJson } from '$lib/server/resources/api-schemas';
import { createTranslationBody } from '$lib/server/resources/schemas';
import { createTranslation, languagesOf, translationStatus } from '$lib/server/resources/service';

export const GET = api({
	run: async ({ ctx, params }) => {
		const id = params.id ?? '';
		// Two reads of one page (the resource page shows both), not two actions.
		const [status, languages] = await Promise.all([translationStatus(ctx, id), languagesOf(ctx, id)]);
		return { ...status, languages };
	}
});

export const POST = api({
	auth: 'required',
	body: createTranslationBody,
	status: 201,
	idempotent: true,
	run: async ({ ctx, body, params }) => resourceJson(await createTranslation(ctx, params.id ?? '', body))
});
