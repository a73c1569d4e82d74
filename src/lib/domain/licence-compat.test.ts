/**
 * Licence compatibility: every pair of offered licences, collected side by side and adapted
 * together, against expectations written here from the licence names alone (BY, NC, SA, ND
 * and the version in the id), not from the JSON the rules read. Then properties over any
 * number of sources: order never matters, public domain sources never change anything,
 * NC and SA always carry into what an adaptation may be licensed under.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptVerdict, canTranslate, collectVerdict, type AdaptVerdict } from './licence-compat';
import { facts, licence, licenceIds, type LicenceId } from './licences';

interface Named {
	publicDomain: boolean;
	mark: boolean;
	by: boolean;
	nc: boolean;
	sa: boolean;
	nd: boolean;
	version: string;
}

/** What the id itself says: CC0-1.0, PDM-1.0, CC-BY[-NC][-SA|-ND]-x.y. */
function named(id: LicenceId): Named {
	if (id === 'CC0-1.0' || id === 'PDM-1.0')
		return {
			publicDomain: true,
			mark: id === 'PDM-1.0',
			by: false,
			nc: false,
			sa: false,
			nd: false,
			version: '1.0'
		};
	const m = /^CC-(BY(?:-NC)?(?:-SA|-ND)?)-(\d\.\d)$/.exec(id);
	if (!m) throw new Error(`unexpected id ${id}`);
	const parts = (m[1] ?? '').split('-');
	return {
		publicDomain: false,
		mark: false,
		by: true,
		nc: parts.includes('NC'),
		sa: parts.includes('SA'),
		nd: parts.includes('ND'),
		version: m[2] ?? ''
	};
}

const sameElements = (a: Named, b: Named) =>
	a.publicDomain === b.publicDomain && a.mark === b.mark && a.nc === b.nc && a.sa === b.sa && a.nd === b.nd;
const inOrder = (ids: LicenceId[]) => licenceIds.filter((id) => ids.includes(id));

/**
 * Which licences may a ShareAlike source's adaptation carry: the same licence elements, the
 * same version or (from 2.0 on, whose legal code says so) a later one.
 */
function shareAlikeTargets(source: LicenceId): LicenceId[] {
	const s = named(source);
	return licenceIds.filter((c) => {
		const n = named(c);
		return sameElements(n, s) && (s.version === '1.0' ? n.version === s.version : n.version >= s.version);
	});
}

type Expected =
	| { ok: true; allowed: LicenceId[] }
	| { ok: false; reason: Exclude<AdaptVerdict, { ok: true }>['reason']; sources: LicenceId[] };

/** The rules for adapting two works together, written out case by case. */
function expectedAdapt(a: LicenceId, b: LicenceId): Expected {
	const [na, nb] = [named(a), named(b)];

	// 1. NoDerivatives anywhere: no adaptation at all.
	if (na.nd || nb.nd)
		return { ok: false, reason: 'no-derivatives', sources: inOrder([a, b].filter((x) => named(x).nd)) };

	// 2. Both ShareAlike: each demands its own licence; they must have one in common.
	if (na.sa && nb.sa) {
		const common = shareAlikeTargets(a).filter((c) => shareAlikeTargets(b).includes(c));
		if (common.length === 0) return { ok: false, reason: 'sharealike-conflict', sources: inOrder([a, b]) };
		return { ok: true, allowed: common };
	}

	// 3. One ShareAlike: the result takes its licence, which must keep the other's NC.
	if (na.sa || nb.sa) {
		const [sa, other] = na.sa ? [a, b] : [b, a];
		if (named(other).nc && !named(sa).nc)
			return { ok: false, reason: 'sharealike-noncommercial-conflict', sources: inOrder([a, b]) };
		return { ok: true, allowed: shareAlikeTargets(sa) };
	}

	// 4. No ShareAlike: any licence that keeps NC if a source has it and attribution if a
	//    source asks for it; never the public domain mark, which is not for new work.
	const anyNc = na.nc || nb.nc;
	const anyBy = na.by || nb.by;
	return {
		ok: true,
		allowed: licenceIds.filter((c) => {
			const n = named(c);
			return !n.mark && (!anyNc || n.nc) && (!anyBy || n.by);
		})
	};
}

describe('every pair of licences', () => {
	describe.each(licenceIds)('%s', (a) => {
		it.each(licenceIds)(`with %s`, (b) => {
			const [na, nb] = [named(a), named(b)];

			// Collected side by side: always allowed; the delivery carries what its parts carry.
			expect(collectVerdict(a, b)).toEqual({
				ok: true,
				asDelivered: {
					nonCommercial: na.nc || nb.nc,
					attribution: na.by || nb.by,
					notice: !(na.publicDomain && nb.publicDomain),
					unmodifiedParts: na.nd || nb.nd
				}
			});

			// Adapted together into one work.
			const expected = expectedAdapt(a, b);
			const verdict = adaptVerdict([a, b]);
			if (expected.ok) {
				expect(verdict).toEqual({
					ok: true,
					allowedLicences: expected.allowed,
					requirements: {
						attribution: na.by || nb.by,
						notice: !(na.publicDomain && nb.publicDomain),
						nonCommercial: na.nc || nb.nc,
						shareAlike: na.sa || nb.sa
					}
				});
			} else {
				expect(verdict).toEqual(expected);
			}
		});
	});
});

describe('well-known cases, spelled out', () => {
	const allowed = (sources: LicenceId[]) => {
		const v = adaptVerdict(sources);
		return v.ok ? v.allowedLicences : v.reason;
	};
	it('BY-SA with BY-NC-SA cannot be adapted together', () => {
		expect(allowed(['CC-BY-SA-4.0', 'CC-BY-NC-SA-4.0'])).toBe('sharealike-conflict');
	});
	it('BY-SA with BY-NC cannot either: SA allows commercial use, NC forbids it', () => {
		expect(allowed(['CC-BY-SA-4.0', 'CC-BY-NC-4.0'])).toBe('sharealike-noncommercial-conflict');
	});
	it('BY-NC with BY-NC-SA gives BY-NC-SA', () => {
		expect(allowed(['CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0'])).toEqual(['CC-BY-NC-SA-4.0']);
	});
	it('BY-SA 3.0 with BY-SA 4.0 gives BY-SA 4.0 (a later version of the same licence)', () => {
		expect(allowed(['CC-BY-SA-3.0', 'CC-BY-SA-4.0'])).toEqual(['CC-BY-SA-4.0']);
	});
	it('BY-SA 1.0 allowed no later version, so it cannot meet BY-SA 2.0', () => {
		expect(allowed(['CC-BY-SA-1.0', 'CC-BY-SA-2.0'])).toBe('sharealike-conflict');
		expect(allowed(['CC-BY-SA-1.0'])).toEqual(['CC-BY-SA-1.0']);
	});
	it('anything with ND is refused, and says which source', () => {
		expect(adaptVerdict(['CC-BY-4.0', 'CC-BY-NC-ND-4.0', 'CC0-1.0'])).toEqual({
			ok: false,
			reason: 'no-derivatives',
			sources: ['CC-BY-NC-ND-4.0']
		});
	});
	it('public domain sources leave every licence open but the mark', () => {
		expect(allowed(['CC0-1.0', 'PDM-1.0'])).toEqual(licenceIds.filter((id) => id !== 'PDM-1.0'));
	});
	it('a chosen licence must be one of those allowed', () => {
		expect(adaptVerdict(['CC-BY-NC-SA-4.0'], 'CC-BY-NC-SA-4.0').ok).toBe(true);
		expect(adaptVerdict(['CC-BY-NC-4.0'], 'CC-BY-4.0')).toMatchObject({
			ok: false,
			reason: 'licence-not-allowed',
			chosen: 'CC-BY-4.0'
		});
	});
	it('collecting NC with anything delivers non-commercially, and keeps ND parts as they are', () => {
		expect(collectVerdict('CC-BY-SA-4.0', 'CC-BY-NC-ND-4.0', 'CC0-1.0')).toEqual({
			ok: true,
			asDelivered: { attribution: true, notice: true, nonCommercial: true, unmodifiedParts: true }
		});
	});
});

describe('canTranslate', () => {
	it.each(licenceIds)('%s', (id) => {
		expect(canTranslate(id)).toBe(!named(id).nd);
		expect(canTranslate(id)).toBe(adaptVerdict([id]).ok);
	});
});

describe('properties', () => {
	const anyId = fc.constantFrom(...licenceIds);
	const sources = fc.array(anyId, { maxLength: 6 });
	const chosen = fc.option(anyId, { nil: undefined });
	const publicDomain = fc.constantFrom(...licenceIds.filter((id) => facts(id).isPublicDomain));

	it('collecting is always allowed', () => {
		fc.assert(
			fc.property(fc.array(anyId, { maxLength: 12 }), (parts) => {
				const v = collectVerdict(...parts);
				expect(v.ok).toBe(true);
				if (v.ok) expect(v.asDelivered.nonCommercial).toBe(parts.some((id) => !facts(id).mayUseCommercially));
			})
		);
	});

	it('the adapt verdict does not depend on the order of the sources', () => {
		const permuted = sources.chain((s) =>
			fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))
		);
		fc.assert(
			fc.property(permuted, chosen, ([s, p], c) => {
				expect(adaptVerdict(p, c)).toEqual(adaptVerdict(s, c));
			})
		);
	});

	it('adding a public domain source never changes the verdict', () => {
		fc.assert(
			fc.property(sources, publicDomain, fc.nat(), chosen, (s, pd, at, c) => {
				const withPd = [...s];
				withPd.splice(at % (s.length + 1), 0, pd);
				expect(adaptVerdict(withPd, c)).toEqual(adaptVerdict(s, c));
			})
		);
	});

	it('repeating a source changes nothing', () => {
		fc.assert(
			fc.property(sources, chosen, (s, c) => {
				expect(adaptVerdict([...s, ...s], c)).toEqual(adaptVerdict(s, c));
			})
		);
	});

	it('an allowed adaptation keeps NC when a source is NC, and the SA licence when a source is SA', () => {
		fc.assert(
			fc.property(sources, (s) => {
				const v = adaptVerdict(s);
				if (!v.ok) return;
				expect(v.allowedLicences.length).toBeGreaterThan(0);
				for (const target of v.allowedLicences) {
					if (s.some((id) => !facts(id).mayUseCommercially))
						expect(facts(target).mayUseCommercially).toBe(false);
					for (const sa of s.filter((id) => facts(id).requiresShareAlike)) {
						expect(facts(target)).toEqual(facts(sa));
						expect(Number(licence(target).version)).toBeGreaterThanOrEqual(Number(licence(sa).version));
					}
				}
			})
		);
	});

	it('a chosen licence is accepted exactly when it is among the allowed ones', () => {
		fc.assert(
			fc.property(sources, anyId, (s, c) => {
				const open = adaptVerdict(s);
				const withChoice = adaptVerdict(s, c);
				if (open.ok) expect(withChoice.ok).toBe(open.allowedLicences.includes(c));
				else expect(withChoice).toEqual(open);
			})
		);
	});

	it('never falls back to the generic refusal with the CC licences as they are', () => {
		fc.assert(
			fc.property(sources, (s) => {
				const v = adaptVerdict(s);
				expect(v.ok || v.reason !== 'no-common-licence').toBe(true);
			})
		);
	});
});
