// Range header parsing per RFC 9110 §14 and If-Range.
import { describe, expect, it } from 'vitest';
import { contentRange, ifRangeMatches, parseRange, unsatisfiedRange } from './ranges';

const partial = (start: number, end: number) => ({ kind: 'partial', range: { start, end } });
const full = { kind: 'full' };
const unsatisfiable = { kind: 'unsatisfiable' };

describe('parseRange', () => {
	it('serves the whole file without a Range header', () => {
		expect(parseRange(undefined, 100)).toEqual(full);
		expect(parseRange(null, 100)).toEqual(full);
	});

	it('parses bytes=a-b, clamping the end to the file', () => {
		expect(parseRange('bytes=0-9', 100)).toEqual(partial(0, 9));
		expect(parseRange('bytes=10-10', 100)).toEqual(partial(10, 10));
		expect(parseRange('bytes=50-1000', 100)).toEqual(partial(50, 99));
		expect(parseRange('BYTES = 5-6', 100)).toEqual(partial(5, 6));
	});

	it('parses bytes=a- (to the end)', () => {
		expect(parseRange('bytes=0-', 100)).toEqual(partial(0, 99));
		expect(parseRange('bytes=99-', 100)).toEqual(partial(99, 99));
	});

	it('parses bytes=-n (the last n bytes)', () => {
		expect(parseRange('bytes=-10', 100)).toEqual(partial(90, 99));
		expect(parseRange('bytes=-500', 100)).toEqual(partial(0, 99));
	});

	it('answers 416 when no byte is selected', () => {
		expect(parseRange('bytes=100-', 100)).toEqual(unsatisfiable);
		expect(parseRange('bytes=100-200', 100)).toEqual(unsatisfiable);
		expect(parseRange('bytes=-0', 100)).toEqual(unsatisfiable);
		expect(parseRange('bytes=0-', 0)).toEqual(unsatisfiable);
		expect(parseRange('bytes=-5', 0)).toEqual(unsatisfiable);
		expect(parseRange('bytes=99999999999999999999-', 100)).toEqual(unsatisfiable);
	});

	it('serves several ranges as the whole file', () => {
		expect(parseRange('bytes=0-1, 5-6', 100)).toEqual(full);
		expect(parseRange('bytes=0-1,-5', 100)).toEqual(full);
	});

	it('ignores malformed headers', () => {
		for (const h of [
			'',
			'bytes',
			'bytes=',
			'bytes=-',
			'bytes=a-b',
			'bytes=5-2',
			'bytes=1.5-2',
			'bytes=0-1;x',
			'items=0-5',
			'bytes=--5',
			'bytes= 0 - 5 extra'
		]) {
			expect(parseRange(h, 100), h).toEqual(full);
		}
	});
});

describe('If-Range', () => {
	const etag = '"abc"';
	it('matches only the same strong ETag', () => {
		expect(ifRangeMatches(undefined, etag)).toBe(true);
		expect(ifRangeMatches('"abc"', etag)).toBe(true);
		expect(ifRangeMatches(' "abc" ', etag)).toBe(true);
		expect(ifRangeMatches('"abd"', etag)).toBe(false);
		expect(ifRangeMatches('W/"abc"', etag)).toBe(false);
		expect(ifRangeMatches('Sat, 21 Nov 2026 10:00:00 GMT', etag)).toBe(false);
	});
});

describe('Content-Range', () => {
	it('formats satisfied and unsatisfied ranges', () => {
		expect(contentRange({ start: 0, end: 9 }, 100)).toBe('bytes 0-9/100');
		expect(unsatisfiedRange(100)).toBe('bytes */100');
	});
});
