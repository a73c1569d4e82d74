/** GET each component's licence, what the program as delivered carries, and real conflicts (worded in the request's language). */
import { api, apiLocale } from '$lib/server/http/api';
import { translator } from '$lib/i18n/catalogues';
import { licenceJson } from '$lib/server/programs/api-schemas';
import { licenceSummary } from '$lib/server/programs/service';

export const GET = api({
	run: async ({ ctx, params, event }) =>
		licenceJson(await licenceSummary(ctx, params.id ?? ''), translator(apiLocale(event)))
});
