/** GET the co-author invitations waiting for the signed-in person. */
import { api } from '$lib/server/http/api';
import { myInvitations } from '$lib/server/programs/service';

export const GET = api({ auth: 'required', run: ({ ctx }) => myInvitations(ctx) });
