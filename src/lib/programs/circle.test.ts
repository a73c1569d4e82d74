import { describe, expect, it } from 'vitest';
import { GAP, VIEW, circleDrawing } from './circle';

describe('circleDrawing', () => {
	it('keeps markers (and the labels inside them) apart and inside the picture for 2 to 13 sessions', () => {
		for (let n = 2; n <= 13; n++) {
			for (const rtl of [false, true]) {
				const d = circleDrawing(n, rtl);
				expect(d.nodes).toHaveLength(n);
				expect(d.arrows).toHaveLength(n);
				expect(d.radius).toBeGreaterThanOrEqual(14);
				for (const [i, a] of d.nodes.entries()) {
					expect(a.x - d.radius).toBeGreaterThanOrEqual(0);
					expect(a.x + d.radius).toBeLessThanOrEqual(VIEW);
					expect(a.y - d.radius).toBeGreaterThanOrEqual(0);
					expect(a.y + d.radius).toBeLessThanOrEqual(VIEW);
					for (const b of d.nodes.slice(i + 1))
						expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(2 * d.radius + GAP - 0.05);
				}
			}
		}
	});

	it('starts at the top and mirrors the direction of travel in right-to-left languages', () => {
		const ltr = circleDrawing(4, false);
		const rtl = circleDrawing(4, true);
		expect(ltr.nodes[0]).toEqual(rtl.nodes[0]);
		expect(ltr.nodes[0]!.y).toBeLessThan(ltr.nodes[2]!.y);
		// The second session is to the right in English, to the left in Arabic.
		expect(ltr.nodes[1]!.x).toBeGreaterThan(150);
		expect(rtl.nodes[1]!.x).toBeLessThan(150);
		expect(ltr.arrows[0]).toMatch(/ 0 0 1 /);
		expect(rtl.arrows[0]).toMatch(/ 0 0 0 /);
	});

	it('draws one session without arrows and nothing for none', () => {
		expect(circleDrawing(1, false).arrows).toEqual([]);
		expect(circleDrawing(0, false).nodes).toEqual([]);
	});
});
