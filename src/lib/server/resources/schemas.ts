/**
 * What the resources feature accepts from the API (and, later, forms and the importer).
 * Limits and vocabularies come from domain/resources.ts and licences from
 * domain/licences.ts, so a refused value gets the same field message everywhere.
 */
import { z } from 'zod';
import { isUuidV7 } from '../../domain/ids';
import { parseResourceLicence } from '../../domain/licences';
import {
	RESOURCE_LIMITS as L,
	RESOURCE_TYPES,
	THEME_KEY,
	THEME_LABEL_MAX,
	canonicalLanguage,
	hasForbiddenCharacters,
	isSdgTarget,
	isWebUrl,
	parseAccessibilityFeature,
	type AccessibilityFeature
} from '../../domain/resources';
import { keyed, optionalText, text } from '../http/validation';
import { ALT_TEXT_MAX, TITLE_MAX, TRANSCRIPT_MAX } from './attachments/service';

const clean = <S extends z.ZodType<string | undefined>>(s: S) =>
	s.refine(
		(v) => v === undefined || !hasForbiddenCharacters(v as string),
		keyed('resource_forbidden_characters')
	);

export const clientId = z
	.string()
	.optional()
	.transform((s) => (s ? s.trim().toLowerCase() : undefined))
	.refine((s) => s === undefined || isUuidV7(s), keyed('field_invalid_id'));

export const uuid = z
	.string()
	.max(64)
	.transform((s) => s.trim().toLowerCase())
	.refine((s) => isUuidV7(s), keyed('field_invalid_id'));

/** Multi-line text (a summary, a Markdown body): NFC, trimmed at the ends, newlines kept. */
const longText = (max: number) =>
	clean(
		z
			.string()
			.transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
			.pipe(z.string().max(max))
	);

export const languageTag = z
	.string()
	.max(64)
	.transform((s) => canonicalLanguage(s) ?? '')
	.refine((s) => s !== '', keyed('resource_language_invalid'));

export const resourceLicence = z
	.string()
	.max(200)
	.transform((s) => parseResourceLicence(s) ?? '')
	.refine((s) => s !== '', keyed('resource_licence_invalid'));

const themeKey = z
	.string()
	.max(64)
	.refine((s) => THEME_KEY.test(s), keyed('resource_theme_unknown'));

const accessibilityFeature = z
	.string()
	.max(64)
	.transform((s) => parseAccessibilityFeature(s) ?? '')
	.refine((s) => s !== '', keyed('resource_accessibility_invalid'))
	.transform((s) => s as AccessibilityFeature);

const unique = <T>(xs: T[]) => [...new Set(xs)];

/** The fields of one version, as the API sends them. */
const versionShape = {
	title: clean(text(L.title)),
	summary: longText(L.summary).optional().default(''),
	body: longText(L.body).optional().default(''),
	type: z.enum(RESOURCE_TYPES),
	themes: z.array(themeKey).max(L.themes).optional().default([]).transform(unique),
	tags: z
		.array(clean(text(L.tag)))
		.max(L.tags)
		.optional()
		.default([])
		.transform(unique),
	audience: clean(optionalText(L.audience)),
	duration_minutes: z.number().int().min(1).max(L.durationMax).nullable().optional(),
	region: clean(optionalText(L.region)),
	sdg: z
		.array(z.string().max(8).refine(isSdgTarget, keyed('resource_sdg_invalid')))
		.max(L.sdg)
		.optional()
		.default([])
		.transform(unique),
	accessibility: z.array(accessibilityFeature).max(40).optional().default([]).transform(unique),
	license: resourceLicence,
	authors: z
		.array(clean(text(L.author)))
		.max(L.authors)
		.optional()
		.default([]),
	source_url: optionalText(L.sourceUrl).refine(
		(s) => s === undefined || isWebUrl(s),
		keyed('resource_url_invalid')
	),
	change_note: clean(optionalText(L.changeNote))
};

export const versionFields = z.strictObject(versionShape);
export type VersionFieldsInput = z.input<typeof versionFields>;
export type VersionFields = z.output<typeof versionFields>;

export const createResourceBody = z.strictObject({
	id: clientId,
	version_id: clientId,
	library_id: uuid,
	key: clean(optionalText(L.key)),
	language: languageTag,
	publish: z.boolean().optional().default(false),
	...versionShape
});
export type CreateResourceInput = z.input<typeof createResourceBody>;

export const saveVersionBody = z.strictObject({
	version_id: clientId,
	publish: z.boolean().optional().default(false),
	/** The resource's attachments the new version carries, in order; absent: the previous version's. */
	attachment_ids: z
		.array(uuid)
		.max(L.attachments)
		.optional()
		.transform((xs) => xs && unique(xs)),
	...versionShape
});
export type SaveVersionInput = z.input<typeof saveVersionBody>;

export const createTranslationBody = z.strictObject({
	id: clientId,
	version_id: clientId,
	library_id: uuid.optional(),
	language: languageTag,
	publish: z.boolean().optional().default(false),
	...versionShape,
	// A translation carries the original's licence unless one is given.
	license: resourceLicence.optional()
});
export type CreateTranslationInput = z.input<typeof createTranslationBody>;

export const adaptResourceBody = z.strictObject({
	id: clientId,
	version_id: clientId,
	library_id: uuid,
	language: languageTag.optional(),
	publish: z.boolean().optional().default(false),
	change_log: longText(L.changeLog).pipe(z.string().min(1)),
	...versionShape,
	license: resourceLicence.optional()
});
export type AdaptResourceInput = z.input<typeof adaptResourceBody>;

export const restoreVersionBody = z.strictObject({
	version_id: clientId,
	publish: z.boolean().optional().default(false),
	change_note: clean(optionalText(L.changeNote))
});
export type RestoreVersionInput = z.input<typeof restoreVersionBody>;

export const translationRequestBody = z.strictObject({ id: clientId, language: languageTag });
export type TranslationRequestInput = z.input<typeof translationRequestBody>;

export const addThemeBody = z.strictObject({
	id: clientId,
	key: z
		.string()
		.max(64)
		.transform((s) => s.trim().toLowerCase())
		.refine((s) => THEME_KEY.test(s), keyed('theme_key_invalid')),
	labels: z
		.record(z.string().max(35), clean(text(THEME_LABEL_MAX)))
		.refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 20, keyed('field_required'))
		.refine(
			(r) => Object.keys(r).every((k) => canonicalLanguage(k) !== null),
			keyed('resource_language_invalid')
		)
});
export type AddThemeInput = z.input<typeof addThemeBody>;

/** The languages the add-a-theme form asks labels in: the interface's own. */
export const THEME_FORM_LANGUAGES = ['en', 'ar', 'fr'] as const;

/** The add-a-theme form: a key and one label field per language; empty labels are left out. */
export const addThemeForm = z
	.object({
		id: z.string().max(64).optional(),
		key: z.string().max(64),
		...Object.fromEntries(
			THEME_FORM_LANGUAGES.map((l) => [
				`label_${l}`,
				z
					.string()
					.max(THEME_LABEL_MAX * 4)
					.optional()
			])
		)
	})
	.transform((f) => {
		const labels: Record<string, string> = {};
		for (const l of THEME_FORM_LANGUAGES) {
			const v = (f as Record<string, string | undefined>)[`label_${l}`]?.trim();
			if (v) labels[l] = v;
		}
		return { ...(f.id ? { id: f.id } : {}), key: f.key, labels };
	})
	.pipe(addThemeBody);

export const RESOURCE_PAGE_SIZE = 20;
export const listResourcesQuery = z.object({
	page: z.number().int().min(1).max(100_000).optional().default(1),
	per_page: z.number().int().min(1).max(100).optional().default(RESOURCE_PAGE_SIZE),
	theme: themeKey.optional(),
	language: languageTag.optional()
});
export type ListResourcesQuery = z.input<typeof listResourcesQuery>;

// --- Forms ------------------------------------------------------------------------------
// HTML forms send strings: lists as comma- or line-separated text, numbers as text,
// checkbox groups as zero, one or many values. These turn them into the service input
// above and then run the very same field schemas, so a form and the API refuse a value
// with the same message. Each form field carries the service field's name, so the
// service's own field errors (say, an unknown theme) land on the right control.

/** Checkbox groups: nothing ticked sends nothing, one ticked sends a string. */
const ticked = (v: unknown) => (v === undefined ? [] : typeof v === 'string' ? [v] : v);

/** Splits on commas (Latin and Arabic), semicolons and newlines; blanks dropped. */
const commaList = (v: unknown) =>
	typeof v === 'string'
		? v
				.split(/[,،;\n]/)
				.map((s) => s.trim())
				.filter((s) => s !== '')
		: v;

/** One entry per line (authors' names may contain commas). */
const lineList = (v: unknown) =>
	typeof v === 'string'
		? v
				.split(/\r\n?|\n/)
				.map((s) => s.trim())
				.filter((s) => s !== '')
		: v;

/** Arabic-Indic and Persian digits typed on an Arabic keyboard count as digits. */
const asciiDigits = (s: string) =>
	s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));

const minutesField = z
	.string()
	.max(20)
	.optional()
	.transform((s) => asciiDigits(s ?? '').trim())
	.refine((s) => s === '' || /^[0-9]{1,9}$/.test(s), keyed('edit_duration_invalid'))
	.transform((s): number | null | undefined => (s === '' ? null : Number(s)))
	.pipe(versionShape.duration_minutes);

/** A single checkbox: ticked sends its value ("1"; "on" when it has none); unticked sends nothing. */
const checkbox = z
	.string()
	.max(10)
	.optional()
	.transform((s) => s === '1' || s === 'on' || s === 'true');

/** The version fields as a form sends them. */
const versionFormShape = {
	...versionShape,
	themes: z.preprocess(ticked, versionShape.themes),
	accessibility: z.preprocess(ticked, versionShape.accessibility),
	tags: z.preprocess(commaList, versionShape.tags),
	sdg: z.preprocess(commaList, versionShape.sdg),
	authors: z.preprocess(lineList, versionShape.authors),
	duration_minutes: minutesField
};

/**
 * The optional file sent with a save: its texts travel beside it. "Alternative text is
 * required for images" is the attachment service's to check once it knows the file's type;
 * the lengths are checked here too, so a message lands on these fields and not on the
 * resource's own title.
 */
const uploadFormShape = {
	file_alt: clean(optionalText(ALT_TEXT_MAX)),
	file_title: clean(optionalText(TITLE_MAX)),
	file_transcript: longText(TRANSCRIPT_MAX).optional()
};
export interface UploadFormText {
	altText?: string;
	title?: string;
	transcript?: string;
}
function splitUpload<T extends { file_alt?: string; file_title?: string; file_transcript?: string }>(
	v: T
): { input: Omit<T, keyof typeof uploadFormShape>; upload: UploadFormText } {
	const { file_alt, file_title, file_transcript, ...input } = v;
	return { input, upload: { altText: file_alt, title: file_title, transcript: file_transcript } };
}

/** /libraries/[slug]/resources/new: the resource, its first version and maybe a file. */
export const createResourceForm = z
	.object({
		id: clientId,
		version_id: clientId,
		library_id: uuid,
		language: languageTag,
		publish: checkbox,
		...versionFormShape,
		...uploadFormShape
	})
	.transform(splitUpload);

/**
 * /resources/[id]/edit: a new version. The form lists the current attachments as "keep"
 * checkboxes (attachment_ids) plus a hidden `attachments_listed`, so unticking every box
 * means "keep none" rather than "not said" (which keeps the previous version's files).
 */
export const saveVersionForm = z
	.object({
		version_id: clientId,
		publish: checkbox,
		attachments_listed: z.string().max(10).optional(),
		attachment_ids: z.preprocess(ticked, z.array(uuid).max(L.attachments)),
		...versionFormShape,
		...uploadFormShape
	})
	.transform(({ attachments_listed, attachment_ids, ...rest }) => {
		const { input, upload } = splitUpload(rest);
		return {
			input: { ...input, ...(attachments_listed ? { attachment_ids } : {}) },
			upload
		};
	});

/** History page actions that name one version (publish, restore). */
export const versionActionForm = z.object({
	version_id: uuid,
	/** The restored version's number, only to word the new version's change note. */
	number: z
		.string()
		.max(12)
		.optional()
		.transform((s) => (s && /^[0-9]{1,9}$/.test(s) ? Number(s) : undefined))
});

// --- Translating and adapting forms --------------------------------------------------------

/** /translations?/request: the resource page's "Request a translation" form. */
export const translationRequestForm = z.object({
	id: clientId,
	resource_id: z.string().max(64),
	language: languageTag
});

/** /translations/[language]?/claim. */
export const claimRequestForm = z.object({ request_id: z.string().max(64) });

/** /resources/[id]/translate: the translation, in the original's library (the service's default). */
export const createTranslationForm = z.object({
	id: clientId,
	version_id: clientId,
	language: languageTag,
	publish: checkbox,
	...versionFormShape
});

/** /resources/[id]/adapt: a new resource derived from the published version, in one of the viewer's libraries. */
export const adaptResourceForm = z.object({
	/** The version the form was filled from: the adaptation derives from what the person saw. */
	source_version_id: z.string().max(64),
	id: clientId,
	version_id: clientId,
	library_id: uuid,
	language: languageTag,
	publish: checkbox,
	change_log: adaptResourceBody.shape.change_log,
	...versionFormShape
});

/** Unpublishing names nothing but the resource (in the URL). */
export const unpublishForm = z.object({});
