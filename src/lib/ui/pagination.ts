/**
 * Which page numbers a pagination bar shows: always the first and last, the
 * current page and its neighbours, and a gap marker where pages are skipped, so
 * the bar stays short enough for a 320 px screen however many pages there are.
 */
export type PageItem = number | 'gap';

export function pageWindow(page: number, pages: number, around = 1): PageItem[] {
	if (pages < 1) return [];
	const current = Math.min(Math.max(1, Math.trunc(page)), pages);
	const shown = new Set<number>([1, pages]);
	for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= pages) shown.add(p);
	const sorted = [...shown].sort((a, b) => a - b);
	const items: PageItem[] = [];
	let previous = 0;
	for (const p of sorted) {
		// A gap of exactly one page shows that page: a "…" would take as much room.
		if (p - previous === 2) items.push(previous + 1);
		else if (p - previous > 2) items.push('gap');
		items.push(p);
		previous = p;
	}
	return items;
}
