/**
 * The accounts endpoints and form actions without a browser, on both databases:
 * status codes, problem+json, the session cookie's attributes, idempotent sign-up,
 * rate limiting with Retry-After, and every hostile handle answered with a 4xx.
 */
import fs from 'node:fs';
import { isActionFailure, isRedirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import { translator } from '../../i18n/catalogues';
import type { Locale } from '../../i18n/locales';
import type { Actor } from '../context';
import { setDb } from '../db';
import { describeEachDialect } from '../db/testing';
import { setHashCost } from './passwords';
import { resolveSession, SESSION_COOKIE } from './sessions';
import * as accountsApi from '../../../routes/api/v1/accounts/+server';
import * as meApi from '../../../routes/api/v1/accounts/me/+server';
import * as exportApi from '../../../routes/api/v1/accounts/me/export/+server';
import * as sessionApi from '../../../routes/api/v1/session/+server';
import * as signupPage from '../../../routes/signup/+page.server';
import * as loginPage from '../../../routes/login/+page.server';

beforeAll(() => setHashCost('test'));

const PASS = 'correct horse battery';

interface CookieCall {
	name: string;
	value: string | null;
	options: Record<string, unknown>;
}

function cookieJar(initial: Record<string, string> = {}) {
	const jar = new Map(Object.entries(initial));
	const calls: CookieCall[] = [];
	const cookies = {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string, options: Record<string, unknown>) => {
			jar.set(name, value);
			calls.push({ name, value, options });
		},
		delete: (name: string, options: Record<string, unknown>) => {
			jar.delete(name);
			calls.push({ name, value: null, options });
		},
		serialize: () => ''
	} as unknown as Cookies;
	return { jar, calls, cookies };
}

type Jar = ReturnType<typeof cookieJar>;

function event(init: {
	method: string;
	path: string;
	body?: string | FormData;
	headers?: Record<string, string>;
	actor?: Actor | null;
	jar?: Jar;
	address?: string;
	origin?: string;
	locale?: Locale;
}): RequestEvent {
	const url = new URL(init.path, init.origin ?? 'http://localhost');
	const headers: Record<string, string> =
		typeof init.body === 'string'
			? { 'content-type': 'application/json', ...init.headers }
			: { ...init.headers };
	const request = new Request(url, { method: init.method, headers, body: init.body });
	const locale = init.locale ?? 'en';
	return {
		request,
		url,
		params: {},
		cookies: (init.jar ?? cookieJar()).cookies,
		locals: {
			actor: init.actor ?? null,
			addressHash: init.address ?? 'addr-1',
			locale,
			t: translator(locale)
		}
	} as unknown as RequestEvent;
}

const call = (handler: unknown, e: RequestEvent) => (handler as (e: RequestEvent) => Promise<Response>)(e);
const json = (body: unknown) => JSON.stringify(body);

async function signUp(
	handle: string,
	extra: Record<string, unknown> = {},
	headers: Record<string, string> = {}
) {
	return call(
		accountsApi.POST,
		event({
			method: 'POST',
			path: '/api/v1/accounts',
			body: json({ handle, passphrase: PASS, ...extra }),
			headers
		})
	);
}

describeEachDialect('accounts API', ({ db }) => {
	beforeEach(() => setDb(db()));

	it('signs up (201) in the language of the request, idempotently', async () => {
		const res = await signUp('Amal', {}, { 'accept-language': 'fr', 'idempotency-key': 'k1' });
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body).toEqual({
			id: expect.any(String),
			handle: 'Amal',
			locale: 'fr',
			created_at: expect.any(String)
		});
		const replay = await signUp('Amal', {}, { 'accept-language': 'fr', 'idempotency-key': 'k1' });
		expect(replay.status).toBe(201);
		expect(replay.headers.get('idempotency-replayed')).toBe('true');
		expect(await replay.json()).toEqual(body);

		const id = newId();
		const first = await (await signUp('Samira', { id })).json();
		const again = await signUp('samira', { id });
		expect(again.status).toBe(201);
		expect(await again.json()).toEqual(first);
		expect(await db().kysely.selectFrom('accounts').select('id').execute()).toHaveLength(2);
	});

	it('answers a taken handle with 409 problem+json in the request language', async () => {
		await signUp('amal');
		const res = await signUp('ＡＭＡＬ', {}, { 'accept-language': 'ar' });
		expect(res.status).toBe(409);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		const problem = await res.json();
		expect(problem.errors).toEqual([
			{ field: 'handle', message: translator('ar').t('account_handle_taken') }
		]);
	});

	it('answers every hostile handle with a 4xx, and accepts only one of two look-alikes', async () => {
		const lines = fs
			.readFileSync(
				new URL('../../../../../shared/fixtures/hostile-input/names.txt', import.meta.url),
				'utf8'
			)
			.split('\n');
		const statuses: number[] = [];
		for (const handle of lines) {
			const res = await signUp(handle);
			statuses.push(res.status);
			if (res.status !== 201) {
				const problem = await res.json();
				expect(problem.errors?.[0]?.field, JSON.stringify(handle.slice(0, 20))).toBe('handle');
			}
		}
		expect(statuses.every((s) => s === 201 || (s >= 400 && s < 500))).toBe(true);
		// مستخدم is accepted; the same name with harakat then collides with it.
		expect(statuses.filter((s) => s === 201)).toHaveLength(1);
		expect(statuses).toContain(409);
	});

	it('refuses wrong types, missing fields and unknown fields with 422', async () => {
		for (const body of [
			{ handle: 123, passphrase: PASS },
			{ handle: 'amal' },
			{ handle: 'amal', passphrase: PASS, real_name: 'x' },
			{ handle: 'amal', passphrase: PASS, email: 'not-an-email' },
			{ handle: 'amal', passphrase: PASS, id: 'not-a-uuid' },
			{ handle: 'amal', passphrase: PASS, locale: 'de' },
			{ handle: 'amal', passphrase: 'x'.repeat(2000) }
		]) {
			const res = await call(
				accountsApi.POST,
				event({ method: 'POST', path: '/api/v1/accounts', body: json(body) })
			);
			expect(res.status, json(body).slice(0, 80)).toBe(422);
		}
		const notJson = await call(
			accountsApi.POST,
			event({ method: 'POST', path: '/api/v1/accounts', body: '{' })
		);
		expect(notJson.status).toBeGreaterThanOrEqual(400);
		expect(notJson.status).toBeLessThan(500);
	});

	it('logs in with a cookie that is HttpOnly, SameSite=Lax, Secure over https, for 30 days', async () => {
		await signUp('karim');
		const jar = cookieJar();
		const res = await call(
			sessionApi.POST,
			event({
				method: 'POST',
				path: '/api/v1/session',
				body: json({ handle: 'KARIM', passphrase: PASS }),
				jar,
				origin: 'https://circles.example'
			})
		);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ handle: 'karim' });
		expect(jar.calls).toEqual([
			{
				name: SESSION_COOKIE,
				value: expect.any(String),
				options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 30 * 86_400 }
			}
		]);
		const token = jar.jar.get(SESSION_COOKIE)!;
		const actor = await resolveSession(db(), token, new Date());
		expect(actor?.handle).toBe('karim');

		const me = await call(meApi.GET, event({ method: 'GET', path: '/api/v1/accounts/me', actor, jar }));
		expect(await me.json()).toMatchObject({ handle: 'karim', email: null, is_admin: false, locale: 'en' });
		const exported = await call(
			exportApi.GET,
			event({ method: 'GET', path: '/api/v1/accounts/me/export', actor, jar })
		);
		expect(await exported.json()).toMatchObject({
			account: { handle: 'karim' },
			sessions: [{ current: true }]
		});

		const out = await call(
			sessionApi.DELETE,
			event({ method: 'DELETE', path: '/api/v1/session', actor, jar })
		);
		expect(out.status).toBe(200);
		expect(jar.jar.has(SESSION_COOKIE)).toBe(false);
		expect(await resolveSession(db(), token, new Date())).toBeNull();
	});

	it('sets a cookie without Secure over plain http', async () => {
		await signUp('karim');
		const jar = cookieJar();
		await call(
			sessionApi.POST,
			event({
				method: 'POST',
				path: '/api/v1/session',
				body: json({ handle: 'karim', passphrase: PASS }),
				jar
			})
		);
		expect(jar.calls[0]?.options.secure).toBe(false);
	});

	it('answers 401 when not logged in, and 429 with Retry-After when limited', async () => {
		for (const handler of [meApi.GET, exportApi.GET]) {
			expect((await call(handler, event({ method: 'GET', path: '/api/v1/accounts/me' }))).status).toBe(401);
		}
		await signUp('karim');
		const attempt = () =>
			call(
				sessionApi.POST,
				event({
					method: 'POST',
					path: '/api/v1/session',
					body: json({ handle: 'karim', passphrase: 'wrong one!!' })
				})
			);
		for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
		const limited = await attempt();
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

describeEachDialect('accounts forms', ({ db }) => {
	beforeEach(() => setDb(db()));

	function form(fields: Record<string, string>): FormData {
		const data = new FormData();
		for (const [k, v] of Object.entries(fields)) data.set(k, v);
		return data;
	}

	async function act(action: (e: RequestEvent) => unknown, e: RequestEvent) {
		try {
			return await action(e);
		} catch (thrown) {
			if (isRedirect(thrown)) return thrown;
			throw thrown;
		}
	}

	it('signs up and logs in at once, then follows ?next=', async () => {
		const jar = cookieJar();
		const result = await act(
			signupPage.actions.default as never,
			event({
				method: 'POST',
				path: '/ar/signup?next=/ar/libraries',
				body: form({ handle: 'نادية', passphrase: PASS, passphrase_confirm: PASS, email: '' }),
				jar,
				locale: 'ar'
			})
		);
		expect(isRedirect(result) && result).toMatchObject({ status: 303, location: '/ar/libraries' });
		const actor = await resolveSession(db(), jar.jar.get(SESSION_COOKIE)!, new Date());
		expect(actor?.handle).toBe('نادية');
		const row = await db()
			.kysely.selectFrom('accounts')
			.select(['locale', 'email'])
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ locale: 'ar', email: null });
	});

	it('re-renders a refused sign-up with every problem at once and without the passphrases', async () => {
		const t = translator('en');
		const failed = async (fields: Record<string, string>) => {
			const result = await act(
				signupPage.actions.default as never,
				event({ method: 'POST', path: '/signup', body: form(fields) })
			);
			expect(isActionFailure(result)).toBe(true);
			return result as { status: number; data: { fields: Record<string, string>; values: object } };
		};
		const both = await failed({
			handle: 'a\u200Bdmin',
			passphrase: 'short',
			passphrase_confirm: 'other',
			email: ''
		});
		expect(both.status).toBe(422);
		expect(both.data.fields).toEqual({
			handle: t.t('account_handle_invisible_chars'),
			passphrase: t.t('account_passphrase_too_short', { count: 10 }),
			passphrase_confirm: t.t('account_passphrase_mismatch')
		});
		expect(both.data.values).toEqual({ handle: 'a\u200Bdmin', email: '' });

		const email = await failed({ handle: 'amal', passphrase: PASS, passphrase_confirm: PASS, email: 'x' });
		expect(email.data.fields).toEqual({ email: t.t('field_invalid_email') });
	});

	it('logs in with rotation, refuses an off-site ?next=, and says when the pair is wrong', async () => {
		await signUp('karim');
		const jar = cookieJar({ [SESSION_COOKIE]: 'planted-token' });
		const result = await act(
			loginPage.actions.default as never,
			event({
				method: 'POST',
				path: '/login?next=//evil.example',
				body: form({ handle: 'karim', passphrase: PASS }),
				jar
			})
		);
		expect(result).toMatchObject({ status: 303, location: '/' });
		expect(jar.jar.get(SESSION_COOKIE)).not.toBe('planted-token');

		const wrong = await act(
			loginPage.actions.default as never,
			event({ method: 'POST', path: '/login', body: form({ handle: 'karim', passphrase: 'not it at all' }) })
		);
		expect(wrong).toMatchObject({
			status: 401,
			data: { message: translator('en').t('account_login_failed') }
		});
	});
});
