/**
 * Search, the pure parts: duration bands, the tokens an engine indexes, and snippets
 * (plain text with the ranges to highlight, never HTML, so pages render them as text).
 */

/** Duration bands in minutes (upper bounds, inclusive); longer than the last is 'extended'. */
export const DURATION_BANDS = ['short', 'medium', 'long', 'extended'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];
const BAND_LIMITS: [DurationBand, number][] = [
	['short', 30],
	['medium', 90],
	['long', 240]
];

export function durationBand(minutes: number | null | undefined): DurationBand | null {
	if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return null;
	for (const [band, max] of BAND_LIMITS) if (minutes <= max) return band;
	return 'extended';
}

/** Longer tokens are noise (base64, hashes) and PostgreSQL refuses lexemes over 2 KB. */
export const MAX_TOKEN_LENGTH = 64;

/**
 * What the engines see of analysed terms: runs of letters and digits only, combining
 * marks dropped. SQLite's unicode61 and PostgreSQL's parser then both keep every token
 * whole, so the two engines index the same tokens, and a query built from them cannot
 * carry FTS or tsquery syntax.
 */
export function indexTokens(terms: readonly string[]): string[] {
	const out: string[] = [];
	for (const term of terms) {
		// Most terms are letters and digits already (one test, no allocation); the rest are split.
		if (term.length <= MAX_TOKEN_LENGTH && PLAIN_TOKEN.test(term)) {
			out.push(term);
			continue;
		}
		for (const t of term.replace(/\p{M}+/gu, '').split(/[^\p{L}\p{N}]+/u)) {
			if (t.length > 0 && t.length <= MAX_TOKEN_LENGTH) out.push(t);
		}
	}
	return out;
}

const PLAIN_TOKEN = /^[\p{L}\p{N}]+$/u;

/** A piece of text and the [start, end) ranges (UTF-16 offsets) of the words that matched. */
export interface Snippet {
	text: string;
	marks: [number, number][];
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/**
 * The part of `text` around its first matching word (about `size` characters, cut at
 * spaces), with every matching word in it marked. Without a match: the beginning, unmarked.
 */
export function makeSnippet(text: string, isMatch: (word: string) => boolean, size = 200): Snippet {
	const clean = text.replace(/\s+/g, ' ').trim();
	const marks: [number, number][] = [];
	// The window ends at most `size` past the first match: words beyond it need no test.
	let limit = Infinity;
	WORD.lastIndex = 0;
	for (let m = WORD.exec(clean); m !== null && m.index <= limit; m = WORD.exec(clean)) {
		if (isMatch(m[0])) {
			if (marks.length === 0) limit = m.index + size;
			marks.push([m.index, m.index + m[0].length]);
		}
	}
	if (clean.length <= size) return { text: clean, marks };
	const first = marks[0]?.[0] ?? 0;
	let start = Math.max(0, first - Math.floor(size / 4));
	if (start > 0) {
		const space = clean.indexOf(' ', start);
		start = space >= 0 && space < first ? space + 1 : start;
	}
	let end = Math.min(clean.length, start + size);
	if (end < clean.length) {
		const space = clean.lastIndexOf(' ', end);
		if (space > start) end = space;
	}
	const lead = start > 0 ? '… ' : '';
	const tail = end < clean.length ? ' …' : '';
	const shift = lead.length - start;
	return {
		text: lead + clean.slice(start, end) + tail,
		marks: marks.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift])
	};
}

/** A snippet as consecutive parts, for rendering `<mark>` around the matched ones as text. */
export function snippetParts(s: Snippet): { text: string; mark: boolean }[] {
	const parts: { text: string; mark: boolean }[] = [];
	let at = 0;
	for (const [start, end] of s.marks) {
		if (start < at) continue;
		if (start > at) parts.push({ text: s.text.slice(at, start), mark: false });
		parts.push({ text: s.text.slice(start, end), mark: true });
		at = end;
	}
	if (at < s.text.length) parts.push({ text: s.text.slice(at), mark: false });
	return parts;
}
