/** GET a program as the viewer may see it: the head, or ?version=N. Private programs are 404 to strangers. */
import { api } from '$lib/server/http/api';
import { programViewQuery } from '$lib/server/programs/api-schemas';
import { getProgram } from '$lib/server/programs/service';

export const GET = api({
	query: programViewQuery,
	run: ({ ctx, query, params }) => getProgram(ctx, params.id ?? '', query)
});
