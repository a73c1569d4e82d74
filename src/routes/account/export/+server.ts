/**
 * GET /account/export: "download my data" as a JSON file. The same data as
 * /api/v1/accounts/me/export, but sent as an attachment, and a person who is not
 * logged in is sent to the login page instead of getting a 401.
 */
import { currentToken } from '$lib/server/accounts/cookies';
import { exportMyData } from '$lib/server/accounts/service';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor } from '$lib/server/http/forms';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireActor(event);
	const data = await exportMyData(await ctxFromEvent(event), currentToken(event));
	const day = new Date().toISOString().slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="circles-my-data-${day}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
