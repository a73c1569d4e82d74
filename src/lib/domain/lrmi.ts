/**
 * schema.org LearningResource (LRMI) metadata for a resource page, as JSON-LD, so search
 * engines and OER harvesters understand what a resource is without scraping the page.
 * The shape follows the LRMI examples in shared/fixtures/lrmi (audience as an
 * EducationalAudience, learningResourceType from the LRMI concept scheme, ISO 8601
 * timeRequired). Serialising escapes `<`, `>` and `&`, so no text a person typed can close
 * the <script> element it is embedded in.
 */
import type { ResourceType } from './resources';

const LRT = 'http://purl.org/dcx/lrmi-vocabs/learningResourceType/';

/**
 * Our types as LRMI learning resource types (concepts of the LRMI Learning Resource Type
 * scheme, shared/fixtures/lrmi/vocabs/learningResourceType.ttl; a unit test checks each
 * exists there). The scheme is coarse, so several of ours share a concept; our own type
 * travels alongside as plain text.
 */
export const LRMI_RESOURCE_TYPE: Record<ResourceType, { code: string; name: string }> = {
	module: { code: 'unitPlan', name: 'unit plan' },
	activity: { code: 'activityPlan', name: 'activity plan' },
	'case-story': { code: 'supportingDocument', name: 'supporting document' },
	handout: { code: 'supportingDocument', name: 'supporting document' },
	'facilitator-guide': { code: 'educatorCurriculumGuide', name: 'educator curriculum guide' },
	reading: { code: 'supportingDocument', name: 'supporting document' },
	video: { code: 'recordedLesson', name: 'recorded lesson' },
	audio: { code: 'recordedLesson', name: 'recorded lesson' },
	toolkit: { code: 'supportingDocument', name: 'supporting document' }
};

// Words that mark a group rather than a person in the author names people write (the
// import format has no field for it). A name with none of them is taken to be a person.
const ORGANISATION_WORDS =
	/(?<![\p{L}\p{N}])(?:collective|team|union|association|committee|network|group|council|organi[sz]ation|foundation|cent(?:re|er)|circles?|cooperative|co-op|coalition|alliance|institute|society|library|project|collectif|équipe|comité|réseau|groupe|fondation|coopérative|bibliothèque|(?:ال)?(?:جمعية|لجنة|شبكة|مجموعة|فريق|مؤسسة|اتحاد|تعاونية|مكتبة))(?![\p{L}\p{N}])/iu;

export function authorType(name: string): 'Person' | 'Organization' {
	return ORGANISATION_WORDS.test(name) ? 'Organization' : 'Person';
}

/** Minutes as an ISO 8601 duration: 45 → PT45M, 90 → PT1H30M, 120 → PT2H. */
export function isoDuration(minutes: number): string {
	const m = Math.max(0, Math.round(minutes));
	const h = Math.floor(m / 60);
	const rest = m % 60;
	if (h === 0) return `PT${rest}M`;
	return rest === 0 ? `PT${h}H` : `PT${h}H${rest}M`;
}

export interface LrmiInput {
	/** The page's absolute URL. */
	url: string;
	name: string;
	description: string;
	inLanguage: string;
	type: ResourceType;
	/** The resource's themes, labelled in the page's language. */
	themes: { key: string; label: string; url: string }[];
	/** The address of the theme taxonomy (the themes index). */
	themeSetUrl: string;
	tags: string[];
	audience: string | null;
	durationMinutes: number | null;
	licenceUrl: string | null;
	authors: string[];
	/** Credited when the resource names no author. */
	library: { name: string; url: string };
	/** What this resource was adapted or translated from. */
	isBasedOn: { name: string; url: string }[];
	accessibilityFeatures: string[];
	dateModified: string;
	version: number;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function learningResource(r: LrmiInput): { [key: string]: Json } {
	const lrt = LRMI_RESOURCE_TYPE[r.type];
	const authors: Json[] =
		r.authors.length > 0
			? r.authors.map((name) => ({ '@type': authorType(name), name }))
			: [{ '@type': 'Organization', name: r.library.name, url: r.library.url }];
	const doc: { [key: string]: Json } = {
		'@context': 'https://schema.org',
		'@type': 'LearningResource',
		'@id': r.url,
		url: r.url,
		name: r.name,
		inLanguage: r.inLanguage,
		learningResourceType: [
			r.type,
			{
				'@type': 'DefinedTerm',
				name: lrt.name,
				termCode: lrt.code,
				url: LRT + lrt.code,
				inDefinedTermSet: LRT
			}
		],
		about: r.themes.map((t) => ({
			'@type': 'DefinedTerm',
			name: t.label,
			termCode: t.key,
			url: t.url,
			inDefinedTermSet: r.themeSetUrl
		})),
		author: authors,
		isPartOf: { '@type': 'Collection', name: r.library.name, url: r.library.url },
		isAccessibleForFree: true,
		accessibilityFeature: r.accessibilityFeatures,
		dateModified: r.dateModified,
		version: r.version
	};
	if (r.description) doc.description = r.description;
	if (r.tags.length > 0) doc.keywords = r.tags;
	if (r.audience) {
		// Our audience field says who a resource is for, which is also the level it is pitched at.
		doc.audience = { '@type': 'EducationalAudience', educationalRole: r.audience };
		doc.educationalLevel = r.audience;
	}
	if (r.durationMinutes !== null && r.durationMinutes > 0) doc.timeRequired = isoDuration(r.durationMinutes);
	if (r.licenceUrl) doc.license = r.licenceUrl;
	if (r.isBasedOn.length > 0) {
		doc.isBasedOn = r.isBasedOn.map((s) => ({ '@type': 'CreativeWork', name: s.name, url: s.url }));
	}
	return doc;
}

/**
 * JSON for a <script type="application/ld+json"> element: `<`, `>` and `&` become JSON
 * escapes (still the same strings to a JSON parser), so "</script>" or "<!--" in a title
 * cannot end the element or change how the HTML parser reads it; U+2028/2029 are escaped
 * for old JavaScript parsers.
 */
export function serializeJsonLd(doc: Json): string {
	return JSON.stringify(doc)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/** The whole element, for {@html} in <svelte:head>. */
export function jsonLdScript(doc: Json): string {
	return `<script type="application/ld+json">${serializeJsonLd(doc)}</script>`;
}
