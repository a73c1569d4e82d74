/**
 * The builder's forms (issue 5, items 1–3): HTML forms send strings, the programs service
 * takes the JSON-shaped bodies in schemas.ts. Each form here turns its strings into that
 * body (lists from lines or commas, minutes from digits, "" as "cleared") and then runs the
 * service's own schema on it, so a form and the API refuse a value with the same message.
 * A refusal is named after the form control (`title`, `duration_minutes`, `url`…), which is
 * the last name in the service's path, so it lands beside the field that was typed.
 */
import { z } from 'zod';
import type { MessageKey } from '../../i18n/keys';
import {
	createProgramBody,
	editProgramBody,
	inviteBody,
	uuid,
	visibilityBody,
	type CreateProgramInput,
	type EditProgramInput,
	type InviteInput,
	type VisibilityInput
} from './schemas';

type Raw = Record<string, string | string[]>;

/** What a form posts: names to strings (a repeated name to a list). Sizes are capped before any work. */
const posted = z.record(
	z.string().max(100),
	z.union([z.string().max(100_000), z.array(z.string().max(100_000)).max(200)])
);

const one = (f: Raw, name: string): string | undefined => {
	const v = f[name];
	return Array.isArray(v) ? v[0] : v;
};

/** Present only when posted: an edit changes only what its form carries. */
const has = (f: Raw, name: string) => f[name] !== undefined;

/** One entry per line (outcomes and questions may contain commas); blank lines dropped. */
export const lines = (s: string | undefined) =>
	(s ?? '')
		.split(/\r\n?|\n/)
		.map((x) => x.trim())
		.filter((x) => x !== '');

/** Commas (Latin and Arabic), semicolons, spaces and newlines separate language tags. */
export const tags = (s: string | undefined) =>
	(s ?? '')
		.split(/[,،;\s]+/)
		.map((x) => x.trim())
		.filter((x) => x !== '');

const asciiDigits = (s: string) =>
	s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));

const NOT_MINUTES = Symbol('not minutes');

/** "" clears a duration (null); digits (Arabic-Indic too) are minutes; anything else is refused. */
function minutes(s: string | undefined): number | null | typeof NOT_MINUTES {
	const v = asciiDigits(s ?? '').trim();
	if (v === '') return null;
	return /^[0-9]{1,9}$/.test(v) ? Number(v) : NOT_MINUTES;
}

const integer = (s: string | undefined) => {
	const v = asciiDigits(s ?? '').trim();
	return /^[0-9]{1,6}$/.test(v) ? Number(v) : v === '' ? undefined : -1;
};

/** The form control a service path points at: the last name in it (`edit.fields.outcomes.2` → `outcomes`). */
export function formField(path: readonly PropertyKey[]): string {
	const names = path.filter((p): p is string => typeof p === 'string' && !/^\d+$/.test(p));
	const last = names.at(-1);
	if (!last || last === 'edit' || last === 'fields' || last === 'session' || last === 'item') return '_';
	return last;
}

/**
 * Runs the service's schema on what a form built, keeping the built value (the service
 * parses it again) and renaming each refusal after its form control.
 */
type Bad = (field: string, key?: MessageKey) => void;

function checkedBy<T>(schema: z.ZodType, build: (f: Raw, bad: Bad) => T) {
	return posted.transform((f, ctx): T => {
		const bad: Bad = (field, key = 'prog_minutes_invalid') =>
			ctx.addIssue({ code: 'custom', path: [field], message: key, params: { messageKey: key } });
		const value = build(f, bad);
		if (ctx.issues.length > 0) return z.NEVER;
		const r = schema.safeParse(value, { reportInput: true });
		if (r.success) return value;
		for (const issue of r.error.issues) {
			const { path, ...rest } = issue;
			ctx.addIssue({ ...(rest as z.core.$ZodRawIssue), path: [formField(path)] } as never);
		}
		return z.NEVER;
	});
}

/** Duration fields: a refusal names the field; the built value then holds a placeholder nobody reads. */
function minutesOf(f: Raw, name: string, bad: Bad): number | null {
	const m = minutes(one(f, name));
	if (m === NOT_MINUTES) {
		bad(name);
		return null;
	}
	return m;
}

export const EDIT_OPS = [
	'edit_program',
	'set_layout',
	'add_session',
	'edit_session',
	'remove_session',
	'move_session',
	'duplicate_session',
	'add_activity',
	'add_link',
	'edit_item',
	'remove_item',
	'move_item'
] as const;
export type EditOp = (typeof EDIT_OPS)[number];

/** Only fields that are posted go into a patch: a form for a session's title keeps its notes. */
function patch(f: Raw, names: Record<string, (v: string | undefined) => unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(names)
			.filter(([name]) => has(f, name))
			.map(([name, read]) => [name, read(one(f, name))])
	);
}

const str = (v: string | undefined) => v ?? '';

/**
 * Every builder form: a hidden `op` says which edit, the other fields are that edit's.
 * `version_id` (client-made) makes a resent form save nothing twice.
 */
export const editForm = checkedBy<EditProgramInput>(editProgramBody, (f, bad) => {
	const op = one(f, 'op') as EditOp | undefined;
	const version = one(f, 'version_id') ? { version_id: one(f, 'version_id') } : {};
	const duration = () =>
		has(f, 'duration_minutes') ? { duration_minutes: minutesOf(f, 'duration_minutes', bad) } : {};
	const position = () => integer(one(f, 'position'));
	let edit: unknown;
	switch (op) {
		case 'edit_program':
			edit = {
				op,
				fields: patch(f, {
					title: str,
					summary: str,
					languages: tags,
					audience: str,
					format: str,
					outcomes: lines,
					licence: str
				})
			};
			break;
		case 'set_layout':
			edit = { op, layout: one(f, 'layout') };
			break;
		case 'add_session':
			edit = {
				op,
				session_id: one(f, 'session_id') || undefined,
				session: { title: str(one(f, 'title')), ...duration() }
			};
			break;
		case 'edit_session':
			edit = {
				op,
				session_id: one(f, 'session_id'),
				fields: {
					...patch(f, {
						title: str,
						objectives: str,
						materials: str,
						facilitator_notes: str,
						reflection_questions: lines
					}),
					...duration()
				}
			};
			break;
		case 'remove_session':
		case 'duplicate_session':
			edit = {
				op,
				session_id: one(f, 'session_id'),
				...(op === 'duplicate_session' ? { new_session_id: one(f, 'new_session_id') || undefined } : {})
			};
			break;
		case 'move_session':
			edit = { op, session_id: one(f, 'session_id'), position: position() };
			break;
		case 'add_activity':
			edit = {
				op: 'add_item',
				session_id: one(f, 'session_id'),
				item: {
					id: one(f, 'item_id') || undefined,
					kind: 'activity',
					activity: one(f, 'activity'),
					title: str(one(f, 'title')),
					instructions: str(one(f, 'instructions')),
					...duration()
				}
			};
			break;
		case 'add_link':
			edit = {
				op: 'add_item',
				session_id: one(f, 'session_id'),
				item: {
					id: one(f, 'item_id') || undefined,
					kind: 'link',
					url: str(one(f, 'url')),
					title: str(one(f, 'title')),
					note: str(one(f, 'note')),
					...duration()
				}
			};
			break;
		case 'edit_item': {
			// A resource item follows the latest version, or is pinned to the one the page showed.
			const follow = one(f, 'follow');
			const version_id =
				follow === 'latest' ? null : follow === 'pinned' ? (one(f, 'pin_version_id') ?? '') : undefined;
			edit = {
				op,
				item_id: one(f, 'item_id'),
				fields: {
					...patch(f, { activity: str, title: str, instructions: str, url: str, note: str }),
					...duration(),
					...(version_id !== undefined ? { version_id } : {})
				}
			};
			break;
		}
		case 'remove_item':
			edit = { op, item_id: one(f, 'item_id') };
			break;
		case 'move_item':
			edit = { op, item_id: one(f, 'item_id'), session_id: one(f, 'session_id'), position: position() };
			break;
		default:
			bad('op', 'field_invalid_choice');
	}
	return { ...version, edit } as EditProgramInput;
});

/** /programs/new: a title, a format, the languages, and whether to start from the format's template. */
export const newProgramForm = (locale: 'en' | 'ar' | 'fr') =>
	checkedBy<CreateProgramInput>(createProgramBody, (f) => ({
		...(one(f, 'id') ? { id: one(f, 'id') } : {}),
		title: str(one(f, 'title')),
		format: str(one(f, 'format')) as CreateProgramInput['format'],
		languages: tags(one(f, 'languages')),
		summary: str(one(f, 'summary')),
		template: one(f, 'template') === '1' || one(f, 'template') === 'on',
		locale
	}));

export const visibilityForm = checkedBy<VisibilityInput>(visibilityBody, (f) => ({
	visibility: str(one(f, 'visibility')) as VisibilityInput['visibility']
}));

export const inviteForm = checkedBy<InviteInput>(inviteBody, (f) => ({
	handle: str(one(f, 'handle')).replace(/^@/, '')
}));

/** Accept or decline an invitation: the program it is for. */
export const invitationForm = checkedBy<{ program_id: string }>(
	z.strictObject({ program_id: uuid }),
	(f) => ({ program_id: str(one(f, 'program_id')) })
);

/** Where "Add to program" puts a resource: an existing session, a new session, or a new program. */
export interface AddToProgramInput {
	resource_id: string;
	/** The version the page showed: pinned to it, or null to follow the latest. */
	pin: boolean;
	resource_version_id?: string;
	item_id?: string;
	program: { id: string } | { new: CreateProgramInput };
	session: { id: string } | { new: { id?: string; title: string } };
	/** Client-made version ids for the new session and the added item, so a resent form adds once. */
	version_ids: [string | undefined, string | undefined];
}

const optionalId = (v: string | undefined) => (v ? v : undefined);

/**
 * The add page's one form: `target` is `new` (a new program with a first session),
 * `<program>:new` (a new session in that program) or `<program>:<session>`.
 */
export const addForm = (locale: 'en' | 'ar' | 'fr') =>
	posted.transform((f, ctx): AddToProgramInput => {
		const issues: { field: string; key: MessageKey }[] = [];
		const target = one(f, 'target') ?? '';
		const [programPart = '', sessionPart = ''] = target.split(':');
		const isId = (s: string) => uuid.safeParse(s).success;
		const sessionTitle = str(one(f, 'new_session_title')).normalize('NFC').trim();
		const newSession = { new: { id: optionalId(one(f, 'new_session_id')), title: sessionTitle } };
		let program: AddToProgramInput['program'];
		let session: AddToProgramInput['session'];
		if (target === 'new') {
			const created: CreateProgramInput = {
				...(one(f, 'new_program_id') ? { id: one(f, 'new_program_id') } : {}),
				title: str(one(f, 'new_program_title')),
				format: str(one(f, 'new_program_format')) as CreateProgramInput['format'],
				locale
			};
			const r = createProgramBody.safeParse(created, { reportInput: true });
			if (!r.success)
				for (const issue of r.error.issues)
					issues.push({ field: `new_program_${formField(issue.path)}`, key: messageOf(issue) });
			program = { new: created };
			session = newSession;
		} else if (isId(programPart) && (sessionPart === 'new' || isId(sessionPart))) {
			program = { id: programPart };
			session = sessionPart === 'new' ? newSession : { id: sessionPart };
		} else {
			issues.push({ field: 'target', key: 'prog_add_pick' });
			program = { id: '' };
			session = { id: '' };
		}
		if ('new' in session && !sessionTitle) issues.push({ field: 'new_session_title', key: 'field_required' });
		if (sessionTitle.length > 200) issues.push({ field: 'new_session_title', key: 'field_invalid' });
		const resource = one(f, 'resource_id') ?? '';
		if (!isId(resource)) issues.push({ field: 'resource_id', key: 'field_invalid_id' });
		const version = optionalId(one(f, 'resource_version_id'));
		if (version !== undefined && !isId(version)) issues.push({ field: 'follow', key: 'field_invalid_id' });
		const follow = one(f, 'follow');
		if (follow !== 'pinned' && follow !== 'latest')
			issues.push({ field: 'follow', key: 'field_invalid_choice' });
		const ids = ['new_program_id', 'new_session_id', 'item_id', 'v1', 'v2'];
		for (const name of ids) {
			const v = optionalId(one(f, name));
			if (v !== undefined && !isId(v)) issues.push({ field: name, key: 'field_invalid_id' });
		}
		for (const { field, key } of issues)
			ctx.addIssue({ code: 'custom', path: [field], message: key, params: { messageKey: key } });
		if (issues.length > 0) return z.NEVER;
		return {
			resource_id: resource,
			pin: follow === 'pinned',
			...(follow === 'pinned' && version ? { resource_version_id: version } : {}),
			item_id: optionalId(one(f, 'item_id')),
			program,
			session,
			version_ids: [optionalId(one(f, 'v1')), optionalId(one(f, 'v2'))]
		};
	});

/** The message key a zod issue carries (a keyed refinement), or the general one for its kind. */
function messageOf(issue: z.core.$ZodIssue): MessageKey {
	const key = (issue as { params?: { messageKey?: MessageKey } }).params?.messageKey;
	if (key) return key;
	if (issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.input === undefined))
		return 'field_required';
	if (issue.code === 'invalid_value') return 'field_invalid_choice';
	if (issue.code === 'too_big') return 'field_invalid';
	return 'field_invalid';
}
