/**
 * Typed domain errors. Services throw these; one mapper (server/http/problem.ts)
 * turns them into problem+json or a form message, so no feature knows about HTTP.
 * Each carries a message key (translated at the edge) rather than English text.
 */
import type { MessageKey, MessageParams } from '../i18n/keys';

export type ErrorKind =
	| 'invalid'
	| 'unauthenticated'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'rate_limited'
	| 'too_large'
	| 'unsupported';

export interface FieldIssue {
	/** Dotted path of the offending field, e.g. `handle` or `members.0.role`. */
	field: string;
	message: MessageKey;
	params?: MessageParams;
}

export class DomainError extends Error {
	readonly kind: ErrorKind;
	readonly messageKey: MessageKey;
	readonly params: MessageParams;
	readonly fields: FieldIssue[];
	/** Seconds until a rate-limited request may be retried. */
	readonly retryAfter?: number;

	constructor(
		kind: ErrorKind,
		messageKey: MessageKey,
		options: { params?: MessageParams; fields?: FieldIssue[]; retryAfter?: number } = {}
	) {
		super(messageKey);
		this.name = 'DomainError';
		this.kind = kind;
		this.messageKey = messageKey;
		this.params = options.params ?? {};
		this.fields = options.fields ?? [];
		this.retryAfter = options.retryAfter;
	}
}

export const invalid = (fields: FieldIssue[], key: MessageKey = 'error_invalid_input') =>
	new DomainError('invalid', key, { fields });
export const notFound = (key: MessageKey = 'error_not_found') => new DomainError('not_found', key);
export const forbidden = (key: MessageKey = 'error_forbidden') => new DomainError('forbidden', key);
export const unauthenticated = () => new DomainError('unauthenticated', 'error_unauthenticated');
export const conflict = (key: MessageKey, params?: MessageParams) =>
	new DomainError('conflict', key, { params });

export function isDomainError(e: unknown): e is DomainError {
	return e instanceof DomainError;
}
