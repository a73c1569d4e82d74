/**
 * What a program carries, licence-wise, and where it runs into a real conflict. A program
 * is mostly a collection: its resources sit side by side, unmodified, each under its own
 * licence (collectVerdict). Its own text (session plans, notes, activities) is the authors'
 * work under the licence they choose, and an activity whose instructions adapt resources of
 * the program is an adaptation of them (adaptVerdict). Every rule comes from licence-compat,
 * which reads the CC data; this module only arranges the verdicts for a program.
 */
import { adaptVerdict, collectVerdict, type Obligations } from './licence-compat';
import { ALL_RIGHTS_RESERVED, facts, isLicenceId, type LicenceId, type ResourceLicenceId } from './licences';
import type { MessageKey } from '../i18n/keys';

/** Two works, put together one way or the other: one cell of the licence table. */
export type PairAct = 'collect' | 'adapt';

export type PairVerdict =
	| {
			verdict: 'fine';
			/** For adapting: the licences the result may carry. For collecting: every part keeps its own. */
			licences: readonly LicenceId[];
			nonCommercial: boolean;
			/** Parts whose licence goes with them unchanged into the whole (ShareAlike or NoDerivatives). */
			keepOwnLicence: readonly LicenceId[];
	  }
	| {
			/** The act is not allowed at all: a part forbids it (NoDerivatives, or no sharing). */
			verdict: 'refused';
			reason: 'no-derivatives' | 'sharing-not-permitted';
			sources: readonly LicenceId[];
	  }
	| {
			/** Each part alone is fine, together their terms cannot all be met. */
			verdict: 'conflict';
			reason: 'sharealike-conflict' | 'sharealike-noncommercial-conflict' | 'no-common-licence';
			sources: readonly LicenceId[];
	  };

const keepsOwn = (id: LicenceId) => facts(id).requiresShareAlike || !facts(id).mayAdapt;
const ordered = (ids: readonly LicenceId[]) => ids.filter((x, i) => ids.indexOf(x) === i);

/** Works collected side by side, or adapted together into one new work. */
export function combine(act: PairAct, parts: readonly LicenceId[]): PairVerdict {
	if (act === 'collect') {
		const v = collectVerdict(...parts);
		if (!v.ok) return { verdict: 'refused', reason: v.reason, sources: v.parts };
		return {
			verdict: 'fine',
			licences: ordered(parts),
			nonCommercial: v.asDelivered.nonCommercial,
			keepOwnLicence: ordered(parts.filter(keepsOwn))
		};
	}
	const v = adaptVerdict(parts);
	if (v.ok)
		return {
			verdict: 'fine',
			licences: v.allowedLicences,
			nonCommercial: v.requirements.nonCommercial,
			keepOwnLicence: []
		};
	if (v.reason === 'no-derivatives') return { verdict: 'refused', reason: v.reason, sources: v.sources };
	if (v.reason === 'licence-not-allowed')
		// Unreachable without a chosen licence; kept total so a change upstream cannot slip through.
		return { verdict: 'conflict', reason: 'no-common-licence', sources: ordered(parts) };
	return { verdict: 'conflict', reason: v.reason, sources: v.sources };
}

// --- A program's licences -----------------------------------------------------------------

export interface LicensedComponent {
	item_id: string;
	licence: ResourceLicenceId;
}

export interface Adaptation {
	/** The activity item whose text adapts the sources. */
	item_id: string;
	/** The resource items it adapts. */
	sources: readonly string[];
}

export type LicenceConflict =
	| { kind: 'adapting-no-derivatives'; item_id: string; sources: readonly string[] }
	| {
			kind: 'sharealike-conflict' | 'sharealike-noncommercial-conflict' | 'no-common-licence';
			item_id: string;
			sources: readonly string[];
	  }
	| {
			/** The program's own licence is not one the adapted material allows (ShareAlike, NonCommercial). */
			kind: 'licence-not-allowed';
			item_id: string;
			sources: readonly string[];
			chosen: LicenceId;
			allowed: readonly LicenceId[];
	  };

export interface ProgramLicenceSummary {
	/** The licence the authors chose for the program's own text. */
	own: LicenceId;
	/** What the program, as delivered with its components, carries. */
	asDelivered: Obligations & {
		/** Some component may not be changed: it is delivered exactly as it is. */
		unmodifiedParts: boolean;
	};
	/** Components that stay under their own licence whatever the program's is (ShareAlike, NoDerivatives). */
	keepOwnLicence: string[];
	/** Linked components under "all rights reserved": pointed to, never copied. */
	linkedOnly: string[];
	conflicts: LicenceConflict[];
}

/**
 * The program's licence picture: what the whole carries when delivered (an NC component
 * makes it non-commercial), which components keep their own licence, and every real conflict
 * in its adaptations.
 */
export function programLicences(
	own: LicenceId,
	components: readonly LicensedComponent[],
	adaptations: readonly Adaptation[] = []
): ProgramLicenceSummary {
	const licensed = components.filter((c): c is LicensedComponent & { licence: LicenceId } =>
		isLicenceId(c.licence)
	);
	const collected = collectVerdict(own, ...licensed.map((c) => c.licence));
	const asDelivered = collected.ok
		? collected.asDelivered
		: { attribution: true, notice: true, nonCommercial: true, unmodifiedParts: true };
	const byItem = new Map(components.map((c) => [c.item_id, c.licence]));

	const conflicts: LicenceConflict[] = [];
	for (const a of adaptations) {
		const sources = a.sources.filter((s) => byItem.has(s));
		if (sources.length === 0) continue;
		const reserved = sources.filter(
			(s) => byItem.get(s) === ALL_RIGHTS_RESERVED || !isLicenceId(byItem.get(s))
		);
		if (reserved.length > 0) {
			conflicts.push({ kind: 'adapting-no-derivatives', item_id: a.item_id, sources: reserved });
			continue;
		}
		const licences = sources.map((s) => byItem.get(s) as LicenceId);
		const v = adaptVerdict(licences, own);
		if (v.ok) continue;
		const which = (ids: readonly LicenceId[]) =>
			sources.filter((s) => ids.includes(byItem.get(s) as LicenceId));
		if (v.reason === 'no-derivatives')
			conflicts.push({ kind: 'adapting-no-derivatives', item_id: a.item_id, sources: which(v.sources) });
		else if (v.reason === 'licence-not-allowed')
			conflicts.push({
				kind: 'licence-not-allowed',
				item_id: a.item_id,
				sources,
				chosen: v.chosen,
				allowed: v.allowedLicences
			});
		else conflicts.push({ kind: v.reason, item_id: a.item_id, sources: which(v.sources) });
	}
	return {
		own,
		asDelivered,
		keepOwnLicence: licensed.filter((c) => keepsOwn(c.licence)).map((c) => c.item_id),
		linkedOnly: components.filter((c) => c.licence === ALL_RIGHTS_RESERVED).map((c) => c.item_id),
		conflicts
	};
}

/** What the page says about each conflict. */
export const CONFLICT_MESSAGES: Readonly<Record<LicenceConflict['kind'], MessageKey>> = {
	'adapting-no-derivatives': 'program_conflict_no_derivatives',
	'sharealike-conflict': 'program_conflict_sharealike',
	'sharealike-noncommercial-conflict': 'program_conflict_sharealike_nc',
	'licence-not-allowed': 'program_conflict_licence_not_allowed',
	'no-common-licence': 'program_conflict_no_common_licence'
};
