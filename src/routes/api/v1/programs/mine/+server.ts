/** GET the programs the signed-in person co-authors, whatever their visibility. */
import { api } from '$lib/server/http/api';
import { listMyPrograms } from '$lib/server/programs/service';

export const GET = api({ auth: 'required', run: ({ ctx }) => listMyPrograms(ctx) });
