/** POST asks for a translation of a published resource into a language (idempotent). */
import { api } from '$lib/server/http/api';
import { translationRequestBody } from '$lib/server/resources/schemas';
import { requestTranslation } from '$lib/server/resources/service';

export const POST = api({
	auth: 'required',
	body: translationRequestBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body, params }) => requestTranslation(ctx, params.id ?? '', body)
});
