/**
 * Licence facts against the Creative Commons data. A table says, by hand, what each 4.0
 * licence and public domain tool lets people do; it is checked against facts() and against
 * the RDF files themselves, read here with plain regular expressions (not the generator's
 * parser), so neither a parser bug nor a JSON edit can slip through. The generator is rerun
 * to catch drift, and parsing is tried on what people actually write.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import data from './licences.data.json';
import {
	ALL_RIGHTS_RESERVED,
	facts,
	isAllowedForResource,
	isLicenceId,
	licence,
	licenceIds,
	parseLicenceId,
	parseResourceLicence,
	type LicenceFacts,
	type LicenceId
} from './licences';

// The shared fixtures sit beside the project (../shared), as DESIGN.md says; not copied in.
const RDF_DIR = fileURLToPath(
	new URL('../../../../shared/fixtures/creative-commons/licenserdf/', import.meta.url)
);
const GENERATOR = fileURLToPath(new URL('../../../scripts/generate-licences.js', import.meta.url));
const COMMITTED = fileURLToPath(new URL('./licences.data.json', import.meta.url));

interface RdfLicence {
	file: string;
	about: string;
	version: string;
	permits: string[];
	requires: string[];
	prohibits: string[];
	titleEn: string;
}

/** One licence file, read with regular expressions: deliberately not the generator's XML reader. */
function readRdf(file: string): RdfLicence | null {
	const text = fs.readFileSync(path.join(RDF_DIR, file), 'utf8');
	const about = /<cc:License rdf:about="([^"]+)"/.exec(text)?.[1];
	if (about === undefined) return null;
	const terms = (predicate: string) =>
		[
			...text.matchAll(
				new RegExp(`<cc:${predicate} rdf:resource="http://creativecommons\\.org/ns#(\\w+)"\\s*/>`, 'g')
			)
		]
			.map((m) => m[1] ?? '')
			.sort();
	return {
		file,
		about,
		version: /<dcq:hasVersion>([^<]+)<\/dcq:hasVersion>/.exec(text)?.[1] ?? '',
		permits: terms('permits'),
		requires: terms('requires'),
		prohibits: terms('prohibits'),
		titleEn: (/<dc:title xml:lang="en">([^<]+)<\/dc:title>/.exec(text)?.[1] ?? '').replace(/\s+/g, ' ').trim()
	};
}

const rdfLicences = fs
	.readdirSync(RDF_DIR)
	.filter((f) => f.endsWith('.rdf'))
	.map(readRdf)
	.filter((l) => l !== null);

/** Facts straight from the RDF triples, as the ccREL terms define them. */
function factsFromRdf(l: RdfLicence): Omit<LicenceFacts, 'requiresNotice'> {
	return {
		mayAdapt: l.permits.includes('DerivativeWorks'),
		mayUseCommercially: !l.prohibits.includes('CommercialUse'),
		requiresAttribution: l.requires.includes('Attribution'),
		requiresShareAlike: l.requires.includes('ShareAlike'),
		isPublicDomain: l.requires.length === 0 && l.prohibits.length === 0
	};
}

// What CC says each current tool allows (creativecommons.org/licenses), written out by hand.
const Y = true;
const N = false;
const table: [
	LicenceId,
	string,
	adapt: boolean,
	commercial: boolean,
	by: boolean,
	sa: boolean,
	pd: boolean
][] = [
	['CC-BY-4.0', 'creativecommons.org_licenses_by_4.0_.rdf', Y, Y, Y, N, N],
	['CC-BY-SA-4.0', 'creativecommons.org_licenses_by-sa_4.0_.rdf', Y, Y, Y, Y, N],
	['CC-BY-NC-4.0', 'creativecommons.org_licenses_by-nc_4.0_.rdf', Y, N, Y, N, N],
	['CC-BY-NC-SA-4.0', 'creativecommons.org_licenses_by-nc-sa_4.0_.rdf', Y, N, Y, Y, N],
	['CC-BY-ND-4.0', 'creativecommons.org_licenses_by-nd_4.0_.rdf', N, Y, Y, N, N],
	['CC-BY-NC-ND-4.0', 'creativecommons.org_licenses_by-nc-nd_4.0_.rdf', N, N, Y, N, N],
	['CC0-1.0', 'creativecommons.org_publicdomain_zero_1.0_.rdf', Y, Y, N, N, Y],
	['PDM-1.0', 'creativecommons.org_publicdomain_mark_1.0_.rdf', Y, Y, N, N, Y]
];

describe('facts of the current licences (table)', () => {
	it.each(table)(
		'%s',
		(id, file, mayAdapt, mayUseCommercially, requiresAttribution, requiresShareAlike, isPd) => {
			const expected = {
				mayAdapt,
				mayUseCommercially,
				requiresAttribution,
				requiresShareAlike,
				isPublicDomain: isPd
			};
			const rdf = rdfLicences.find((l) => l.file === file);
			expect(rdf, file).toBeDefined();
			if (!rdf) return;
			// The table agrees with the CC data…
			expect(factsFromRdf(rdf)).toEqual(expected);
			// …and with what the domain derives from the generated JSON.
			expect(facts(id)).toMatchObject(expected);
			expect(licence(id).url).toBe(rdf.about);
		}
	);
});

describe('generated data against the RDF files', () => {
	it('has one entry per licence file, and nothing else', () => {
		expect(rdfLicences.length).toBe(32);
		expect(
			Object.values(data.licences)
				.map((l) => l.url)
				.sort()
		).toEqual(rdfLicences.map((l) => l.about).sort());
	});

	it.each(rdfLicences.map((l) => [l.file, l] as const))('%s', (_file, rdf) => {
		const id = licenceIds.find((i) => licence(i).url === rdf.about);
		expect(id).toBeDefined();
		if (!id) return;
		const l = licence(id);
		expect([...l.permits]).toEqual(rdf.permits);
		expect([...l.requires]).toEqual(rdf.requires);
		expect([...l.prohibits]).toEqual(rdf.prohibits);
		expect(l.version).toBe(rdf.version);
		expect(l.titles.en).toBe(rdf.titleEn);
		expect(facts(id)).toMatchObject(factsFromRdf(rdf));
		// The id says the same as the URI (by-nd-nc 1.0 is CC-BY-NC-ND-1.0 in SPDX order).
		expect(parseLicenceId(rdf.about)).toBe(id);
	});

	it('offers exactly the licences in the data', () => {
		expect([...licenceIds].sort()).toEqual(Object.keys(data.licences).sort());
		expect(new Set(licenceIds).size).toBe(licenceIds.length);
	});

	it('marks public domain exactly the tools CC files under /publicdomain/', () => {
		for (const id of licenceIds)
			expect(facts(id).isPublicDomain, id).toBe(licence(id).url.includes('/publicdomain/'));
	});

	it('keeps titles readable: the stray French 4.0 text is left out, never shown', () => {
		for (const id of licenceIds) {
			const { titles } = licence(id);
			for (const title of Object.values(titles)) expect(title).not.toMatch(/Ceci peut|\s{2}/);
			expect(titles.ar, id).toBeTruthy();
		}
		expect(licence('CC-BY-SA-4.0').titles.fr).toBeUndefined();
		expect(licence('CC-BY-SA-3.0').titles.fr).toBe("Paternité - Partage à l'Identique 3.0 non transposé");
	});

	it('links legal code only where it is the licence’s own (the PD mark has none)', () => {
		expect(licence('PDM-1.0').legalcode).toBeNull();
		expect(licence('CC-BY-NC-SA-4.0').legalcode).toBe(
			'http://creativecommons.org/licenses/by-nc-sa/4.0/legalcode'
		);
	});

	it('follows replacements to a later version of the same licence', () => {
		expect(licence('CC-BY-NC-ND-1.0').replacedBy).toBe('CC-BY-NC-ND-2.0');
		for (const id of licenceIds) {
			const next = licence(id).replacedBy;
			if (next === null) continue;
			expect(facts(next)).toEqual(facts(id));
			expect(Number(licence(next).version)).toBeGreaterThan(Number(licence(id).version));
		}
	});
});

describe('generator', () => {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-licences-'));
	afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
	const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
		spawnSync(process.execPath, [GENERATOR, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

	it('reproduces the committed JSON from the data (no drift)', () => {
		const out = path.join(tmp, 'licences.data.json');
		execFileSync(process.execPath, [GENERATOR, RDF_DIR, '--out', out], { stdio: 'pipe' });
		expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(COMMITTED, 'utf8'));
	});

	it('takes the folder from CC_RDF_DIR and can check without writing', () => {
		const result = run(['--check'], { CC_RDF_DIR: RDF_DIR });
		expect(result.status, result.stderr).toBe(0);
	});

	it('refuses a term in the wrong slot, and skips ported licences', () => {
		const dir = path.join(tmp, 'tampered');
		fs.mkdirSync(dir);
		fs.copyFileSync(path.join(RDF_DIR, 'rdf_schema.rdf'), path.join(dir, 'rdf_schema.rdf'));
		const by = fs.readFileSync(path.join(RDF_DIR, 'creativecommons.org_licenses_by_4.0_.rdf'), 'utf8');
		const ported = by
			.replaceAll('/by/4.0/', '/by/3.0/fr/')
			.replace(
				'<cc:licenseClass',
				'<cc:jurisdiction rdf:resource="http://creativecommons.org/international/fr/"/><cc:licenseClass'
			);
		fs.writeFileSync(path.join(dir, 'ported.rdf'), ported);
		fs.writeFileSync(path.join(dir, 'by.rdf'), by);
		const out = path.join(dir, 'out.json');
		const ok = run([dir, '--out', out]);
		expect(ok.status, ok.stderr).toBe(0);
		expect(Object.keys(JSON.parse(fs.readFileSync(out, 'utf8')).licences)).toEqual(['CC-BY-4.0']);

		fs.writeFileSync(path.join(dir, 'by.rdf'), by.replace('<cc:requires', '<cc:permits'));
		const bad = run([dir, '--out', out]);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(/not a cc:Permission/);
	});
});

describe('parseLicenceId', () => {
	const cases: [string, LicenceId | null][] = [
		['CC-BY-NC-SA-4.0', 'CC-BY-NC-SA-4.0'],
		['cc-by-nc-sa-4.0', 'CC-BY-NC-SA-4.0'],
		['CC BY-NC-SA 4.0', 'CC-BY-NC-SA-4.0'],
		['  cc by nc sa 4.0  ', 'CC-BY-NC-SA-4.0'],
		['CC BY-SA-NC 4.0', 'CC-BY-NC-SA-4.0'],
		['Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International', 'CC-BY-NC-SA-4.0'],
		['https://creativecommons.org/licenses/by-nc-sa/4.0/', 'CC-BY-NC-SA-4.0'],
		['http://creativecommons.org/licenses/by-nc-sa/4.0', 'CC-BY-NC-SA-4.0'],
		['https://creativecommons.org/licenses/by-nc-sa/4.0/deed.ar', 'CC-BY-NC-SA-4.0'],
		['https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode.fr', 'CC-BY-NC-SA-4.0'],
		['https://creativecommons.org/licenses/by-sa/4.0/?ref=chooser-v1', 'CC-BY-SA-4.0'],
		['HTTPS://WWW.CREATIVECOMMONS.ORG/LICENSES/BY/4.0/', 'CC-BY-4.0'],
		['creativecommons.org/licenses/by-sa/3.0/', 'CC-BY-SA-3.0'],
		['CC BY 4', 'CC-BY-4.0'],
		['CC BY-ND 2.5', 'CC-BY-ND-2.5'],
		['Attribution-NoDerivatives 4.0 International', 'CC-BY-ND-4.0'],
		['Attribution-NonCommercial-NoDerivs 3.0 Unported', 'CC-BY-NC-ND-3.0'],
		// CC wrote the 1.0 licence as by-nd-nc; the SPDX id orders the elements.
		['https://creativecommons.org/licenses/by-nd-nc/1.0/', 'CC-BY-NC-ND-1.0'],
		['cc by-nd-nc 1.0', 'CC-BY-NC-ND-1.0'],
		['CC BY-NC-ND 1.0', 'CC-BY-NC-ND-1.0'],
		['CC0', 'CC0-1.0'],
		['cc0-1.0', 'CC0-1.0'],
		['CC Zero', 'CC0-1.0'],
		['https://creativecommons.org/publicdomain/zero/1.0/legalcode', 'CC0-1.0'],
		['PDM', 'PDM-1.0'],
		['Public Domain Mark 1.0', 'PDM-1.0'],
		['https://creativecommons.org/publicdomain/mark/1.0/', 'PDM-1.0'],
		// Without a version, a licence that exists in several is ambiguous.
		['CC BY-SA', null],
		['https://creativecommons.org/licenses/by-sa/', null],
		['public domain', null],
		['CC BY 5.0', null],
		['CC BY 4.0 3.0', null],
		['CC BY-SA-ND 4.0', null],
		['CC NC 4.0', null],
		['CC0 BY 1.0', null],
		['GPL-3.0-or-later', null],
		['all rights reserved', null],
		// Ported licences are other licences; this commons offers the international ones.
		['https://creativecommons.org/licenses/by-sa/3.0/fr/', null],
		['https://example.org/licenses/by/4.0/', null],
		['javascript:alert(1)', null],
		['', null],
		['   ', null],
		['CC BY 4.0'.repeat(1000), null]
	];
	it.each(cases)('%j → %s', (input, expected) => {
		expect(parseLicenceId(input)).toBe(expected);
	});

	it('reads every id, URI (http and https) and English title back to its licence', () => {
		for (const id of licenceIds) {
			const l = licence(id);
			expect(parseLicenceId(id)).toBe(id);
			expect(parseLicenceId(id.toLowerCase())).toBe(id);
			expect(parseLicenceId(l.url)).toBe(id);
			expect(parseLicenceId(l.url.replace('http:', 'https:'))).toBe(id);
			expect(parseLicenceId(l.titles.en)).toBe(id);
		}
	});

	it('never throws, and returns null or a real id', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (input) => {
				const id = parseLicenceId(input);
				expect(id === null || isLicenceId(id)).toBe(true);
			})
		);
	});

	it('accepts all rights reserved only as a resource licence', () => {
		expect(parseResourceLicence('All Rights Reserved')).toBe(ALL_RIGHTS_RESERVED);
		expect(parseResourceLicence('all-rights-reserved')).toBe(ALL_RIGHTS_RESERVED);
		expect(parseResourceLicence('CC BY-NC-SA 4.0')).toBe('CC-BY-NC-SA-4.0');
		expect(parseResourceLicence('rights reserved')).toBeNull();
	});
});

describe('isAllowedForResource', () => {
	it('allows every CC licence for hosted and linked resources', () => {
		for (const id of licenceIds) {
			expect(isAllowedForResource(id, 'hosted')).toBe(true);
			expect(isAllowedForResource(id, 'link')).toBe(true);
		}
	});
	it('allows all rights reserved only for links to outside material', () => {
		expect(isAllowedForResource(ALL_RIGHTS_RESERVED, 'link')).toBe(true);
		expect(isAllowedForResource(ALL_RIGHTS_RESERVED, 'hosted')).toBe(false);
	});
});
