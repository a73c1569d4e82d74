/**
 * Licences: the Creative Commons licences, CC0 and the Public Domain Mark, as the CC
 * machine-readable data describes them (ccREL: what each permits, requires, prohibits).
 * The data is generated into licences.data.json by scripts/generate-licences.js, because
 * the domain is pure and cannot read the RDF itself; every fact here is derived from it,
 * so correcting the data corrects the rules. "All rights reserved" is not a licence and
 * is not in the data: it is only accepted for links to material hosted elsewhere.
 */
import data from './licences.data.json';

/** An SPDX-style id of a licence in the data, e.g. `CC-BY-NC-SA-4.0`, `CC0-1.0`, `PDM-1.0`. */
export type LicenceId = keyof typeof data.licences;

/** Not a licence: the work may only be linked to, never copied onto an instance. */
export const ALL_RIGHTS_RESERVED = 'all-rights-reserved';
export type ResourceLicenceId = LicenceId | typeof ALL_RIGHTS_RESERVED;

// The ccREL vocabulary (rdf_schema.rdf); the terms, not the facts, so they can be typed.
const PERMISSIONS = ['Reproduction', 'Distribution', 'DerivativeWorks', 'Sharing'] as const;
const REQUIREMENTS = [
	'Notice',
	'Attribution',
	'ShareAlike',
	'SourceCode',
	'Copyleft',
	'LesserCopyleft'
] as const;
const PROHIBITIONS = ['CommercialUse', 'HighIncomeNationUse'] as const;
const KINDS = ['licence', 'waiver', 'mark'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Requirement = (typeof REQUIREMENTS)[number];
export type Prohibition = (typeof PROHIBITIONS)[number];
/** A licence proper, the CC0 waiver, or the Public Domain Mark (a label, not a grant). */
export type LicenceKind = (typeof KINDS)[number];

export interface LicenceTitles {
	readonly en: string;
	readonly ar?: string;
	readonly fr?: string;
}

export interface Licence {
	readonly id: LicenceId;
	/** The licence URI as CC names it (http://creativecommons.org/licenses/…/). */
	readonly url: string;
	readonly legalcode: string | null;
	readonly version: string;
	readonly kind: LicenceKind;
	readonly permits: readonly Permission[];
	readonly requires: readonly Requirement[];
	readonly prohibits: readonly Prohibition[];
	readonly titles: LicenceTitles;
	readonly deprecated: boolean;
	/** The next version, when the data names one. */
	readonly replacedBy: LicenceId | null;
}

/**
 * The licences offered to people, in the order they are offered: the public domain tools,
 * then the current 4.0 suite from most to least open, then the earlier versions, which
 * still govern much existing material.
 */
export const licenceIds = [
	'CC0-1.0',
	'PDM-1.0',
	...(['4.0', '3.0', '2.5', '2.0', '1.0'] as const).flatMap(
		(v) =>
			[
				`CC-BY-${v}`,
				`CC-BY-SA-${v}`,
				`CC-BY-NC-${v}`,
				`CC-BY-NC-SA-${v}`,
				`CC-BY-ND-${v}`,
				`CC-BY-NC-ND-${v}`
			] as const
	)
] as const satisfies readonly LicenceId[];

// Compile-time completeness: a licence added to the data must be placed in the list above.
type Unlisted = Exclude<LicenceId, (typeof licenceIds)[number]>;
const _everyLicenceListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** The shape of one generated entry, loose enough to accept the JSON and then be checked. */
interface RawLicence {
	readonly url: string;
	readonly legalcode: string | null;
	readonly version: string;
	readonly kind: string;
	readonly permits: readonly string[];
	readonly requires: readonly string[];
	readonly prohibits: readonly string[];
	readonly titles: LicenceTitles;
	readonly deprecated: boolean;
	readonly replacedBy: string | null;
}
const raw: Readonly<Record<LicenceId, RawLicence>> = data.licences;

export function isLicenceId(value: unknown): value is LicenceId {
	return typeof value === 'string' && Object.hasOwn(raw, value);
}

/** Narrows data strings to the vocabulary; an unknown term means the data is broken, so fail loudly. */
function terms<T extends string>(vocabulary: readonly T[], values: readonly string[], where: string): T[] {
	return values.map((value) => {
		const term = vocabulary.find((t) => t === value);
		if (term === undefined) throw new Error(`licences.data.json: unknown term "${value}" in ${where}`);
		return term;
	});
}

function load(id: LicenceId): Licence {
	const r = raw[id];
	const [kind] = terms(KINDS, [r.kind], `${id}.kind`);
	if (kind === undefined) throw new Error(`licences.data.json: ${id} has no kind`);
	const replacedBy = r.replacedBy;
	return Object.freeze({
		id,
		url: r.url,
		legalcode: r.legalcode,
		version: r.version,
		kind,
		permits: Object.freeze(terms(PERMISSIONS, r.permits, `${id}.permits`)),
		requires: Object.freeze(terms(REQUIREMENTS, r.requires, `${id}.requires`)),
		prohibits: Object.freeze(terms(PROHIBITIONS, r.prohibits, `${id}.prohibits`)),
		titles: Object.freeze({ ...r.titles }),
		deprecated: r.deprecated,
		replacedBy: isLicenceId(replacedBy) ? replacedBy : null
	});
}

const licences: ReadonlyMap<LicenceId, Licence> = new Map(licenceIds.map((id) => [id, load(id)]));

export function licence(id: LicenceId): Licence {
	const found = licences.get(id);
	// Unreachable while LicenceId and licenceIds agree (checked above at compile time).
	if (!found) throw new Error(`unknown licence ${id}`);
	return found;
}

/** What a licence lets people do, in the terms the rules and the UI need. */
export interface LicenceFacts {
	/** Translating, remixing or otherwise changing the work is permitted (cc:DerivativeWorks). */
	readonly mayAdapt: boolean;
	/** Commercial use is not prohibited (no cc:CommercialUse prohibition). */
	readonly mayUseCommercially: boolean;
	readonly requiresAttribution: boolean;
	/** Adaptations must carry the same licence (cc:ShareAlike). */
	readonly requiresShareAlike: boolean;
	/** Copyright and licence notices must be kept intact (cc:Notice). */
	readonly requiresNotice: boolean;
	/** Nothing is required and nothing prohibited: free to use as if in the public domain. */
	readonly isPublicDomain: boolean;
}

export function facts(id: LicenceId): LicenceFacts {
	const l = licence(id);
	return {
		mayAdapt: l.permits.includes('DerivativeWorks'),
		mayUseCommercially: !l.prohibits.includes('CommercialUse'),
		requiresAttribution: l.requires.includes('Attribution'),
		requiresShareAlike: l.requires.includes('ShareAlike'),
		requiresNotice: l.requires.includes('Notice'),
		isPublicDomain: l.requires.length === 0 && l.prohibits.length === 0
	};
}

export type ResourceKind = 'hosted' | 'link';

/**
 * Whether a resource may carry this licence. Anything on the instance is copied and shared,
 * so it needs an open licence; a link to material elsewhere copies nothing, so it may point
 * at all-rights-reserved work.
 */
export function isAllowedForResource(licenceId: ResourceLicenceId, kind: ResourceKind): boolean {
	if (licenceId === ALL_RIGHTS_RESERVED) return kind === 'link';
	return isLicenceId(licenceId);
}

// ---------------------------------------------------------------------------------------------
// Parsing what people and imported files write: "CC BY-NC-SA 4.0", "cc-by-nc-sa-4.0",
// "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr", "CC0", "Attribution 4.0
// International". Licences are matched on their elements, derived from the facts, so the
// order people write them in does not matter (CC's own 1.0 URI says by-nd-nc).

type Element = 'by' | 'nc' | 'sa' | 'nd';
interface Shape {
	readonly kind: LicenceKind;
	readonly elements: ReadonlySet<Element>;
}

function shapeOf(id: LicenceId): Shape {
	const f = facts(id);
	const elements = new Set<Element>();
	if (f.requiresAttribution) elements.add('by');
	if (!f.mayUseCommercially) elements.add('nc');
	if (f.requiresShareAlike) elements.add('sa');
	if (!f.mayAdapt) elements.add('nd');
	return { kind: licence(id).kind, elements };
}
const shapes: ReadonlyMap<LicenceId, Shape> = new Map(licenceIds.map((id) => [id, shapeOf(id)]));

/** Words and phrases people use for each part of a licence name, after lower-casing. */
const PHRASES: readonly [RegExp, string][] = [
	[/creative\s*commons/g, ' cc '],
	[/public\s*domain\s*mark/g, ' pdm '],
	[/public\s*domain\s*dedication/g, ' '],
	[/cc\s*zero|cc0/g, ' zero '],
	[/non\s*-?\s*commercial/g, ' nc '],
	[/share\s*-?\s*alike/g, ' sa '],
	[/no\s*-?\s*deriv(?:ative)?s?(?:\s*works)?/g, ' nd '],
	[/attribution/g, ' by ']
];
/** Words that may appear but say nothing about which licence it is. */
const NOISE = new Set([
	'cc',
	'licenses',
	'licence',
	'license',
	'international',
	'unported',
	'generic',
	'universal'
]);

const URL_PATH =
	/^(?:(?:https?:)?\/\/)?(?:www\.)?creativecommons\.org\/((?:licenses|publicdomain)\/[a-z-]+\/\d+(?:\.\d+)?)\/?(.*)$/;
const urlPathOf = (id: LicenceId) => licence(id).url.replace(/^https?:\/\/creativecommons\.org\/|\/$/g, '');
const byUrlPath: ReadonlyMap<string, LicenceId> = new Map(licenceIds.map((id) => [urlPathOf(id), id]));

/**
 * The canonical id for a licence name, id or CC URL, or null when it names no licence in the
 * data or could name several (a name without a version, when more than one version exists).
 */
export function parseLicenceId(input: string): LicenceId | null {
	// Licence names are short; a long input is not one, and is not worth scanning.
	if (input.length > 200) return null;
	const text = input.normalize('NFKC').trim().toLowerCase();
	if (text === '') return null;

	const url = URL_PATH.exec(text);
	if (url) {
		const [, urlPath = '', rest = ''] = url;
		// Deeds and legal code name the same licence (CC's chooser adds ?ref=…); a further
		// segment is a ported licence (…/3.0/fr/), which is another licence.
		const page = rest.replace(/[?#].*$/, '');
		if (!/^(?:legalcode(?:\.[a-z-]+)?|deed(?:\.[a-z-]+)?)?$/.test(page)) return null;
		// An unknown path may still name a licence in another element order (by-nc-nd/1.0).
		return byUrlPath.get(urlPath) ?? (urlPath.startsWith('licenses/') ? parseName(urlPath) : null);
	}
	return parseName(text);
}

function parseName(text: string): LicenceId | null {
	let words = text;
	for (const [phrase, replacement] of PHRASES) words = words.replace(phrase, replacement);
	const tokens = words.split(/[\s\-_/,;:()]+/).filter((t) => t !== '' && !NOISE.has(t));

	const elements = new Set<Element>();
	let kind: LicenceKind = 'licence';
	let version: string | null = null;
	for (const token of tokens) {
		if (token === 'by' || token === 'nc' || token === 'sa' || token === 'nd') elements.add(token);
		else if (token === 'zero') kind = 'waiver';
		else if (token === 'pdm') kind = 'mark';
		else if (/^v?\d+(?:\.\d+)?$/.test(token)) {
			const v = token.replace(/^v/, '');
			const normalised = v.includes('.') ? v : `${v}.0`;
			if (version !== null && version !== normalised) return null;
			version = normalised;
		} else return null;
	}
	if (kind !== 'licence' && elements.size > 0) return null;
	if (kind === 'licence' && elements.size === 0) return null;

	const matches = licenceIds.filter((id) => {
		const shape = shapes.get(id);
		return (
			shape !== undefined &&
			shape.kind === kind &&
			shape.elements.size === elements.size &&
			[...elements].every((e) => shape.elements.has(e)) &&
			(version === null || licence(id).version === version)
		);
	});
	const [only, ...others] = matches;
	return only !== undefined && others.length === 0 ? only : null;
}

/** Like parseLicenceId, and also accepts "all rights reserved" for linked resources. */
export function parseResourceLicence(input: string): ResourceLicenceId | null {
	const words = input
		.normalize('NFKC')
		.trim()
		.toLowerCase()
		.split(/[\s\-_]+/)
		.join(' ');
	if (words === 'all rights reserved') return ALL_RIGHTS_RESERVED;
	return parseLicenceId(input);
}
