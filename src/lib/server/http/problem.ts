/**
 * The one place where domain errors become HTTP: a status code plus an
 * RFC 9457 problem+json body whose messages are in the request's language.
 */
import { isDomainError, type DomainError, type ErrorKind } from '../../domain/errors';
import type { Translator } from '../../i18n/translate';

export const statusOf: Record<ErrorKind, number> = {
	invalid: 422,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	rate_limited: 429,
	too_large: 413,
	unsupported: 415
};

export interface Problem {
	type: string;
	title: string;
	status: number;
	detail?: string;
	errors?: { field: string; message: string }[];
}

export function problemFromError(err: DomainError, t: Translator): Problem {
	const status = statusOf[err.kind];
	return {
		type: `about:blank#${err.kind}`,
		title: t.t(err.messageKey, err.params),
		status,
		...(err.fields.length
			? { errors: err.fields.map((f) => ({ field: f.field, message: t.t(f.message, f.params) })) }
			: {})
	};
}

export function problemResponse(err: unknown, t: Translator): Response {
	if (!isDomainError(err)) throw err;
	const body = problemFromError(err, t);
	const headers: Record<string, string> = {
		'content-type': 'application/problem+json; charset=utf-8',
		'content-language': t.locale
	};
	if (err.retryAfter) headers['retry-after'] = String(err.retryAfter);
	return new Response(JSON.stringify(body), { status: body.status, headers });
}

/** For SvelteKit form actions: the translated messages keyed by field. */
export function formErrors(
	err: DomainError,
	t: Translator
): { message: string; fields: Record<string, string> } {
	const fields: Record<string, string> = {};
	for (const f of err.fields) fields[f.field] ??= t.t(f.message, f.params);
	return { message: t.t(err.messageKey, err.params), fields };
}
