/**
 * Licence compatibility: may these works be put together, and under which licence may the
 * result be shared? Two different acts, with different rules (DESIGN.md, "Licences"):
 *
 * - Collecting: unmodified works side by side in a program. Each work keeps its own licence,
 *   so any works that may be shared may be collected; what the whole carries as delivered
 *   follows from its parts (one non-commercial part makes the delivery non-commercial).
 * - Adapting: translating, remixing or changing works into one new work. NoDerivatives
 *   forbids it, ShareAlike ties the result to the same licence, NonCommercial and
 *   Attribution carry over.
 *
 * Every rule reads the licence facts (licences.ts), which come from the CC data; results are
 * machine codes for the UI to translate, and do not depend on the order of the sources.
 */
import { facts, licence, licenceIds, type LicenceId, type Permission } from './licences';

/** What a collection or an adaptation obliges whoever shares it to do. */
export interface Obligations {
	/** Credit each source (title, author, source, licence; and what was changed). */
	readonly attribution: boolean;
	/** Keep the sources' copyright and licence notices intact. */
	readonly notice: boolean;
	/** No commercial use of the result. */
	readonly nonCommercial: boolean;
}

export type CollectVerdict =
	| {
			readonly ok: true;
			/** What the collection as delivered carries. */
			readonly asDelivered: Obligations & {
				/** Some part forbids changes: it must be delivered exactly as it is. */
				readonly unmodifiedParts: boolean;
			};
	  }
	| {
			readonly ok: false;
			readonly reason: 'sharing-not-permitted';
			/** The parts whose licence does not permit copying and distributing them. */
			readonly parts: readonly LicenceId[];
	  };

export type AdaptVerdict =
	| {
			readonly ok: true;
			/** Licences the adaptation may carry, in the order they are offered (licenceIds). */
			readonly allowedLicences: readonly LicenceId[];
			readonly requirements: Obligations & {
				/** A source is ShareAlike: the adaptation must carry its licence (allowedLicences). */
				readonly shareAlike: boolean;
			};
	  }
	| {
			readonly ok: false;
			/** A source forbids derivative works (ND). */
			readonly reason: 'no-derivatives';
			readonly sources: readonly LicenceId[];
	  }
	| {
			readonly ok: false;
			/** ShareAlike sources demand different licences for the result (BY-SA with BY-NC-SA). */
			readonly reason: 'sharealike-conflict';
			readonly sources: readonly LicenceId[];
	  }
	| {
			readonly ok: false;
			/** A ShareAlike source demands a licence that allows commercial use; another source forbids it. */
			readonly reason: 'sharealike-noncommercial-conflict';
			readonly sources: readonly LicenceId[];
	  }
	| {
			readonly ok: false;
			/**
			 * No licence fits every source for another reason. Unreachable with the CC licences as
			 * they are; kept so a change in the data can never yield "ok" with nothing allowed.
			 */
			readonly reason: 'no-common-licence';
			readonly sources: readonly LicenceId[];
	  }
	| {
			readonly ok: false;
			/** The licence chosen for the adaptation is not one the sources allow. */
			readonly reason: 'licence-not-allowed';
			readonly chosen: LicenceId;
			readonly allowedLicences: readonly LicenceId[];
	  };

export type AdaptRefusal = Exclude<AdaptVerdict, { ok: true }>['reason'];

/** Distinct ids in the order of licenceIds, so results never depend on the order given. */
function canonical(ids: readonly LicenceId[]): LicenceId[] {
	return licenceIds.filter((id) => ids.includes(id));
}

function obligationsOf(ids: readonly LicenceId[]): Obligations {
	return {
		attribution: ids.some((id) => facts(id).requiresAttribution),
		notice: ids.some((id) => facts(id).requiresNotice),
		nonCommercial: ids.some((id) => !facts(id).mayUseCommercially)
	};
}

/** Collecting copies each work and hands it on as it is. */
const SHARING: readonly Permission[] = ['Reproduction', 'Distribution'];

/**
 * Putting unmodified works side by side (a program, a reading list). Takes any number of
 * parts; `collectVerdict(a, b)` is the two-work case.
 */
export function collectVerdict(...parts: LicenceId[]): CollectVerdict {
	const notShareable = canonical(
		parts.filter((id) => !SHARING.every((p) => licence(id).permits.includes(p)))
	);
	if (notShareable.length > 0) return { ok: false, reason: 'sharing-not-permitted', parts: notShareable };
	return {
		ok: true,
		asDelivered: { ...obligationsOf(parts), unmodifiedParts: parts.some((id) => !facts(id).mayAdapt) }
	};
}

/**
 * ShareAlike from CC 2.0 on lets adaptations use "a later version of this License with the same
 * License Elements"; the 1.0 licences said "only under the terms of this License". This is in
 * the legal code, not in the machine-readable data, hence written here.
 */
const SHAREALIKE_LATER_VERSIONS_FROM = '2.0';

function compareVersions(a: string, b: string): number {
	const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
	const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
	return aMajor - bMajor || aMinor - bMinor;
}

/** Same licence elements: the same facts on the four things a CC licence can say. */
function sameElements(a: LicenceId, b: LicenceId): boolean {
	const fa = facts(a);
	const fb = facts(b);
	return (
		licence(a).kind === licence(b).kind &&
		fa.requiresAttribution === fb.requiresAttribution &&
		fa.requiresShareAlike === fb.requiresShareAlike &&
		fa.mayUseCommercially === fb.mayUseCommercially &&
		fa.mayAdapt === fb.mayAdapt
	);
}

/** Whether an adaptation under `candidate` honours a ShareAlike `source`. */
function honoursShareAlike(candidate: LicenceId, source: LicenceId): boolean {
	if (!sameElements(candidate, source)) return false;
	const from = licence(source).version;
	const to = licence(candidate).version;
	return compareVersions(from, SHAREALIKE_LATER_VERSIONS_FROM) >= 0
		? compareVersions(to, from) >= 0
		: compareVersions(to, from) === 0;
}

/** Whether an adaptation under `candidate` honours everything else a `source` asks. */
function honoursTerms(candidate: LicenceId, source: LicenceId): boolean {
	const s = facts(source);
	const c = facts(candidate);
	// Recipients of the adaptation must still not use the NC source commercially.
	if (!s.mayUseCommercially && c.mayUseCommercially) return false;
	// A licence without attribution would tell recipients they need not credit the source.
	if (s.requiresAttribution && !c.requiresAttribution) return false;
	return true;
}

/**
 * Adapting several works into one (a translation, a remix, an edited version). Returns the
 * licences the adaptation may carry, or why it may not be made; with `chosen`, also whether
 * that licence is one of them.
 */
export function adaptVerdict(sources: readonly LicenceId[], chosen?: LicenceId): AdaptVerdict {
	const noDerivatives = canonical(sources.filter((id) => !facts(id).mayAdapt));
	if (noDerivatives.length > 0) return { ok: false, reason: 'no-derivatives', sources: noDerivatives };

	const shareAlike = canonical(sources.filter((id) => facts(id).requiresShareAlike));
	const bySa = licenceIds.filter((c) => shareAlike.every((s) => honoursShareAlike(c, s)));
	if (bySa.length === 0) return { ok: false, reason: 'sharealike-conflict', sources: shareAlike };

	// A public domain mark labels a work that has no rights left; an adaptation has a new
	// author's rights in it, so it can be waived with CC0 but not marked as public domain.
	const allowed = bySa.filter((c) => licence(c).kind !== 'mark' && sources.every((s) => honoursTerms(c, s)));
	if (allowed.length === 0) {
		const nonCommercial = sources.filter((id) => !facts(id).mayUseCommercially);
		if (shareAlike.length > 0 && nonCommercial.length > 0)
			return {
				ok: false,
				reason: 'sharealike-noncommercial-conflict',
				sources: canonical([...shareAlike, ...nonCommercial])
			};
		return { ok: false, reason: 'no-common-licence', sources: canonical(sources) };
	}

	if (chosen !== undefined && !allowed.includes(chosen))
		return { ok: false, reason: 'licence-not-allowed', chosen, allowedLicences: allowed };
	return {
		ok: true,
		allowedLicences: allowed,
		requirements: { ...obligationsOf(sources), shareAlike: shareAlike.length > 0 }
	};
}

/** A translation is an adaptation: allowed exactly when the licence permits derivative works. */
export function canTranslate(id: LicenceId): boolean {
	return facts(id).mayAdapt;
}
