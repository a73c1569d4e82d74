/**
 * The data budget (issue item 8): the first load of the home page, HTML, CSS and
 * JS together, is at most 60 KB as sent compressed over the wire. People on
 * expensive data plans pay for every byte.
 *
 * The browser tells us which documents, stylesheets and scripts a fresh visit
 * loads; each is then fetched again with `accept-encoding: br, gzip` over plain
 * node:http (which never decompresses) to count the bytes really sent. Build
 * assets are precompressed (.br/.gz) by adapter-node. Server-rendered HTML is not
 * compressed by the app itself; a deployment compresses it in its reverse proxy,
 * so for an uncompressed document we count its gzip size (zlib level 6, what
 * nginx and Caddy use by default) and say so in the output.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './support/browser';

const BUDGET = 60 * 1024;

interface Wire {
	status: number;
	encoding: string;
	raw: Buffer;
}

function getRaw(url: string): Promise<Wire> {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					encoding: String(res.headers['content-encoding'] ?? ''),
					raw: Buffer.concat(chunks)
				})
			);
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

describeInBrowser('data budget', () => {
	const browser = useBrowser();

	it('the first load of the home page is at most 60 KB compressed (HTML + CSS + JS)', async () => {
		const { page } = await browser.open();
		const loaded: { url: string; type: string }[] = [];
		page.on('response', (response) => {
			const type = response.request().resourceType();
			if (type === 'document' || type === 'stylesheet' || type === 'script') {
				loaded.push({ url: response.url(), type });
			}
		});
		await page.goto('/', { waitUntil: 'networkidle' });
		expect(loaded.filter((r) => r.type === 'document')).toHaveLength(1);

		const rows: string[] = [];
		let total = 0;
		for (const { url, type } of loaded) {
			const wire = await getRaw(url);
			expect(wire.status, url).toBe(200);
			let bytes = wire.raw.length;
			let how = wire.encoding || 'identity';
			if (!wire.encoding && type === 'document') {
				bytes = gzipSync(wire.raw, { level: 6 }).length;
				how = 'gzip by a reverse proxy (measured with zlib)';
			} else {
				// Every built asset has a .br/.gz twin; an uncompressed one means precompression broke.
				expect(wire.encoding, `${url} is not sent compressed`).toMatch(/^(br|gzip)$/);
			}
			total += bytes;
			rows.push(
				`${(bytes / 1024).toFixed(1).padStart(6)} KB  ${type.padEnd(10)} ${how.padEnd(8)} ${new URL(url).pathname}`
			);
		}
		console.log(
			`home page first load: ${(total / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB compressed, ${loaded.length} files\n${rows.join('\n')}`
		);
		expect(total).toBeLessThanOrEqual(BUDGET);
	});
});
