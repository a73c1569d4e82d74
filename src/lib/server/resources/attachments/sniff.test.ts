// Types decided from the bytes: accepted formats, refusals with their reasons.
import { describe, expect, it } from 'vitest';
import { sniff, SNIFF_BYTES, TextChecker } from './sniff';
import { noise, plainText, svgImage, tinyPdf, tinyPng, webVtt } from './test-files';

function isText(b: Buffer): boolean {
	const t = new TextChecker();
	t.feed(b);
	return t.done();
}
const check = (b: Buffer, name: string) => sniff(b.subarray(0, SNIFF_BYTES), name, isText(b));

describe('sniff', () => {
	it('accepts a PNG as an image', async () => {
		expect(await check(tinyPng(), 'photo.png')).toEqual({
			ok: true,
			mediaType: 'image/png',
			kind: 'image',
			ext: 'png'
		});
	});

	it('accepts a PDF as a document, whatever its name says', async () => {
		const expected = { ok: true, mediaType: 'application/pdf', kind: 'document', ext: 'pdf' };
		expect(await check(tinyPdf(), 'handout.pdf')).toEqual(expected);
		expect(await check(tinyPdf(), 'x.png')).toEqual(expected);
	});

	it('recognises WebVTT captions by their signature', async () => {
		expect(await check(webVtt(), 'captions.txt')).toMatchObject({
			ok: true,
			mediaType: 'text/vtt',
			kind: 'captions'
		});
		expect(await check(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), webVtt()]), 'c.vtt')).toMatchObject({
			kind: 'captions'
		});
		// "WEBVTTX" is not the signature.
		expect(await check(Buffer.from('WEBVTTX\n'), 'c.vtt')).toMatchObject({ mediaType: 'text/plain' });
	});

	it('accepts UTF-8 text, as Markdown only when the name says so', async () => {
		expect(await check(plainText(), 'notes.txt')).toMatchObject({
			ok: true,
			mediaType: 'text/plain',
			kind: 'text'
		});
		expect(await check(plainText(), 'notes.md')).toMatchObject({
			ok: true,
			mediaType: 'text/markdown',
			kind: 'text'
		});
		// A text file named .png is still text.
		expect(await check(plainText(), 'picture.png')).toMatchObject({ mediaType: 'text/plain' });
	});

	it('refuses SVG, even with another name or a leading comment', async () => {
		expect(await check(svgImage(), 'logo.svg')).toEqual({ ok: false, reason: 'svg' });
		expect(await check(svgImage(), 'logo.png')).toEqual({ ok: false, reason: 'svg' });
		const xml = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>');
		expect(await check(xml, 'a.txt')).toMatchObject({ ok: false, reason: 'svg' });
		const commented = Buffer.from('<!-- made by hand -->\n<svg onload="alert(1)"></svg>');
		expect(await check(commented, 'a.md')).toMatchObject({ ok: false, reason: 'svg' });
	});

	it('refuses HTML documents', async () => {
		const html = Buffer.from('<!DOCTYPE html><html><script>window.__pwned=1</script></html>');
		expect(await check(html, 'page.txt')).toMatchObject({ ok: false, reason: 'html' });
	});

	it('refuses random bytes, invalid UTF-8 and empty files', async () => {
		expect(await check(noise(5000), 'data.png')).toEqual({ ok: false, reason: 'unrecognised' });
		expect(await check(Buffer.from([0x41, 0xff, 0xfe, 0x41]), 'a.txt')).toEqual({
			ok: false,
			reason: 'unrecognised'
		});
		expect(await check(Buffer.from('text\u0000with nul'), 'a.txt')).toEqual({
			ok: false,
			reason: 'unrecognised'
		});
		expect(await check(Buffer.alloc(0), 'a.txt')).toEqual({ ok: false, reason: 'empty' });
	});

	it('refuses recognised formats that are not on the list', async () => {
		const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
		expect(await check(zip, 'x.pdf')).toMatchObject({
			ok: false,
			reason: 'not_allowed',
			detected: 'application/zip'
		});
	});
});

describe('TextChecker', () => {
	it('accepts a multi-byte character split across chunks', () => {
		const bytes = Buffer.from('صباح', 'utf8');
		const t = new TextChecker();
		t.feed(bytes.subarray(0, 1));
		t.feed(bytes.subarray(1));
		expect(t.done()).toBe(true);
	});

	it('refuses a truncated character at the end', () => {
		const t = new TextChecker();
		t.feed(Buffer.from('صباح', 'utf8').subarray(0, 3));
		expect(t.done()).toBe(false);
	});
});
