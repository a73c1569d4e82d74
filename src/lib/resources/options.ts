/**
 * The choices the resource form offers, labelled in the reader's language: types and
 * accessibility features (the reading pages' message keys, complete by type), languages
 * (names from Intl, via ./format), licences (their titles from the CC data).
 */
import { licenceName } from '../domain/licence-words';
import { ALL_RIGHTS_RESERVED, licence, licenceIds } from '../domain/licences';
import {
	ACCESSIBILITY_FEATURES,
	RESOURCE_TYPES,
	canonicalLanguage,
	type AccessibilityFeature,
	type ResourceType
} from '../domain/resources';
import type { MessageKey } from '../i18n/keys';
import { OFFERED_LANGUAGES, languageParts } from './format';

type Translate = (key: MessageKey) => string;
export interface Option {
	value: string;
	label: string;
}

export const TYPE_LABELS: Record<ResourceType, MessageKey> = {
	module: 'read_type_module',
	activity: 'read_type_activity',
	'case-story': 'read_type_case-story',
	handout: 'read_type_handout',
	'facilitator-guide': 'read_type_facilitator-guide',
	reading: 'read_type_reading',
	video: 'read_type_video',
	audio: 'read_type_audio',
	toolkit: 'read_type_toolkit'
};

export const ACCESSIBILITY_LABELS: Record<AccessibilityFeature, MessageKey> = {
	alternativeText: 'read_a11y_alternativeText',
	annotations: 'read_a11y_annotations',
	audioDescription: 'read_a11y_audioDescription',
	bookMarks: 'read_a11y_bookMarks',
	braille: 'read_a11y_braille',
	captions: 'read_a11y_captions',
	ChemML: 'read_a11y_ChemML',
	describedMath: 'read_a11y_describedMath',
	displayTransformability: 'read_a11y_displayTransformability',
	highContrastAudio: 'read_a11y_highContrastAudio',
	highContrastDisplay: 'read_a11y_highContrastDisplay',
	index: 'read_a11y_index',
	largePrint: 'read_a11y_largePrint',
	latex: 'read_a11y_latex',
	longDescription: 'read_a11y_longDescription',
	MathML: 'read_a11y_MathML',
	none: 'read_a11y_none',
	printPageNumbers: 'read_a11y_printPageNumbers',
	readingOrder: 'read_a11y_readingOrder',
	signLanguage: 'read_a11y_signLanguage',
	structuralNavigation: 'read_a11y_structuralNavigation',
	tableOfContents: 'read_a11y_tableOfContents',
	tactileGraphic: 'read_a11y_tactileGraphic',
	tactileObject: 'read_a11y_tactileObject',
	taggedPDF: 'read_a11y_taggedPDF',
	timingControl: 'read_a11y_timingControl',
	transcript: 'read_a11y_transcript',
	ttsMarkup: 'read_a11y_ttsMarkup',
	unlocked: 'read_a11y_unlocked'
};

export function typeOptions(t: Translate): Option[] {
	return RESOURCE_TYPES.map((value) => ({ value, label: t(TYPE_LABELS[value]) }));
}

/** Sorted by label in the reader's language; "none of these" last. */
export function accessibilityOptions(t: Translate, locale: string): Option[] {
	const collator = new Intl.Collator(locale);
	return ACCESSIBILITY_FEATURES.map((value) => ({ value, label: t(ACCESSIBILITY_LABELS[value]) })).sort(
		(a, b) => Number(a.value === 'none') - Number(b.value === 'none') || collator.compare(a.label, b.label)
	);
}

/** "Arabic (العربية)" on an English page: the name in the reader's language and, when different, its own. */
export function languageLabel(tag: string, locale: string): string {
	const { name, autonym } = languageParts(tag, locale);
	return autonym ? `${name} (${autonym})` : name;
}

/**
 * The languages offered (the same list as for translation requests). A resource in
 * another language keeps its own tag (it is added), so a form never changes it silently.
 */
export function languageOptions(locale: string, current?: string): Option[] {
	const tags: string[] = [...OFFERED_LANGUAGES];
	const extra = current ? canonicalLanguage(current) : null;
	if (extra && !tags.includes(extra)) tags.push(extra);
	return tags.map((value) => ({ value, label: languageLabel(value, locale) }));
}

/** Every licence offered, "CC BY 4.0 · Attribution 4.0 International", titles in the reader's language. */
export function licenceOptions(t: Translate, locale: string): Option[] {
	const primary = locale.split('-')[0] ?? 'en';
	return [
		...licenceIds.map((id) => {
			const titles = licence(id).titles;
			const title =
				(Object.hasOwn(titles, primary) ? titles[primary as 'ar' | 'fr'] : undefined) ?? titles.en;
			const short = licenceName(id, locale) ?? id;
			return { value: id, label: title.startsWith(short) ? title : `${short} · ${title}` };
		}),
		{ value: ALL_RIGHTS_RESERVED, label: t('edit_licence_all_rights_reserved') }
	];
}

export const DEFAULT_LICENCE = 'CC-BY-NC-SA-4.0';
