/**
 * What a file is, decided from its bytes and never from its name: `file-type` reads
 * the magic numbers of binary formats; UTF-8 text without NUL bytes is text. Only a
 * short list of kinds is accepted. SVG is refused (it can carry scripts), and so is
 * text that starts like HTML or XML, since a browser told otherwise could run it.
 *
 * The file name is used only to choose between text flavours (Markdown or plain),
 * which bytes cannot tell apart; it never lets a type in.
 */
import { fileTypeFromBuffer } from 'file-type';

export type AttachmentKind = 'image' | 'audio' | 'video' | 'document' | 'text' | 'captions';

/** How many leading bytes decide the type (file-type's own recommendation). */
export const SNIFF_BYTES = 4100;

export type SniffRefusal =
	/** Nothing there. */
	| 'empty'
	/** SVG or other XML: can carry scripts. */
	| 'svg'
	/** Text that starts like an HTML document. */
	| 'html'
	/** A recognised binary format that is not on the list (zip, exe, flac…). */
	| 'not_allowed'
	/** Neither a known binary format nor UTF-8 text. */
	| 'unrecognised';

export type Sniffed =
	| { ok: true; mediaType: string; kind: AttachmentKind; ext: string }
	| { ok: false; reason: SniffRefusal; detected?: string };

/** Binary formats we accept, by the media type file-type reports, with our canonical type. */
const BINARY: Record<string, { mediaType: string; kind: AttachmentKind; ext: string }> = {
	'application/pdf': { mediaType: 'application/pdf', kind: 'document', ext: 'pdf' },
	'image/png': { mediaType: 'image/png', kind: 'image', ext: 'png' },
	'image/jpeg': { mediaType: 'image/jpeg', kind: 'image', ext: 'jpg' },
	'image/webp': { mediaType: 'image/webp', kind: 'image', ext: 'webp' },
	'image/gif': { mediaType: 'image/gif', kind: 'image', ext: 'gif' },
	'audio/mpeg': { mediaType: 'audio/mpeg', kind: 'audio', ext: 'mp3' },
	'audio/ogg': { mediaType: 'audio/ogg', kind: 'audio', ext: 'ogg' },
	'audio/ogg; codecs=opus': { mediaType: 'audio/ogg', kind: 'audio', ext: 'opus' },
	'audio/x-m4a': { mediaType: 'audio/mp4', kind: 'audio', ext: 'm4a' },
	'audio/mp4': { mediaType: 'audio/mp4', kind: 'audio', ext: 'm4a' },
	'audio/aac': { mediaType: 'audio/aac', kind: 'audio', ext: 'aac' },
	'audio/wav': { mediaType: 'audio/wav', kind: 'audio', ext: 'wav' },
	'audio/webm': { mediaType: 'audio/webm', kind: 'audio', ext: 'webm' },
	'video/mp4': { mediaType: 'video/mp4', kind: 'video', ext: 'mp4' },
	// file-type cannot tell audio-only WebM from video WebM; both play in <video>.
	'video/webm': { mediaType: 'video/webm', kind: 'video', ext: 'webm' }
};

const TEXT_EXTENSIONS = {
	markdown: ['md', 'markdown'],
	captions: ['vtt']
};

function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** Text-looking starts that a browser might treat as markup. */
const SVG_OR_XML = /^\s*(<!--[\s\S]*?-->\s*)*(<\?xml|<!doctype\s+svg|<svg[\s>])/i;
const HTML_START = /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>])/i;

/**
 * Decide from the head of the file (its first SNIFF_BYTES bytes). `isText` reports
 * whether the WHOLE file is valid UTF-8 without NUL bytes; the caller checks that
 * while the bytes stream past, because a head alone cannot prove it.
 */
export async function sniff(head: Uint8Array, fileName: string, isText: boolean): Promise<Sniffed> {
	if (head.byteLength === 0) return { ok: false, reason: 'empty' };
	const found = await fileTypeFromBuffer(head);
	if (found) {
		if (found.mime === 'image/svg+xml' || found.mime === 'application/xml') {
			return { ok: false, reason: 'svg', detected: found.mime };
		}
		// WebVTT is text: file-type knows its signature, but it must still be valid UTF-8.
		if (found.mime === 'text/vtt') {
			return isText
				? { ok: true, mediaType: 'text/vtt', kind: 'captions', ext: 'vtt' }
				: { ok: false, reason: 'unrecognised' };
		}
		const accepted = BINARY[found.mime];
		if (accepted) return { ok: true, ...accepted };
		return { ok: false, reason: 'not_allowed', detected: found.mime };
	}
	if (!isText) return { ok: false, reason: 'unrecognised' };
	const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
	if (SVG_OR_XML.test(text)) return { ok: false, reason: 'svg' };
	if (HTML_START.test(text)) return { ok: false, reason: 'html' };
	// WebVTT files must begin with this signature (W3C WebVTT §4.1), optionally after a BOM.
	if (/^WEBVTT([ \t\r\n]|$)/.test(text)) {
		return { ok: true, mediaType: 'text/vtt', kind: 'captions', ext: 'vtt' };
	}
	const ext = extensionOf(fileName);
	if (TEXT_EXTENSIONS.markdown.includes(ext)) {
		return { ok: true, mediaType: 'text/markdown', kind: 'text', ext };
	}
	return { ok: true, mediaType: 'text/plain', kind: 'text', ext: 'txt' };
}

/**
 * Checks, chunk by chunk, that bytes are UTF-8 text without NUL. Feed every chunk,
 * then call done(); a multi-byte character split across chunks is handled.
 */
export class TextChecker {
	private decoder = new TextDecoder('utf-8', { fatal: true });
	private ok = true;

	feed(chunk: Uint8Array): void {
		if (!this.ok) return;
		if (chunk.includes(0)) {
			this.ok = false;
			return;
		}
		try {
			this.decoder.decode(chunk, { stream: true });
		} catch {
			this.ok = false;
		}
	}

	done(): boolean {
		if (!this.ok) return false;
		try {
			this.decoder.decode();
			return true;
		} catch {
			return false;
		}
	}
}

/** The extensions a detected type may carry in its file name. */
export function extensionsFor(mediaType: string): string[] {
	switch (mediaType) {
		case 'image/jpeg':
			return ['jpg', 'jpeg', 'jfif'];
		case 'text/plain':
			return ['txt', 'text', 'csv', 'srt'];
		case 'text/markdown':
			return TEXT_EXTENSIONS.markdown;
		case 'text/vtt':
			return TEXT_EXTENSIONS.captions;
		case 'audio/mp4':
			return ['m4a', 'mp4', 'aac'];
		case 'audio/ogg':
			return ['ogg', 'oga', 'opus'];
		case 'audio/mpeg':
			return ['mp3'];
		default:
			return Object.values(BINARY)
				.filter((b) => b.mediaType === mediaType)
				.map((b) => b.ext);
	}
}
