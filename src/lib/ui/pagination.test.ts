import { describe, expect, it } from 'vitest';
import { pageWindow } from './pagination';

describe('pageWindow', () => {
	it('shows every page when there are few', () => {
		expect(pageWindow(1, 1)).toEqual([1]);
		expect(pageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
	});

	it('collapses long runs into gaps around the current page', () => {
		expect(pageWindow(10, 20)).toEqual([1, 'gap', 9, 10, 11, 'gap', 20]);
		expect(pageWindow(1, 20)).toEqual([1, 2, 'gap', 20]);
		expect(pageWindow(20, 20)).toEqual([1, 'gap', 19, 20]);
	});

	it('shows a single skipped page instead of a gap', () => {
		expect(pageWindow(4, 20)).toEqual([1, 2, 3, 4, 5, 'gap', 20]);
	});

	it('clamps out-of-range pages and handles no pages', () => {
		expect(pageWindow(99, 3)).toEqual([1, 2, 3]);
		expect(pageWindow(-4, 3)).toEqual([1, 2, 3]);
		expect(pageWindow(1, 0)).toEqual([]);
	});
});
