/**
 * Every pair of licences × {collect side by side, adapt together}. The expected cell is
 * computed here from the CC data itself (each licence's permits / requires / prohibits and
 * its version and kind, read from licences.data.json), by rules written independently of
 * licence-compat: NoDerivatives refuses any adaptation; two ShareAlike licences must share
 * a target; ShareAlike cannot absorb a NonCommercial part unless it is NC itself; otherwise
 * the result keeps NC and attribution. Then a few cells everybody knows, pinned by hand.
 */
import { describe, expect, it } from 'vitest';
import data from './licences.data.json';
import { licenceIds, type LicenceId } from './licences';
import { CONFLICT_MESSAGES, combine, programLicences, type PairVerdict } from './program-licences';

interface Raw {
	kind: string;
	version: string;
	permits: string[];
	requires: string[];
	prohibits: string[];
}
const raw = (id: LicenceId): Raw => data.licences[id] as Raw;
const permits = (id: LicenceId, p: string) => raw(id).permits.includes(p);
const requires = (id: LicenceId, r: string) => raw(id).requires.includes(r);
const prohibits = (id: LicenceId, p: string) => raw(id).prohibits.includes(p);
const inOrder = (ids: LicenceId[]) => licenceIds.filter((id) => ids.includes(id));

/** Same licence elements, as the data states them. */
const sameTerms = (a: LicenceId, b: LicenceId) =>
	raw(a).kind === raw(b).kind &&
	['Attribution', 'ShareAlike'].every((r) => requires(a, r) === requires(b, r)) &&
	prohibits(a, 'CommercialUse') === prohibits(b, 'CommercialUse') &&
	permits(a, 'DerivativeWorks') === permits(b, 'DerivativeWorks');

const version = (id: LicenceId) => Number(raw(id).version);

/**
 * The licences a ShareAlike work's adaptation may carry: its own terms, at its version, or
 * at a later one from 2.0 on (the 1.0 legal code allowed only "this License").
 */
const shareAlikeTargets = (sa: LicenceId) =>
	licenceIds.filter(
		(c) => sameTerms(c, sa) && (version(sa) < 2 ? version(c) === version(sa) : version(c) >= version(sa))
	);

function expected(act: 'collect' | 'adapt', a: LicenceId, b: LicenceId): PairVerdict {
	const pair = inOrder([a, b]);
	const nc = prohibits(a, 'CommercialUse') || prohibits(b, 'CommercialUse');
	const sa = pair.filter((x) => requires(x, 'ShareAlike'));
	const nd = pair.filter((x) => !permits(x, 'DerivativeWorks'));
	if (act === 'collect') {
		const unshareable = pair.filter((x) => !permits(x, 'Reproduction') || !permits(x, 'Distribution'));
		if (unshareable.length > 0)
			return { verdict: 'refused', reason: 'sharing-not-permitted', sources: unshareable };
		const keep = [a, b].filter((x) => requires(x, 'ShareAlike') || !permits(x, 'DerivativeWorks'));
		return {
			verdict: 'fine',
			licences: [a, b].filter((x, i, all) => all.indexOf(x) === i),
			nonCommercial: nc,
			keepOwnLicence: keep.filter((x, i, all) => all.indexOf(x) === i)
		};
	}
	if (nd.length > 0) return { verdict: 'refused', reason: 'no-derivatives', sources: nd };
	if (sa.length > 0) {
		const targets = sa.map(shareAlikeTargets).reduce((x, y) => x.filter((c) => y.includes(c)));
		if (targets.length === 0) return { verdict: 'conflict', reason: 'sharealike-conflict', sources: sa };
		const other = pair.find((x) => !requires(x, 'ShareAlike'));
		if (other && prohibits(other, 'CommercialUse') && !prohibits(sa[0]!, 'CommercialUse'))
			return { verdict: 'conflict', reason: 'sharealike-noncommercial-conflict', sources: pair };
		return { verdict: 'fine', licences: targets, nonCommercial: nc, keepOwnLicence: [] };
	}
	const by = requires(a, 'Attribution') || requires(b, 'Attribution');
	return {
		verdict: 'fine',
		licences: licenceIds.filter(
			(c) =>
				raw(c).kind !== 'mark' &&
				(!nc || prohibits(c, 'CommercialUse')) &&
				(!by || requires(c, 'Attribution'))
		),
		nonCommercial: nc,
		keepOwnLicence: []
	};
}

describe('every pair of licences, collected and adapted', () => {
	const cells = licenceIds.flatMap((a) => licenceIds.map((b) => [a, b] as const));
	it(`covers all ${licenceIds.length}² pairs, CC0 and the Public Domain Mark included`, () => {
		expect(cells.length).toBe(licenceIds.length ** 2);
		expect(licenceIds).toContain('CC0-1.0');
		expect(licenceIds).toContain('PDM-1.0');
	});
	describe.each(['collect', 'adapt'] as const)('%s', (act) => {
		it.each(cells)(`%s + %s`, (a, b) => {
			expect(combine(act, [a, b])).toEqual(expected(act, a, b));
		});
	});
});

describe('well-known cells', () => {
	it('BY-SA + BY-NC-SA adapted together is a conflict', () => {
		expect(combine('adapt', ['CC-BY-SA-4.0', 'CC-BY-NC-SA-4.0'])).toMatchObject({
			verdict: 'conflict',
			reason: 'sharealike-conflict'
		});
	});
	it('BY + BY-SA adapted together becomes BY-SA', () => {
		expect(combine('adapt', ['CC-BY-4.0', 'CC-BY-SA-4.0'])).toMatchObject({
			verdict: 'fine',
			licences: ['CC-BY-SA-4.0']
		});
	});
	it.each(licenceIds)('BY-ND + %s adapted together is refused', (other) => {
		expect(combine('adapt', ['CC-BY-ND-4.0', other])).toMatchObject({
			verdict: 'refused',
			reason: 'no-derivatives'
		});
	});
	it('CC0 + BY collected side by side is fine and not non-commercial', () => {
		expect(combine('collect', ['CC0-1.0', 'CC-BY-4.0'])).toMatchObject({
			verdict: 'fine',
			nonCommercial: false
		});
	});
	it('an NC part makes a collection non-commercial; SA and ND parts keep their own licence', () => {
		expect(combine('collect', ['CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC-BY-ND-4.0'])).toEqual({
			verdict: 'fine',
			licences: ['CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC-BY-ND-4.0'],
			nonCommercial: true,
			keepOwnLicence: ['CC-BY-SA-4.0', 'CC-BY-ND-4.0']
		});
	});
});

describe('programLicences', () => {
	it('says what the whole carries as delivered and which parts keep their licence', () => {
		const s = programLicences('CC-BY-4.0', [
			{ item_id: 'a', licence: 'CC-BY-SA-4.0' },
			{ item_id: 'b', licence: 'CC-BY-NC-4.0' },
			{ item_id: 'c', licence: 'CC-BY-ND-4.0' },
			{ item_id: 'd', licence: 'all-rights-reserved' }
		]);
		expect(s.asDelivered).toEqual({
			attribution: true,
			notice: true,
			nonCommercial: true,
			unmodifiedParts: true
		});
		expect(s.keepOwnLicence).toEqual(['a', 'c']);
		expect(s.linkedOnly).toEqual(['d']);
		expect(s.conflicts).toEqual([]);
	});

	it('an all-CC0 program with a CC0 own licence carries nothing', () => {
		const s = programLicences('CC0-1.0', [{ item_id: 'a', licence: 'PDM-1.0' }]);
		expect(s.asDelivered).toEqual({
			attribution: false,
			notice: false,
			nonCommercial: false,
			unmodifiedParts: false
		});
	});

	it('reports the three real conflicts of adapted text', () => {
		const components = [
			{ item_id: 'nd', licence: 'CC-BY-ND-4.0' as const },
			{ item_id: 'sa', licence: 'CC-BY-SA-4.0' as const },
			{ item_id: 'ncsa', licence: 'CC-BY-NC-SA-4.0' as const },
			{ item_id: 'link', licence: 'all-rights-reserved' as const }
		];
		const s = programLicences('CC-BY-SA-4.0', components, [
			{ item_id: 'x1', sources: ['nd'] },
			{ item_id: 'x2', sources: ['sa', 'ncsa'] },
			{ item_id: 'x3', sources: ['link'] },
			{ item_id: 'ok', sources: ['sa'] }
		]);
		expect(s.conflicts).toEqual([
			{ kind: 'adapting-no-derivatives', item_id: 'x1', sources: ['nd'] },
			{ kind: 'sharealike-conflict', item_id: 'x2', sources: ['sa', 'ncsa'] },
			{ kind: 'adapting-no-derivatives', item_id: 'x3', sources: ['link'] }
		]);
		// Adapting BY-SA under the program's BY-NC licence: SA does not allow that choice.
		const chosen = programLicences('CC-BY-NC-4.0', components, [{ item_id: 'y', sources: ['sa'] }]);
		expect(chosen.conflicts).toEqual([
			{
				kind: 'licence-not-allowed',
				item_id: 'y',
				sources: ['sa'],
				chosen: 'CC-BY-NC-4.0',
				allowed: ['CC-BY-SA-4.0']
			}
		]);
		for (const c of [...s.conflicts, ...chosen.conflicts])
			expect(CONFLICT_MESSAGES[c.kind]).toMatch(/^program_/);
	});
});
