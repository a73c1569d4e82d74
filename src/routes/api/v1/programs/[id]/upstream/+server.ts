/**
 * GET what changed upstream since this remix was made (by session, each change clean or in
 * conflict with the remix's own edits); POST takes changes by session or item as one new version.
 */
import { api } from '$lib/server/http/api';
import { takeUpstreamBody } from '$lib/server/programs/schemas';
import { takeUpstream, upstreamChanges } from '$lib/server/programs/service';

export const GET = api({ run: ({ ctx, params }) => upstreamChanges(ctx, params.id ?? '') });

export const POST = api({
	auth: 'required',
	body: takeUpstreamBody,
	idempotent: true,
	run: ({ ctx, body, params }) => takeUpstream(ctx, params.id ?? '', body)
});
