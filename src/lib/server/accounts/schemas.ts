/**
 * Input and output shapes of the accounts feature, shared by the form actions,
 * the JSON API and the OpenAPI document. Handle and passphrase rules are not
 * repeated here: the service applies them (domain/handles.ts, domain/passphrase.ts)
 * so a form, the API and the CLI give the same specific messages.
 */
import { z } from 'zod';
import { isUuidV7 } from '../../domain/ids';
import { locales } from '../../i18n/locales';
import { keyed } from '../http/validation';

/** Generous bounds: the domain rules give the precise messages; these only stop abuse. */
const handleInput = z.string().max(20_000);
const passphraseInput = z.string().max(8_192);
const givenPassphrase = passphraseInput.min(1);

const email = z
	.string()
	.transform((s) => s.normalize('NFC').trim())
	.pipe(z.string().max(254))
	.refine((s) => s === '' || z.email().safeParse(s).success, keyed('field_invalid_email'));

/** Empty means "no email": forms send "" for a blank field. */
const optionalEmail = email.optional().transform((s) => (s ? s : undefined));
const apiEmail = z
	.union([email, z.null()])
	.optional()
	.transform((s) => (s ? s : undefined));

export const localeSchema = z.enum(locales);

const clientId = z.string().refine(isUuidV7, keyed('field_invalid_id'));

// The confirmation fields are compared by the service, together with the other
// rules, so a form shows every problem at once rather than one round at a time.
export const signupForm = z.object({
	handle: handleInput,
	passphrase: passphraseInput,
	passphrase_confirm: passphraseInput,
	email: optionalEmail
});

export const signupBody = z
	.object({
		id: clientId.optional().describe('A UUIDv7 made by the client; replaying it returns the same account.'),
		handle: handleInput.describe('2 to 32 letters, marks, digits or . _ - in one script.'),
		passphrase: passphraseInput.describe('10 to 1024 characters.'),
		email: apiEmail,
		locale: localeSchema.optional().describe('UI language; defaults to the language of the request.')
	})
	.strict();

export const loginForm = z.object({
	handle: handleInput.min(1),
	passphrase: givenPassphrase,
	next: z.string().max(2_000).optional()
});

export const loginBody = z.object({ handle: handleInput.min(1), passphrase: givenPassphrase }).strict();

export const profileForm = z.object({ email: optionalEmail, locale: localeSchema });

export const passphraseForm = z.object({
	current_passphrase: givenPassphrase,
	new_passphrase: passphraseInput,
	new_passphrase_confirm: passphraseInput
});

export const deleteForm = z.object({ passphrase: givenPassphrase });

// --- Answers (for the OpenAPI document) ----------------------------------------

export const accountCreated = z.object({
	id: z.string(),
	handle: z.string(),
	locale: localeSchema,
	created_at: z.string()
});

export const sessionStarted = z.object({ handle: z.string() });

export const loggedOut = z.object({ logged_out: z.literal(true) });

export const me = z.object({
	id: z.string(),
	handle: z.string(),
	email: z.string().nullable(),
	locale: localeSchema,
	is_admin: z.boolean(),
	created_at: z.string()
});

export const accountExport = z
	.object({
		format: z.literal('circles-account-export'),
		version: z.literal(1),
		exported_at: z.string(),
		account: me,
		sessions: z.array(
			z.object({
				created_at: z.string(),
				expires_at: z.string(),
				user_agent: z.string().nullable(),
				current: z.boolean()
			})
		),
		login_attempts: z.array(z.object({ created_at: z.string(), succeeded: z.boolean() }))
	})
	.catchall(z.unknown())
	.describe(
		'Everything Circles stores about the account; other features add their part under their own key.'
	);
