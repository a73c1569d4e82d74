import { json } from '@sveltejs/kit';
import { apiOperations } from '$lib/server/api-operations';
import { buildOpenApi } from '$lib/server/http/openapi';
import type { RequestHandler } from './$types';

// Built once per process: the schemas do not change while it runs.
let document: Record<string, unknown> | undefined;

export const GET: RequestHandler = () => {
	document ??= buildOpenApi(apiOperations, '1');
	return json(document, { headers: { 'cache-control': 'public, max-age=3600' } });
};
