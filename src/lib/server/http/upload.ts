/**
 * Raw-body uploads for JSON endpoints that take a file: the body is handed on as it
 * arrives, so a 25 MB upload never sits whole in memory and a refused one stops being
 * read at the limit. The file's own Content-Type is ignored (the attachments service
 * decides the type from the bytes).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { DomainError } from '../../domain/errors';

/**
 * The request body, chunk by chunk, read only as fast as it is consumed.
 * SvelteKit gives a request without a Content-Type no body at all, so uploads must
 * send one (any: it is not trusted).
 */
export async function* bodyChunks(request: Request): AsyncIterable<Uint8Array> {
	if (!request.body) return;
	const reader = request.body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read().catch((e: unknown) => {
				// The server's own BODY_SIZE_LIMIT (adapter-node) stopped the body first.
				if ((e as { status?: unknown } | null)?.status === 413)
					throw new DomainError('too_large', 'error_too_large');
				throw e;
			});
			if (done) return;
			yield value;
		}
	} finally {
		// Not cancel(): on a Node server that destroys the socket, and the refusal (413)
		// would never reach the client. The unread rest is dropped with the connection,
		// which the API chain closes after refusing a body.
		reader.releaseLock();
	}
}

/**
 * The body of a raw upload. A form encoding is refused rather than stored as a file of
 * multipart framing: the file itself is the body.
 */
export function uploadedBytes(request: Request): AsyncIterable<Uint8Array> {
	const type = request.headers.get('content-type') ?? '';
	if (/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type))
		throw new DomainError('unsupported', 'error_unsupported');
	return bodyChunks(request);
}

/** The size the client announced, or null; lets an oversized upload be refused before any byte is read. */
export function declaredLength(request: Request): number | null {
	const raw = request.headers.get('content-length')?.trim() ?? '';
	const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
	return Number.isSafeInteger(n) ? n : null;
}

/**
 * What identifies an upload for Idempotency-Key, since the key is claimed before the
 * bytes are read: its query (without ?lang, which only changes the language of the
 * answer) and its announced length.
 */
export function uploadIdentity(event: Pick<RequestEvent, 'url' | 'request'>): string {
	const query = [...event.url.searchParams]
		.filter(([k]) => k !== 'lang')
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return JSON.stringify({ query, length: declaredLength(event.request) });
}
