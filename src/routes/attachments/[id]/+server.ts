/**
 * An attachment's bytes: shown in the page (img, audio, video, PDF) by default, saved as a
 * file with ?download. Range requests (with If-Range) let a download resume on a bad
 * connection and let players seek; whether the viewer may see the file is decided by its
 * resource (server/resources/reading.ts), and a file they may not see does not exist.
 */
import { Readable } from 'node:stream';
import { error, type RequestEvent } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { ctxFromEvent } from '$lib/server/http/api';
import { downloadAttachment } from '$lib/server/resources/reading';
import type { RequestHandler } from './$types';

async function open(event: RequestEvent) {
	try {
		return await downloadAttachment(await ctxFromEvent(event), event.params.id ?? '', {
			range: event.request.headers.get('range'),
			ifRange: event.request.headers.get('if-range'),
			download: event.url.searchParams.has('download')
		});
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') error(404, event.locals.t.t('attach_not_found'));
		throw e;
	}
}

export const GET: RequestHandler = async (event) => {
	const d = await open(event);
	const body = d.body ? (Readable.toWeb(d.body) as ReadableStream<Uint8Array>) : null;
	// A client that goes away mid-download must not leave the file open.
	event.request.signal.addEventListener('abort', () => d.body?.destroy(), { once: true });
	return new Response(body, { status: d.status, headers: d.headers });
};

/** The same headers (size, type, ranges) without the bytes, and without leaving the file open. */
export const HEAD: RequestHandler = async (event) => {
	const d = await open(event);
	d.body?.destroy();
	return new Response(null, { status: d.status, headers: d.headers });
};
