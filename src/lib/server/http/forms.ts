/**
 * The chain for HTML form actions, the twin of api.ts for pages that must work
 * without JavaScript: read the form → validate → one service call. A domain error
 * becomes `fail(status, …)` with translated messages per field and the values
 * the person typed (never passphrases), so the form re-renders with them.
 */
import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { DomainError, isDomainError } from '../../domain/errors';
import { localizeHref } from '../../i18n/locales';
import { config } from '../config';
import type { Ctx } from '../context';
import { ctxFromEvent } from './api';
import { formErrors, statusOf } from './problem';
import { parseOrThrow } from './validation';

export interface FormFailure {
	message: string;
	fields: Record<string, string>;
	values: Record<string, string | string[]>;
	/** Which form on the page failed, when a page has several. */
	form?: string;
}

/** Multiple values under one name (checkbox groups) become arrays; files are ignored here. */
export function formToObject(data: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of data.entries()) {
		if (typeof v !== 'string') continue;
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}

const SECRET = /pass|secret|token/i;

/**
 * The server refused to read a body over BODY_SIZE_LIMIT (adapter-node's 413): say so in
 * words instead of treating the form as empty. Only a file can make a form that large.
 */
function bodyTooLarge(e: unknown): DomainError | null {
	if ((e as { status?: unknown } | null)?.status !== 413) return null;
	const megabytes = Math.round((config().attachmentMaxBytes / (1024 * 1024)) * 10) / 10;
	return new DomainError('too_large', 'error_too_large', {
		params: { megabytes },
		fields: [{ field: 'file', message: 'attach_too_large', params: { megabytes } }]
	});
}

/**
 * `run` also gets the raw FormData, for the files a multipart form carries (the
 * schema sees only the text fields).
 */
export async function runForm<S extends z.ZodType, R>(
	event: RequestEvent,
	schema: S,
	run: (input: z.output<S>, ctx: Ctx, data: FormData) => Promise<R>,
	options: { form?: string } = {}
): Promise<{ ok: true; value: R; ctx: Ctx } | ActionFailure<FormFailure>> {
	let values: Record<string, string | string[]> = {};
	try {
		const data = await event.request.formData().catch((e: unknown) => {
			const tooLarge = bodyTooLarge(e);
			if (tooLarge) throw tooLarge;
			return new FormData();
		});
		values = formToObject(data);
		const input = parseOrThrow(schema, values);
		const ctx = await ctxFromEvent(event);
		return { ok: true, value: await run(input, ctx, data), ctx };
	} catch (err) {
		if (!isDomainError(err)) throw err;
		const safeValues = Object.fromEntries(
			Object.entries(values)
				.filter(([k]) => !SECRET.test(k))
				.map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 2000) : v.slice(0, 100)])
		);
		return fail(statusOf[err.kind], {
			...formErrors(err, event.locals.t),
			values: safeValues,
			...(options.form ? { form: options.form } : {})
		});
	}
}

/** Sends a person who is not signed in to the login page, coming back here after. */
export function requireActor(event: RequestEvent) {
	if (event.locals.actor) return event.locals.actor;
	redirect(303, loginHref(event, event.url.pathname + event.url.search));
}

/** Only same-site paths may be a `next` target, so the login page cannot be used to redirect elsewhere. */
export function safeNext(next: string | null | undefined, fallback: string): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	return next;
}

export function loginHref(event: RequestEvent, next: string): string {
	return localizeHref(`/login?next=${encodeURIComponent(next)}`, event.locals.locale);
}
