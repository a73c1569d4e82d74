/**
 * The fixed chain every JSON endpoint follows (after Outline's routes):
 * language → authenticate → read and validate → idempotency → one service call →
 * JSON out. Domain errors become problem+json here and nowhere else.
 */
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import { DomainError, isDomainError, unauthenticated } from '../../domain/errors';
import { translator } from '../../i18n/catalogues';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../../i18n/locales';
import type { Ctx } from '../context';
import { getDb } from '../db';
import { log } from '../log';
import { withIdempotency, requestHash } from './idempotency';
import { problemResponse } from './problem';
import { parseOrThrow } from './validation';

/** JSON bodies above this are refused before parsing (API payloads are small). */
export const MAX_JSON_BYTES = 256 * 1024;

export function apiLocale(event: Pick<RequestEvent, 'url' | 'request'>): Locale {
	const q = event.url.searchParams.get('lang');
	if (isLocale(q)) return q;
	return localeFromAcceptLanguage(event.request.headers.get('accept-language'));
}

export async function ctxFromEvent(event: RequestEvent): Promise<Ctx> {
	return {
		db: await getDb(),
		actor: event.locals.actor,
		addressHash: event.locals.addressHash,
		now: () => new Date()
	};
}

async function readJson(request: Request): Promise<{ raw: string; value: unknown }> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/(.+\+)?json\b/i.test(type)) throw new DomainError('unsupported', 'error_unsupported');
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > MAX_JSON_BYTES) throw new DomainError('too_large', 'error_too_large');
	const raw = await request.text();
	if (Buffer.byteLength(raw) > MAX_JSON_BYTES) throw new DomainError('too_large', 'error_too_large');
	try {
		return { raw, value: raw === '' ? {} : JSON.parse(raw) };
	} catch {
		throw new DomainError('invalid', 'error_body_not_json');
	}
}

export interface ApiSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
	auth?: 'required' | 'optional';
	body?: B;
	query?: Q;
	/** Status of a successful answer (201 for creates). */
	status?: number;
	/** Creates honour Idempotency-Key: a replay returns the first answer. */
	idempotent?: boolean;
	/**
	 * For a body the chain does not read (a streamed upload): what identifies the request
	 * for Idempotency-Key in place of the body, since the key is claimed before reading it.
	 */
	requestIdentity?: (event: RequestEvent) => string;
	run: (input: {
		ctx: Ctx;
		body: B extends z.ZodType ? z.output<B> : undefined;
		query: Q extends z.ZodType ? z.output<Q> : undefined;
		params: Record<string, string>;
		event: RequestEvent;
	}) => Promise<unknown>;
}

export function api<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
	spec: ApiSpec<B, Q>
): RequestHandler {
	return async (event) => {
		const t = translator(apiLocale(event));
		try {
			const ctx = await ctxFromEvent(event);
			if (spec.auth === 'required' && !ctx.actor) throw unauthenticated();
			let raw = '';
			let body: unknown = undefined;
			if (spec.body) {
				const read = await readJson(event.request);
				raw = read.raw;
				body = parseOrThrow(spec.body, read.value);
			}
			const query = spec.query
				? parseOrThrow(spec.query, Object.fromEntries(event.url.searchParams))
				: undefined;
			const call = async () => {
				const result = await spec.run({
					ctx,
					body: body as never,
					query: query as never,
					params: event.params as Record<string, string>,
					event
				});
				return { status: spec.status ?? 200, body: JSON.stringify(result ?? null) };
			};
			const key = event.request.headers.get('idempotency-key');
			let answer: { status: number; body: string; replayed?: boolean };
			if (spec.idempotent && key) {
				if (key.length > 128)
					throw new DomainError('invalid', 'error_invalid_input', {
						fields: [{ field: 'Idempotency-Key', message: 'field_too_long', params: { count: 128 } }]
					});
				const scope = ctx.actor ? `account:${ctx.actor.id}` : `anon:${ctx.addressHash.slice(0, 32)}`;
				const identity = spec.requestIdentity ? spec.requestIdentity(event) : raw;
				const hash = requestHash(event.request.method, event.url.pathname, identity);
				answer = await withIdempotency(ctx.db, scope, key, hash, ctx.now(), call);
			} else {
				answer = await call();
			}
			const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
			if (answer.replayed) headers['idempotency-replayed'] = 'true';
			return new Response(answer.body, { status: answer.status, headers });
		} catch (err) {
			if (isDomainError(err)) {
				const res = problemResponse(err, t);
				// A body refused unread is still on the wire: close rather than misread it as the next request.
				if (err.kind === 'too_large') res.headers.set('connection', 'close');
				return res;
			}
			log.error('api', err);
			return new Response(JSON.stringify({ type: 'about:blank', title: t.t('error_server'), status: 500 }), {
				status: 500,
				headers: { 'content-type': 'application/problem+json; charset=utf-8' }
			});
		}
	};
}
