// Attachment file names from hostile input: never a path, never a control or bidi character.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentDisposition, FILE_NAME_MAX, sanitizeFileName, withExtension } from './names';

const fixtures = path.resolve(import.meta.dirname, '../../../../../../shared/fixtures/hostile-input');
const lines = (file: string) => fs.readFileSync(path.join(fixtures, file), 'utf8').split('\n');

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff/\\]/;

function expectSafe(raw: string) {
	const name = sanitizeFileName(raw);
	if (name === null) return;
	expect(name).not.toMatch(UNSAFE);
	expect(name.startsWith('.')).toBe(false);
	expect([...name].length).toBeLessThanOrEqual(FILE_NAME_MAX);
	expect(name).toBe(name.trim());
	// Used as a path segment, it stays in its folder.
	const base = '/data/export';
	expect(path.dirname(path.resolve(base, name))).toBe(base);
}

describe('sanitizeFileName', () => {
	it('makes every hostile name safe or refuses it', () => {
		const all = [...lines('names.txt'), ...lines('xss.txt')];
		expect(all.length).toBeGreaterThan(50);
		for (const raw of all) expectSafe(raw);
		for (const raw of all) expectSafe(raw + '.png');
	});

	it('refuses names with nothing left', () => {
		for (const raw of ['', '   ', '..', '.', '\u202e', '\u0000', '\t']) {
			expect(sanitizeFileName(raw), JSON.stringify(raw)).toBeNull();
		}
	});

	it('removes separators, controls and bidi overrides', () => {
		expect(sanitizeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
		expect(sanitizeFileName('C:\\Windows\\x.pdf')).toBe('C:_Windows_x.pdf');
		expect(sanitizeFileName('invoice\u202egpj.exe')).toBe('invoicegpj.exe');
		expect(sanitizeFileName('a\u0000b\nc.txt')).toBe('abc.txt');
		expect(sanitizeFileName('.hidden')).toBe('hidden');
		expect(sanitizeFileName('/')).toBe('_');
	});

	it('keeps HTML-looking names as text (pages escape them)', () => {
		expect(sanitizeFileName('<img src=x onerror="window.__pwned=1">.png')).toBe(
			'<img src=x onerror="window.__pwned=1">.png'
		);
	});

	it('keeps Arabic and emoji, normalised to NFC', () => {
		expect(sanitizeFileName('دليل الميسّر.pdf')).toBe('دليل الميسّر.pdf'.normalize('NFC'));
		expect(sanitizeFileName('e\u0301te\u0301.txt')).toBe('été.txt');
		expect(sanitizeFileName('🙂.png')).toBe('🙂.png');
	});

	it('truncates long names to 200 characters, keeping the extension', () => {
		const name = sanitizeFileName('a'.repeat(500) + '.pdf')!;
		expect([...name]).toHaveLength(200);
		expect(name.endsWith('.pdf')).toBe(true);
		expect([...sanitizeFileName('🙂'.repeat(300))!]).toHaveLength(200);
	});
});

describe('withExtension', () => {
	it('adds the detected extension when the name disagrees', () => {
		expect(withExtension('x.png', ['pdf'], 'pdf')).toBe('x.png.pdf');
		expect(withExtension('X.PDF', ['pdf'], 'pdf')).toBe('X.PDF');
		expect(withExtension('notes', ['txt'], 'txt')).toBe('notes.txt');
		expect([...withExtension('a'.repeat(200), ['pdf'], 'pdf')]).toHaveLength(200);
	});
});

describe('contentDisposition', () => {
	it('gives an ASCII fallback and the exact name in filename*', () => {
		expect(contentDisposition('attachment', 'plain.pdf')).toBe(
			`attachment; filename="plain.pdf"; filename*=UTF-8''plain.pdf`
		);
		expect(contentDisposition('inline', 'دليل "1" (v2).pdf')).toBe(
			`inline; filename="____ _1_ (v2).pdf"; filename*=UTF-8''%D8%AF%D9%84%D9%8A%D9%84%20%221%22%20%28v2%29.pdf`
		);
	});

	it('cannot be broken out of by quotes, semicolons or newlines', () => {
		const header = contentDisposition('attachment', 'a"; filename="evil.html;\\x.pdf');
		expect(header).not.toMatch(/[\r\n]/);
		expect(header.match(/"/g)).toHaveLength(2);
	});
});
