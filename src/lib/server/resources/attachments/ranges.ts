/**
 * HTTP range requests (RFC 9110 §14), so downloads resume on bad connections.
 *
 * Only a single range is served as 206. A request for several ranges gets the whole
 * file (200): RFC 9110 §14.2 lets a server ignore Range, and multipart/byteranges
 * buys nothing for resuming a download. A malformed Range header is ignored (200),
 * as §14.2 requires; a well-formed one that no byte of the file satisfies is 416.
 */
import type { ByteRange } from './blob-store';

export type RangeDecision =
	{ kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

export function parseRange(header: string | null | undefined, size: number): RangeDecision {
	if (header === null || header === undefined) return { kind: 'full' };
	const eq = header.indexOf('=');
	if (eq < 0) return { kind: 'full' };
	// The range unit is case-insensitive; only bytes is known (others are ignored).
	if (header.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'full' };
	const specs = header
		.slice(eq + 1)
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
	if (specs.length === 0) return { kind: 'full' };
	const parsed: ({ first: number; last: number | null } | { suffix: number })[] = [];
	for (const spec of specs) {
		const m = SPEC.exec(spec);
		if (!m) return { kind: 'full' };
		const [, a, b] = m;
		if (a === '' && b === '') return { kind: 'full' };
		if (a === '') {
			parsed.push({ suffix: Number(b) });
			continue;
		}
		const first = Number(a);
		const last = b === '' ? null : Number(b);
		// first > last makes the whole header invalid (§14.1.1), so it is ignored.
		if (last !== null && last < first) return { kind: 'full' };
		parsed.push({ first, last });
	}
	if (parsed.length > 1) return { kind: 'full' };
	const only = parsed[0]!;
	if ('suffix' in only) {
		// A zero-length suffix, or any range on an empty file, selects no byte.
		if (only.suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'partial', range: { start: Math.max(0, size - only.suffix), end: size - 1 } };
	}
	if (!Number.isSafeInteger(only.first) || only.first >= size) return { kind: 'unsatisfiable' };
	const end = only.last === null || only.last >= size ? size - 1 : only.last;
	return { kind: 'partial', range: { start: only.first, end } };
}

/**
 * If-Range (§13.1.5): serve the range only when the validator names the current
 * representation. We only send a strong ETag, never Last-Modified, so a date (or a
 * weak tag) never matches and the whole file is sent.
 */
export function ifRangeMatches(ifRange: string | null | undefined, etag: string): boolean {
	if (ifRange === null || ifRange === undefined) return true;
	const v = ifRange.trim();
	if (v.startsWith('W/')) return false;
	return v === etag;
}

export function contentRange(range: ByteRange, size: number): string {
	return `bytes ${range.start}-${range.end}/${size}`;
}

export function unsatisfiedRange(size: number): string {
	return `bytes */${size}`;
}
