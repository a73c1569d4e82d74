/**
 * What the libraries feature accepts from forms and the API. The same schemas
 * validate both and describe the API in the OpenAPI document; the API uses the
 * strict variants so an unknown field is refused rather than silently dropped.
 */
import { z } from 'zod';
import { isUuidV7 } from '../../domain/ids';
import {
	LIBRARY_DESCRIPTION_MAX,
	LIBRARY_NAME_MAX,
	LIBRARY_REASON_MAX,
	LIBRARY_ROLES,
	descriptionHasForbiddenCharacters,
	nameHasForbiddenCharacters,
	normalizeSlug,
	slugIssue
} from '../../domain/libraries';
import type { MessageKey } from '../../i18n/keys';
import { keyed, optionalText, text } from '../http/validation';

const issue = (key: MessageKey) => ({ code: 'custom' as const, message: key, params: { messageKey: key } });

/** A client-made UUIDv7; a form's empty hidden field means "none". */
const clientId = z
	.string()
	.optional()
	.transform((s) => (s ? s.trim().toLowerCase() : undefined))
	.refine((s) => s === undefined || isUuidV7(s), keyed('field_invalid_id'));

export const libraryName = text(LIBRARY_NAME_MAX).refine(
	(s) => !nameHasForbiddenCharacters(s),
	keyed('library_name_forbidden_characters')
);

export const libraryDescription = optionalText(LIBRARY_DESCRIPTION_MAX).refine(
	(s) => s === undefined || !descriptionHasForbiddenCharacters(s),
	keyed('library_description_forbidden_characters')
);

/** Optional: empty means "make one from the name". Checked here so a form shows the reason by the field. */
export const librarySlug = z
	.string()
	// Generous bound before normalising, so a 10 kB paste gets the length message, not a slow regex.
	.max(200)
	.optional()
	.transform((s) => (s ? normalizeSlug(s) : undefined))
	.transform((s) => (s ? s : undefined))
	.superRefine((s, ctx) => {
		if (s === undefined) return;
		const key = slugIssue(s);
		if (key) ctx.addIssue(issue(key));
	});

const createShape = {
	id: clientId,
	name: libraryName,
	slug: librarySlug,
	description: libraryDescription
};
export const createLibraryForm = z.object(createShape);
export const createLibraryBody = z.strictObject(createShape);
/** What createLibrary needs (the parsed form or body; optional keys may be left out). */
export interface CreateLibraryInput {
	id?: string;
	name: string;
	slug?: string;
	description?: string;
}

/** Handles are typed with or without the leading @. */
export const memberHandle = text(64)
	.refine((s) => !/\p{Cc}/u.test(s), keyed('field_invalid'))
	.transform((s) => s.replace(/^@/, ''));
export const libraryRole = z.enum(LIBRARY_ROLES);

const addMemberShape = { handle: memberHandle, role: libraryRole };
export const addMemberForm = z.object(addMemberShape);
export const addMemberBody = z.strictObject(addMemberShape);
export interface AddMemberInput {
	handle: string;
	role: z.output<typeof libraryRole>;
}

export const changeRoleForm = z.object({ handle: memberHandle, role: libraryRole });
export const changeRoleBody = z.strictObject({ role: libraryRole });

export const memberForm = z.object({ handle: memberHandle });

const suspendShape = {
	reason: text(LIBRARY_REASON_MAX).refine(
		(s) => !descriptionHasForbiddenCharacters(s),
		keyed('library_reason_forbidden_characters')
	)
};
/** The admin page lists many libraries, so its forms say which one they are about. */
const adminSlug = z.string().max(200);
export const suspendForm = z.object({ ...suspendShape, slug: adminSlug });
export const liftSuspensionForm = z.object({ slug: adminSlug });
export const leaveForm = z.object({});
export const suspendBody = z.strictObject(suspendShape);

export const LIBRARY_PAGE_SIZE = 20;
export const LIBRARY_PAGE_SIZE_MAX = 100;

/** ?page=&per_page= as the index page and the API read them. */
export const listQuery = z.object({
	page: z
		.string()
		.optional()
		.transform((s) => (s === undefined || s === '' ? 1 : Number(s)))
		.refine((n) => Number.isSafeInteger(n) && n >= 1, keyed('library_query_page')),
	per_page: z
		.string()
		.optional()
		.transform((s) => (s === undefined || s === '' ? LIBRARY_PAGE_SIZE : Number(s)))
		.refine(
			(n) => Number.isSafeInteger(n) && n >= 1 && n <= LIBRARY_PAGE_SIZE_MAX,
			keyed('library_query_per_page')
		)
});
export type ListQuery = z.output<typeof listQuery>;

// --- What the API answers (for the OpenAPI document) ---------------------

export const memberOut = z.object({
	handle: z.string().nullable().describe('null for a member whose account was deleted'),
	role: libraryRole,
	joined_at: z.string()
});

export const libraryOut = z.object({
	id: z.string(),
	slug: z.string(),
	name: z.string(),
	description: z.string(),
	created_at: z.string(),
	member_count: z.number().int(),
	suspended: z.boolean(),
	suspended_at: z.string().nullable(),
	suspended_reason: z.string().nullable()
});

export const libraryDetailOut = libraryOut.extend({ members: z.array(memberOut) });

export const libraryPageOut = z.object({
	total: z.number().int(),
	page: z.number().int(),
	per_page: z.number().int(),
	items: z.array(libraryOut)
});
