/** GET the remixes the viewer may know of; POST remixes a version (the newest by default) into a new private program with provenance (idempotent). */
import { api } from '$lib/server/http/api';
import { forkBody } from '$lib/server/programs/schemas';
import { forkProgram, listRemixes } from '$lib/server/programs/service';

export const GET = api({ run: ({ ctx, params }) => listRemixes(ctx, params.id ?? '') });

export const POST = api({
	auth: 'required',
	body: forkBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body, params }) => forkProgram(ctx, params.id ?? '', body)
});
