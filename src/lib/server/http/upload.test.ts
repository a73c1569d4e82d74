import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../domain/errors';
import { bodyChunks, declaredLength, uploadedBytes, uploadIdentity } from './upload';

const request = (headers: Record<string, string> = {}, body?: BodyInit) =>
	new Request('http://localhost/up', { method: 'POST', headers, body });

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<number[]> {
	const out: number[] = [];
	for await (const c of chunks) out.push(...c);
	return out;
}

describe('raw uploads', () => {
	it('hands the body on chunk by chunk, and nothing when there is none', async () => {
		expect(
			await collect(bodyChunks(request({ 'content-type': 'image/png' }, new Uint8Array([1, 2, 3]))))
		).toEqual([1, 2, 3]);
		expect(await collect(bodyChunks(request()))).toEqual([]);
	});

	it("turns the server's own body limit into a 413 domain error", async () => {
		const failing = new ReadableStream<Uint8Array>({
			start(c) {
				c.error(Object.assign(new Error('Payload Too Large'), { status: 413 }));
			}
		});
		const req = new Request('http://localhost/up', {
			method: 'POST',
			body: failing,
			duplex: 'half'
		} as RequestInit);
		const err = await collect(bodyChunks(req)).catch((e: unknown) => e);
		expect(isDomainError(err) && err.kind).toBe('too_large');
	});

	it('refuses form encodings: the file itself is the body', () => {
		for (const type of ['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
			const err = (() => {
				try {
					uploadedBytes(request({ 'content-type': type }, 'a=b'));
				} catch (e) {
					return e;
				}
			})();
			expect(isDomainError(err) && err.kind, type).toBe('unsupported');
		}
	});

	it('reads the announced length only when it is a whole number', () => {
		expect(declaredLength(request({ 'content-length': '12' }))).toBe(12);
		for (const bad of ['', '-1', '1e3x', 'abc'])
			expect(declaredLength(request({ 'content-length': bad }))).toBeNull();
	});

	it('identifies an upload by its query (in any order, without ?lang) and its length', () => {
		const id = (url: string, length = '10') =>
			uploadIdentity({ url: new URL(url), request: request({ 'content-length': length }) });
		expect(id('http://x/u?filename=a.pdf&title=T&lang=ar')).toBe(id('http://x/u?title=T&filename=a.pdf'));
		expect(id('http://x/u?filename=a.pdf')).not.toBe(id('http://x/u?filename=b.pdf'));
		expect(id('http://x/u?filename=a.pdf')).not.toBe(id('http://x/u?filename=a.pdf', '11'));
	});
});
