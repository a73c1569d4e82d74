/**
 * What the program's outputs (facilitator guide, learner view, offline copy) share and
 * compute the same way: a session's running clock (each item's start and end from the
 * session's start, as far as durations are known), and how a learner's copy differs from a
 * facilitator's. Pure: the pages and the offline builder both use it.
 */
import type { ProgramItem, ProgramSession, ResourceItem } from './programs';

export interface ScheduledItem {
	item: ProgramItem;
	/** The item's time here: its own, else the resource's; null when unknown. */
	minutes: number | null;
	/** Minutes from the session's start; null once an earlier item's length is unknown. */
	start: number | null;
	end: number | null;
}

export function sessionSchedule(
	session: Pick<ProgramSession, 'items'>,
	resourceMinutes: (item: ResourceItem) => number | null = () => null
): ScheduledItem[] {
	let at: number | null = 0;
	return session.items.map((item) => {
		const minutes = item.duration_minutes ?? (item.kind === 'resource' ? resourceMinutes(item) : null);
		const start = at;
		const end = start !== null && minutes !== null ? start + minutes : null;
		at = end;
		return { item, minutes, start, end };
	});
}

/** A time of day within a session, "0:00", "1:05": hours are not padded, minutes always two digits. */
export function clock(minutes: number): string {
	const m = Math.max(0, Math.round(minutes));
	return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** Who a copy of the program is for: learners never see facilitator notes or the materials list. */
export type Audience = 'facilitator' | 'learner';

export const showsFacilitatorParts = (audience: Audience) => audience === 'facilitator';
