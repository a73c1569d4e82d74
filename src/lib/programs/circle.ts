/**
 * Where a circle program's sessions sit in its drawing: evenly around a ring, starting at
 * the top, travelling clockwise in left-to-right languages and counter-clockwise in
 * right-to-left ones (the way a reader's eye moves), with an arrow along the ring from each
 * session to the next and from the last back to the first: there is no first session.
 * Labels sit inside the markers, so markers that never touch keep labels apart.
 */
export const VIEW = 300;
const CENTER = VIEW / 2;
const RING = 112;
/** Space kept between markers, and between a marker and an arrow's end. */
export const GAP = 4;

export interface CircleNode {
	x: number;
	y: number;
}

export interface CircleDrawing {
	radius: number;
	ring: { cx: number; cy: number; r: number };
	nodes: CircleNode[];
	/** SVG path data, one arrow from node i to node i+1 (the last to the first). */
	arrows: string[];
}

const round = (n: number) => Math.round(n * 100) / 100;

export function circleDrawing(count: number, rtl: boolean): CircleDrawing {
	const n = Math.max(0, Math.floor(count));
	const step = n > 0 ? (2 * Math.PI) / n : 0;
	// Neighbours are a chord apart; markers take under a third of it each, leaving room for the arrow between.
	const chord = n > 1 ? 2 * RING * Math.sin(Math.PI / n) : Infinity;
	const radius = Math.max(6, Math.min(24, chord * 0.3));
	const turn = rtl ? -1 : 1;
	const angle = (i: number) => -Math.PI / 2 + turn * i * step;
	const at = (a: number): CircleNode => ({
		x: round(CENTER + RING * Math.cos(a)),
		y: round(CENTER + RING * Math.sin(a))
	});
	const nodes = Array.from({ length: n }, (_, i) => at(angle(i)));
	const trim = (radius + GAP) / RING;
	const arrows =
		n < 2
			? []
			: nodes.map((_, i) => {
					const from = at(angle(i) + turn * trim);
					const to = at(angle(i + 1) - turn * trim);
					return `M ${from.x} ${from.y} A ${RING} ${RING} 0 0 ${rtl ? 0 : 1} ${to.x} ${to.y}`;
				});
	return { radius: round(radius), ring: { cx: CENTER, cy: CENTER, r: RING }, nodes, arrows };
}
