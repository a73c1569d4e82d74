/**
 * A licence in plain words: each ccREL fact the data gives a licence (licences.ts) becomes
 * one sentence key, so the page never holds a hand-typed text per licence and a licence
 * added to the data is explained by the facts it carries. Also the licence's short name
 * and the address of its deed in the reader's language.
 */
import type { MessageKey } from '../i18n/keys';
import {
	ALL_RIGHTS_RESERVED,
	isLicenceId,
	licence,
	type Permission,
	type Prohibition,
	type Requirement,
	type ResourceLicenceId
} from './licences';

const PERMITS: Record<Permission, MessageKey> = {
	Reproduction: 'read_licence_permits_reproduction',
	Distribution: 'read_licence_permits_distribution',
	DerivativeWorks: 'read_licence_permits_derivative_works',
	Sharing: 'read_licence_permits_sharing'
};

/**
 * What it means when a licence does not grant a permission people expect. Only the
 * permissions every CC licence could grant: `Sharing` (file sharing, from the old Sampling
 * licences) is granted by none of ours, so its absence says nothing.
 */
const NOT_PERMITTED: Partial<Record<Permission, MessageKey>> = {
	Reproduction: 'read_licence_not_reproduction',
	Distribution: 'read_licence_not_distribution',
	DerivativeWorks: 'read_licence_not_derivative_works'
};

const REQUIRES: Record<Requirement, MessageKey> = {
	Attribution: 'read_licence_requires_attribution',
	Notice: 'read_licence_requires_notice',
	ShareAlike: 'read_licence_requires_share_alike',
	SourceCode: 'read_licence_requires_source_code',
	Copyleft: 'read_licence_requires_copyleft',
	LesserCopyleft: 'read_licence_requires_lesser_copyleft'
};

const PROHIBITS: Record<Prohibition, MessageKey> = {
	CommercialUse: 'read_licence_prohibits_commercial_use',
	HighIncomeNationUse: 'read_licence_prohibits_high_income_nation_use'
};

export interface LicenceWords {
	/** Sentences for what the licence lets everyone do. */
	may: MessageKey[];
	/** Sentences for what it asks of whoever uses it. */
	must: MessageKey[];
	/** Sentences for what it does not allow (a prohibition, or a permission it withholds). */
	mayNot: MessageKey[];
}

/** The licence's facts as sentence keys. */
export function licenceWords(id: ResourceLicenceId): LicenceWords {
	if (id === ALL_RIGHTS_RESERVED || !isLicenceId(id)) {
		return { may: [], must: [], mayNot: ['read_licence_all_rights_reserved'] };
	}
	const l = licence(id);
	// In the order people think of them (copy, share, change; credit first), not the data's.
	const inOrder = <T extends string>(table: Record<T, MessageKey>, facts: readonly T[]) =>
		(Object.keys(table) as T[]).filter((term) => facts.includes(term)).map((term) => table[term]);
	const withheld = (Object.keys(NOT_PERMITTED) as Permission[]).filter((p) => !l.permits.includes(p));
	return {
		may: inOrder(PERMITS, l.permits),
		must: inOrder(REQUIRES, l.requires),
		mayNot: [...l.prohibits.map((p) => PROHIBITS[p]), ...withheld.flatMap((p) => NOT_PERMITTED[p] ?? [])]
	};
}

/**
 * The name people know a licence by: "CC BY-NC-SA 4.0", "CC0 1.0" (the same in every
 * language, as Creative Commons writes it), or the Public Domain Mark's title in the
 * reader's language. Null for "all rights reserved", which the page words itself.
 */
export function licenceName(id: ResourceLicenceId, locale: string): string | null {
	if (id === ALL_RIGHTS_RESERVED || !isLicenceId(id)) return null;
	const l = licence(id);
	if (l.kind === 'mark') {
		const lang = locale.split('-')[0];
		return (lang === 'ar' || lang === 'fr' ? l.titles[lang] : undefined) ?? l.titles.en;
	}
	// The ids are SPDX-style (CC-BY-NC-SA-4.0, CC0-1.0): the version is the last part.
	const cut = id.lastIndexOf('-');
	const elements = id.slice(0, cut);
	return l.kind === 'waiver' ? `${elements} ${l.version}` : `CC ${elements.slice(3)} ${l.version}`;
}

/** The licence's human-readable deed, in the reader's language when CC has one. */
export function deedUrl(id: ResourceLicenceId, locale: string): string | null {
	if (id === ALL_RIGHTS_RESERVED || !isLicenceId(id)) return null;
	const base = licence(id).url.replace(/^http:/, 'https:');
	return `${base.endsWith('/') ? base : base + '/'}deed.${locale.split('-')[0] ?? 'en'}`;
}

/** Whether the licence is a public domain tool (CC0, the Mark) rather than a licence with conditions. */
export function isPublicDomainTool(id: ResourceLicenceId): boolean {
	return isLicenceId(id) && licence(id).kind !== 'licence';
}
