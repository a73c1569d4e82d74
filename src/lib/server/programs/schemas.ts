/**
 * What the programs feature accepts (API-shaped: arrays, numbers, booleans). Limits and
 * vocabularies come from domain/programs.ts, licences from domain/licences.ts, so a refused
 * value gets the same field message on a form, in the API and offline.
 */
import { z } from 'zod';
import { isLicenceId, parseLicenceId, type LicenceId } from '../../domain/licences';
import {
	ACTIVITY_KINDS,
	LAYOUTS,
	PROGRAM_FORMATS,
	PROGRAM_LIMITS as L,
	VISIBILITIES
} from '../../domain/programs';
import { hasForbiddenCharacters, isWebUrl } from '../../domain/resources';
import { keyed, text } from '../http/validation';
import { clientId, languageTag, uuid } from '../resources/schemas';

export { clientId, uuid };

const clean = <S extends z.ZodType<string>>(s: S) =>
	s.refine((v) => !hasForbiddenCharacters(v), keyed('program_forbidden_characters'));

/** One line: NFC, trimmed. */
const line = (max: number) => clean(text(max));
/** One line that may be empty. */
const blankableLine = (max: number) => clean(text(max, 0));
/** Several lines (instructions, notes): NFC, newlines kept, trimmed at the ends. */
const long = (max: number) =>
	clean(
		z
			.string()
			.transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
			.pipe(z.string().max(max))
	);
const minutes = z.number().int().min(0).max(L.minutes).nullable();

export const programLicence = z
	.string()
	.max(200)
	.transform((s) => parseLicenceId(s) ?? '')
	.refine((s) => isLicenceId(s), keyed('program_licence_invalid'))
	.transform((s) => s as LicenceId);

const webUrl = z
	.string()
	.max(L.url)
	.transform((s) => s.trim())
	.refine((s) => isWebUrl(s), keyed('program_link_url_invalid'));

const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * Each field once, without defaults: edits send only what changes (absent = keep), so their
 * partial shapes must not fill anything in; whole shapes add the defaults (`filled`).
 */
const metaFields = {
	title: line(L.title),
	summary: long(L.summary),
	languages: z.array(languageTag).max(L.languages).transform(unique),
	audience: blankableLine(L.audience),
	format: z.enum(PROGRAM_FORMATS),
	layout: z.enum(LAYOUTS),
	outcomes: z.array(line(L.outcome)).max(L.outcomes),
	licence: programLicence
};

const sessionFields = {
	title: line(L.sessionTitle),
	objectives: long(L.sessionText),
	duration_minutes: minutes,
	materials: long(L.sessionText),
	facilitator_notes: long(L.sessionText),
	reflection_questions: z.array(line(L.reflectionQuestion)).max(L.reflectionQuestions)
};

const activityFields = {
	activity: z.enum(ACTIVITY_KINDS),
	title: line(L.itemTitle),
	instructions: long(L.instructions),
	duration_minutes: minutes,
	based_on: z.array(uuid).max(L.basedOn).transform(unique)
};

const linkFields = {
	url: webUrl,
	title: line(L.itemTitle),
	note: long(L.note),
	duration_minutes: minutes
};

const resourceItemFields = {
	resource_id: uuid,
	version_id: uuid.nullable(),
	note: long(L.note),
	duration_minutes: minutes
};

const EMPTY = {
	summary: '',
	languages: [],
	audience: '',
	outcomes: [],
	objectives: '',
	duration_minutes: null,
	materials: '',
	facilitator_notes: '',
	reflection_questions: [],
	instructions: '',
	based_on: [],
	note: ''
} as const;
type Empty = keyof typeof EMPTY;

/** The shape with the fields that may be left out filled with their empty value. */
function filled<T extends z.ZodRawShape>(
	shape: T
): { [K in keyof T]: K extends Empty ? z.ZodDefault<z.ZodOptional<T[K]>> : T[K] } {
	return Object.fromEntries(
		Object.entries(shape).map(([k, v]) => [
			k,
			k in EMPTY ? (v as z.ZodType).optional().default(EMPTY[k as Empty] as never) : v
		])
	) as never;
}

const metaShape = filled(metaFields);
const sessionShape = filled(sessionFields);
const activityShape = filled(activityFields);
const linkShape = filled(linkFields);
const resourceItemShape = filled(resourceItemFields);

/** Items people write themselves; a resource comes in through `add_resource`, which checks it. */
export const newItem = z.discriminatedUnion('kind', [
	z.strictObject({ id: clientId, kind: z.literal('activity'), ...activityShape }),
	z.strictObject({ id: clientId, kind: z.literal('link'), ...linkShape })
]);

/** A whole item as it sits in a saved content (ids required). */
const storedItem = z.discriminatedUnion('kind', [
	z.strictObject({ id: uuid, kind: z.literal('resource'), ...resourceItemShape }),
	z.strictObject({ id: uuid, kind: z.literal('activity'), ...activityShape }),
	z.strictObject({ id: uuid, kind: z.literal('link'), ...linkShape })
]);

const storedSession = z.strictObject({
	id: uuid,
	...sessionShape,
	items: z.array(storedItem).max(L.itemsPerSession).optional().default([])
});

export const programContent = z.strictObject({
	...metaShape,
	sessions: z.array(storedSession).max(L.sessions)
});

const position = z.number().int().min(0).max(10_000).optional();

/** Only what is sent changes; absent means "keep". */
const partial = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape).partial();

const itemFields = z
	.strictObject({
		...activityFields,
		...linkFields,
		version_id: resourceItemFields.version_id
	})
	.partial();

export const programEdit = z.discriminatedUnion('op', [
	z.strictObject({ op: z.literal('edit_program'), fields: partial(metaFields) }),
	z.strictObject({ op: z.literal('set_layout'), layout: z.enum(LAYOUTS) }),
	z.strictObject({
		op: z.literal('add_session'),
		session_id: clientId,
		session: z.strictObject(sessionShape),
		position
	}),
	z.strictObject({ op: z.literal('edit_session'), session_id: uuid, fields: partial(sessionFields) }),
	z.strictObject({ op: z.literal('remove_session'), session_id: uuid }),
	z.strictObject({
		op: z.literal('move_session'),
		session_id: uuid,
		position: z.number().int().min(0).max(10_000)
	}),
	z.strictObject({ op: z.literal('duplicate_session'), session_id: uuid, new_session_id: clientId }),
	z.strictObject({ op: z.literal('add_item'), session_id: uuid, item: newItem, position }),
	z.strictObject({
		op: z.literal('add_resource'),
		session_id: uuid,
		item_id: clientId,
		resource_id: uuid,
		/** Pin a version (this one, or the one published now); otherwise follow the latest. */
		pin: z.boolean().optional().default(false),
		resource_version_id: uuid.optional(),
		note: resourceItemShape.note,
		duration_minutes: resourceItemShape.duration_minutes,
		position
	}),
	z.strictObject({ op: z.literal('edit_item'), item_id: uuid, fields: itemFields }),
	z.strictObject({ op: z.literal('remove_item'), item_id: uuid }),
	z.strictObject({
		op: z.literal('move_item'),
		item_id: uuid,
		session_id: uuid,
		position: z.number().int().min(0).max(10_000)
	})
]);
export type ProgramEditInput = z.output<typeof programEdit>;

/** Every save names the new version (client-made, so a replayed save writes nothing twice). */
const saveEnvelope = {
	version_id: clientId,
	change_note: clean(text(L.changeNote, 0)).optional()
};

export const editProgramBody = z.strictObject({ ...saveEnvelope, edit: programEdit });
export type EditProgramInput = z.input<typeof editProgramBody>;

export const saveProgramBody = z.strictObject({
	...saveEnvelope,
	/** The version the edit started from: a save on an older head is merged, or refused with the conflicts. */
	base_version_id: uuid,
	content: programContent
});
export type SaveProgramInput = z.input<typeof saveProgramBody>;

export const createProgramBody = z.strictObject({
	id: clientId,
	title: line(L.title),
	format: z.enum(PROGRAM_FORMATS),
	/** Start from the format's template (sessions with timings and opening/closing activities). */
	template: z.boolean().optional().default(false),
	/** The language the template's text is written in. */
	locale: z.enum(['en', 'ar', 'fr']).optional().default('en'),
	summary: metaShape.summary,
	languages: metaShape.languages,
	audience: metaShape.audience,
	layout: z.enum(LAYOUTS).optional(),
	outcomes: metaShape.outcomes,
	licence: programLicence.optional(),
	visibility: z.enum(VISIBILITIES).optional().default('private')
});
export type CreateProgramInput = z.input<typeof createProgramBody>;

export const visibilityBody = z.strictObject({ visibility: z.enum(VISIBILITIES) });
export type VisibilityInput = z.input<typeof visibilityBody>;

export const inviteBody = z.strictObject({ handle: text(200) });
export type InviteInput = z.input<typeof inviteBody>;

export const forkBody = z.strictObject({
	id: clientId,
	/** The version number to remix; the newest when absent. */
	version: z.number().int().min(1).optional(),
	title: line(L.title).optional()
});
export type ForkInput = z.input<typeof forkBody>;

const unitKey = z
	.string()
	.max(80)
	.refine((s) => s === 'program' || /^(?:session|item):[0-9a-f-]{36}$/.test(s), keyed('field_invalid'));

export const takeUpstreamBody = z.strictObject({
	...saveEnvelope,
	program: z.boolean().optional().default(false),
	sessions: z.array(uuid).max(L.sessions).optional().default([]),
	items: z
		.array(uuid)
		.max(L.sessions * L.itemsPerSession)
		.optional()
		.default([]),
	/** How to settle conflicts, by unit (`program`, `session:<id>`, `item:<id>`). */
	prefer: z
		.record(unitKey, z.enum(['ours', 'theirs']))
		.optional()
		.default({})
});
export type TakeUpstreamInput = z.input<typeof takeUpstreamBody>;

export const listQuery = z.strictObject({
	page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
	per_page: z.coerce.number().int().min(1).max(50).optional().default(20)
});
export type ListQuery = z.input<typeof listQuery>;
