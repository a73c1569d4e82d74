/**
 * Tiny valid files made in memory for the attachment tests (no binary fixtures in
 * the tree): a 1×1 PNG, a one-page PDF, WebVTT captions, UTF-8 text, an SVG.
 */
import { deflateSync } from 'node:zlib';

function crc32(buf: Buffer): number {
	let c = ~0;
	for (const byte of buf) {
		c ^= byte;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
	}
	return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

/** A valid 1×1 grey PNG. */
export function tinyPng(): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(1, 0);
	ihdr.writeUInt32BE(1, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 0; // greyscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
		pngChunk('IEND', Buffer.alloc(0))
	]);
}

/** A minimal one-page PDF (with a correct xref table). */
export function tinyPdf(text = 'Circles'): Buffer {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
		`<< /Length ${`BT /F1 12 Tf 20 100 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 12 Tf 20 100 Td (${text}) Tj ET\nendstream`
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(Buffer.byteLength(body));
		body += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = Buffer.byteLength(body);
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

export const webVtt = () => Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nمرحبا — bonjour\n', 'utf8');
export const plainText = () => Buffer.from('Community mobilization: ابدأ من حيث الناس.\n', 'utf8');
export const svgImage = () =>
	Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script></svg>', 'utf8');

/** Deterministic pseudo-random bytes that no format claims. */
/** A tiny PCM WAV (RIFF/WAVE), so audio can carry captions and a transcript. */
export function tinyWav(): Buffer {
	const data = Buffer.alloc(64);
	const h = Buffer.alloc(44);
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(36 + data.length, 4);
	h.write('WAVE', 8, 'ascii');
	h.write('fmt ', 12, 'ascii');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20);
	h.writeUInt16LE(1, 22);
	h.writeUInt32LE(8000, 24);
	h.writeUInt32LE(8000, 28);
	h.writeUInt16LE(1, 32);
	h.writeUInt16LE(8, 34);
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(data.length, 40);
	return Buffer.concat([h, data]);
}

export function noise(length: number, seed = 7): Buffer {
	const out = Buffer.alloc(length);
	let x = seed;
	for (let i = 0; i < length; i++) {
		x = (x * 1103515245 + 12345) & 0x7fffffff;
		out[i] = (x >>> 16) & 0xff;
	}
	// Make sure no magic number at the start and at least one NUL (not text).
	out[0] = 0x00;
	out[1] = 0x01;
	return out;
}

export async function* chunked(buf: Buffer, size = 1000): AsyncIterable<Uint8Array> {
	for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
