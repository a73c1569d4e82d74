/**
 * Hostile input over HTTP, against the real server (no browser needed):
 * - every candidate handle in ../shared/fixtures/hostile-input/names.txt, through
 *   the sign-up form and POST /api/v1/accounts: a clean accept or a clear 4xx,
 *   never a 500, and never two handles that look alike both accepted;
 * - oversized, wrong-type, empty, malformed and wrongly typed bodies to every JSON
 *   endpoint that takes one, and to every form: a 4xx with a message;
 * - a create replayed with the same Idempotency-Key writes once;
 * - problem titles follow Accept-Language (Arabic).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, expectProblem, unique, type Answer } from './support/http';
import { t } from './support/messages';
import { adminCredentials } from './support/provided';

const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures/hostile-input');
/** One candidate per line; the file's final newline does not make an extra candidate. */
const names = readFileSync(path.join(fixtures, 'names.txt'), 'utf8').replace(/\n$/, '').split('\n');

const PASSPHRASE = 'seven tired owls in a library';
const HUGE = 'x'.repeat(100 * 1024);
const ARABIC = /[\u0600-\u06FF]/;

/** Shown in failure messages: control characters and long strings made readable. */
function show(s: string): string {
	const j = JSON.stringify(s);
	return j.length > 60 ? `${j.slice(0, 60)}…(${s.length} chars)` : j;
}

function accepted(res: Answer): boolean {
	return res.status === 201 || res.status === 303;
}

/** A sign-up form post: a 303 to the next page, or the form again with a 4xx and its error summary. */
function expectFormAnswer(res: Answer, context: string): void {
	expect(res.status, `${context}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
	if (res.status === 303) return;
	expect(res.status, context).toBeGreaterThanOrEqual(400);
	expect(res.text, `${context}: the error summary`).toContain(t('en', 'form_errors_heading'));
}

describe('hostile handles (names.txt)', () => {
	const results = new Map<string, { form: Answer; api: Answer }>();

	beforeAll(async () => {
		expect(names.length).toBeGreaterThan(15);
		for (const name of names) {
			// A fresh client each time: a successful sign-up logs in, and /signup then redirects.
			const form = await new Client().form('/signup', {
				handle: name,
				passphrase: PASSPHRASE,
				passphrase_confirm: PASSPHRASE
			});
			const api = await new Client().signUpApi(name, PASSPHRASE);
			results.set(name, { form, api });
		}
	}, 300_000);

	it('every name gets a clean accept or a 4xx with a message, through the form and the API', () => {
		for (const name of names) {
			const r = results.get(name);
			if (!r) throw new Error(`no result for ${show(name)}`);
			expectFormAnswer(r.form, `sign-up form with handle ${show(name)}`);
			if (!accepted(r.api)) expectProblem(r.api, `POST /api/v1/accounts with handle ${show(name)}`);
		}
	});

	it('the empty, blank, control-character and 10 kB names are refused', () => {
		const refused = names.filter((n) => n.trim() === '' || n.length > 1000 || /\p{Cc}/u.test(n) || n === 'x');
		expect(refused.length).toBeGreaterThanOrEqual(4);
		for (const name of refused) {
			const r = results.get(name)!;
			expect(accepted(r.form), `form accepted ${show(name)}`).toBe(false);
			expect(accepted(r.api), `API accepted ${show(name)}`).toBe(false);
		}
	});

	it('of handles that look alike to a person, at most one is accepted', () => {
		const folded = (n: string) =>
			n
				.normalize('NFKC')
				.replace(/[\s\u200b]/g, '')
				.toLowerCase();
		const groups: string[][] = [
			// admin in Latin, in capitals, with a trailing space, with a Cyrillic а, full-width, with a zero-width space.
			names.filter((n) => folded(n) === 'admin' || folded(n) === '\u0430dmin'),
			// The same Arabic word with and without vowel marks.
			names.filter((n) => n.replace(/[\u064B-\u065F\u0640]/g, '') === 'مستخدم')
		];
		expect(groups[0]!.length).toBeGreaterThanOrEqual(5);
		expect(groups[1]!.length).toBe(2);
		for (const group of groups) {
			const winners = group.filter((n) => accepted(results.get(n)!.form) || accepted(results.get(n)!.api));
			expect(
				winners.length,
				`accepted among ${group.map(show).join(', ')}: ${winners.map(show).join(', ')}`
			).toBeLessThanOrEqual(1);
		}
	});

	it('an accepted handle can log in, and a second sign-up with it is refused with 409', async () => {
		const name = names.find((n) => accepted(results.get(n)!.form) || accepted(results.get(n)!.api));
		expect(name, 'at least one candidate in names.txt is an acceptable handle').toBeDefined();
		const client = new Client();
		await client.logInApi(name!, PASSPHRASE);
		expectProblem(await new Client().signUpApi(name!, PASSPHRASE), `sign up again as ${show(name!)}`, 409);
	});
});

/** What each JSON endpoint accepts, so each field can be spoiled in turn. */
interface Endpoint {
	name: string;
	method: string;
	path: () => string;
	client: () => Client;
	/** A valid body; called per variant so unique values stay unique. */
	body: () => Record<string, unknown>;
	required: string[];
}

describe('hostile bodies to the JSON API', () => {
	const anon = new Client();
	const curator = new Client();
	const admin = new Client();
	const curatorHandle = unique('cur');
	const memberHandle = unique('mem');
	let slug = '';

	beforeAll(async () => {
		expect((await anon.signUpApi(curatorHandle, PASSPHRASE)).status).toBe(201);
		expect((await anon.signUpApi(memberHandle, PASSPHRASE)).status).toBe(201);
		await curator.logInApi(curatorHandle, PASSPHRASE);
		const lib = await curator.request('/api/v1/libraries', { json: { name: unique('Hostile ') } });
		expect(lib.status, lib.text).toBe(201);
		slug = (lib.json as { slug: string }).slug;
		const added = await curator.request(`/api/v1/libraries/${slug}/members`, {
			json: { handle: memberHandle, role: 'contributor' }
		});
		expect(added.status, added.text).toBe(201);
		const creds = adminCredentials();
		if (creds) await admin.logInApi(creds.handle, creds.passphrase);
	});

	const endpoints: Endpoint[] = [
		{
			name: 'POST /api/v1/accounts',
			method: 'POST',
			path: () => '/api/v1/accounts',
			client: () => new Client(),
			body: () => ({
				handle: unique('h'),
				passphrase: PASSPHRASE,
				email: 'someone@example.org',
				locale: 'en',
				id: uuidv7()
			}),
			required: ['handle', 'passphrase']
		},
		{
			name: 'POST /api/v1/session',
			method: 'POST',
			path: () => '/api/v1/session',
			client: () => new Client(),
			// A wrong passphrase would count towards the login rate limit: bodies here stay invalid.
			body: () => ({ handle: curatorHandle, passphrase: PASSPHRASE }),
			required: ['handle', 'passphrase']
		},
		{
			name: 'POST /api/v1/libraries',
			method: 'POST',
			path: () => '/api/v1/libraries',
			client: () => curator,
			body: () => ({ name: unique('Lib '), slug: unique('s'), description: 'A library.', id: uuidv7() }),
			required: ['name']
		},
		{
			name: 'POST /api/v1/libraries/{slug}/members',
			method: 'POST',
			path: () => `/api/v1/libraries/${slug}/members`,
			client: () => curator,
			body: () => ({ handle: memberHandle, role: 'curator' }),
			required: ['handle', 'role']
		},
		{
			name: 'PATCH /api/v1/libraries/{slug}/members/{handle}',
			method: 'PATCH',
			path: () => `/api/v1/libraries/${slug}/members/${memberHandle}`,
			client: () => curator,
			body: () => ({ role: 'contributor' }),
			required: ['role']
		},
		{
			name: 'POST /api/v1/libraries/{slug}/suspension',
			method: 'POST',
			path: () => `/api/v1/libraries/${slug}/suspension`,
			client: () => (adminCredentials() ? admin : curator),
			body: () => ({ reason: 'Testing hostile input.' }),
			required: ['reason']
		}
	];

	const wrongTypes: unknown[] = [123, -1.5, true, [], ['a'], {}, { $gt: '' }];

	for (const ep of endpoints) {
		describe(ep.name, () => {
			const send = (body: string | undefined, headers: Record<string, string> = {}) =>
				ep.client().request(ep.path(), {
					method: ep.method,
					body,
					headers: { 'content-type': 'application/json', ...headers }
				});

			it('oversized values (100 KB strings) in each field: 4xx problem+json', async () => {
				for (const field of Object.keys(ep.body())) {
					const res = await send(JSON.stringify({ ...ep.body(), [field]: HUGE }));
					expectProblem(res, `${ep.method} ${ep.path()} with a 100 KB ${field}`);
				}
			});

			it('wrong types in each field, and missing required fields: 4xx problem+json', async () => {
				for (const field of Object.keys(ep.body())) {
					for (const value of wrongTypes) {
						const res = await send(JSON.stringify({ ...ep.body(), [field]: value }));
						expectProblem(res, `${ep.method} ${ep.path()} with ${field}=${JSON.stringify(value)}`);
					}
				}
				for (const field of ep.required) {
					const body = ep.body();
					delete body[field];
					expectProblem(await send(JSON.stringify(body)), `${ep.method} ${ep.path()} without ${field}`);
					const nulled = { ...ep.body(), [field]: null };
					expectProblem(await send(JSON.stringify(nulled)), `${ep.method} ${ep.path()} with ${field}=null`);
				}
			});

			it('empty, non-object and invalid JSON bodies, unknown fields: 4xx problem+json', async () => {
				for (const raw of [
					'',
					'null',
					'[]',
					'"text"',
					'42',
					'{',
					'{"a":',
					'{"a":1,}',
					'\u0000',
					'[[[[[[[[[[]]]]]]]]]]'
				]) {
					expectProblem(await send(raw), `${ep.method} ${ep.path()} with body ${JSON.stringify(raw)}`);
				}
				const res = await send(JSON.stringify({ ...ep.body(), unexpected: 'field' }));
				expectProblem(res, `${ep.method} ${ep.path()} with an unknown field`);
			});

			it('a body above the size limit: 413 problem+json, with or without a Content-Length', async () => {
				const big = JSON.stringify({ ...ep.body(), padding: 'x'.repeat(300 * 1024) });
				const client = ep.client();
				const headers = { 'content-type': 'application/json' };
				const declared = await client.isolated(ep.path(), ep.method, big, {
					...headers,
					'content-length': String(Buffer.byteLength(big))
				});
				expectProblem(declared, `${ep.method} ${ep.path()} with a 300 KB body`, 413);
				const chunked = await client.isolated(ep.path(), ep.method, big, {
					...headers,
					'transfer-encoding': 'chunked'
				});
				expectProblem(chunked, `${ep.method} ${ep.path()} with a 300 KB chunked body`, 413);
			});

			it('a wrong content type: 415 problem+json', async () => {
				const body = JSON.stringify(ep.body());
				const base = ep.client().base;
				for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', '']) {
					// Origin as a same-site browser would send it: SvelteKit's CSRF check refuses
					// form-like content types from elsewhere before the endpoint sees them.
					const res = await send(body, { 'content-type': type, origin: base });
					expectProblem(res, `${ep.method} ${ep.path()} as ${JSON.stringify(type)}`, 415);
				}
			});
		});
	}

	it('a request without a session to an endpoint that needs one: 401 problem+json', async () => {
		expectProblem(await anon.request('/api/v1/libraries', { json: { name: 'x' } }), 'anonymous create', 401);
		expectProblem(await anon.request('/api/v1/accounts/me'), 'anonymous me', 401);
	});

	it('unknown libraries and members: 404 problem+json', async () => {
		expectProblem(await anon.request('/api/v1/libraries/no-such-library'), 'unknown library', 404);
		expectProblem(
			await curator.request(`/api/v1/libraries/${slug}/members/nobody-here`, {
				method: 'PATCH',
				json: { role: 'curator' }
			}),
			'unknown member',
			404
		);
	});

	it('hostile query strings on the list endpoint: 4xx problem+json', async () => {
		for (const q of [
			'page=0',
			'page=-1',
			'page=abc',
			'page=1e309',
			`page=${'9'.repeat(400)}`,
			'per_page=100000',
			'per_page=0'
		]) {
			expectProblem(await anon.request(`/api/v1/libraries?${q}`), `GET /api/v1/libraries?${q}`);
		}
	});
});

describe('hostile input to the forms (plain posts, as without JavaScript)', () => {
	const member = new Client();
	const handle = unique('form');
	let slug = '';

	beforeAll(async () => {
		expect((await member.signUpApi(handle, PASSPHRASE)).status).toBe(201);
		await member.logInApi(handle, PASSPHRASE);
		const lib = await member.request('/api/v1/libraries', { json: { name: unique('Forms ') } });
		expect(lib.status, lib.text).toBe(201);
		slug = (lib.json as { slug: string }).slug;
	});

	/** Each form with a set of fields a person could send; every value is then spoiled in turn. */
	const forms = (): { path: string; client: Client; fields: Record<string, string> }[] => [
		{
			path: '/signup',
			client: new Client(),
			fields: { handle: unique('f'), passphrase: PASSPHRASE, passphrase_confirm: PASSPHRASE, email: '' }
		},
		// Only invalid log-ins here (oversized or empty): a wrong passphrase would count towards rate limits.
		{ path: '/login', client: new Client(), fields: { handle, passphrase: PASSPHRASE } },
		{
			path: '/libraries/new',
			client: member,
			fields: { id: uuidv7(), name: unique('N '), slug: '', description: '' }
		},
		{
			path: `/libraries/${slug}?/add`,
			client: member,
			fields: { handle: unique('nobody'), role: 'contributor' }
		},
		{ path: `/libraries/${slug}?/role`, client: member, fields: { handle, role: 'contributor' } },
		{ path: '/account', client: member, fields: { email: '', locale: 'en' } },
		{
			path: '/account/passphrase',
			client: member,
			fields: { current_passphrase: '', new_passphrase: PASSPHRASE, new_passphrase_confirm: PASSPHRASE }
		},
		{ path: '/account/delete', client: member, fields: { passphrase: '' } }
	];

	it('oversized values in each field: a 4xx page, never a 500', async () => {
		for (const form of forms()) {
			for (const field of Object.keys(form.fields)) {
				const res = await form.client.form(form.path, { ...form.fields, [field]: HUGE });
				expect(
					res.status,
					`${form.path} with a 100 KB ${field}: ${res.text.slice(0, 200)}`
				).toBeGreaterThanOrEqual(400);
				expect(res.status, `${form.path} with a 100 KB ${field}`).toBeLessThan(500);
			}
		}
	});

	it('empty bodies, repeated fields and wrong content types: 4xx, never a 500', async () => {
		for (const form of forms()) {
			const empty = await form.client.form(form.path, {});
			expect(
				empty.status,
				`${form.path} with an empty body: ${empty.text.slice(0, 200)}`
			).toBeGreaterThanOrEqual(400);
			expect(empty.status, `${form.path} with an empty body`).toBeLessThan(500);

			const repeated = new URLSearchParams(form.fields);
			for (const k of Object.keys(form.fields)) repeated.append(k, 'again');
			const twice = await form.client.request(form.path, {
				method: 'POST',
				body: repeated.toString(),
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: form.client.base,
					accept: 'text/html'
				}
			});
			expect(twice.status, `${form.path} with every field twice: ${twice.text.slice(0, 200)}`).toBeLessThan(
				500
			);
			expect(twice.status, `${form.path} with every field twice`).toBeGreaterThanOrEqual(400);

			for (const type of ['application/json', 'text/plain', 'application/octet-stream']) {
				const res = await form.client.request(form.path, {
					method: 'POST',
					body: JSON.stringify(form.fields),
					headers: { 'content-type': type, origin: form.client.base, accept: 'text/html' }
				});
				expect(res.status, `${form.path} as ${type}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
				expect(res.status, `${form.path} as ${type}`).toBeLessThan(500);
			}
		}
	});

	it('a form post from another site is refused (CSRF)', async () => {
		const res = await new Client().form(
			'/signup',
			{ handle: unique('csrf'), passphrase: PASSPHRASE, passphrase_confirm: PASSPHRASE },
			{ origin: 'https://evil.example' }
		);
		expect(res.status).toBe(403);
	});
});

describe('Idempotency-Key: a replayed create writes once', () => {
	it('POST /api/v1/libraries twice with one key: one library, the same answer, marked as replayed', async () => {
		const client = new Client();
		const handle = unique('idem');
		expect((await client.signUpApi(handle, PASSPHRASE)).status).toBe(201);
		await client.logInApi(handle, PASSPHRASE);
		const count = async () => {
			const res = await client.request('/api/v1/libraries?per_page=1');
			expect(res.status, res.text).toBe(200);
			return (res.json as { total: number }).total;
		};
		const before = await count();
		const key = uuidv7();
		const body = { id: uuidv7(), name: unique('Replayed ') };
		const first = await client.request('/api/v1/libraries', {
			json: body,
			headers: { 'idempotency-key': key }
		});
		expect(first.status, first.text).toBe(201);
		expect(first.headers.get('idempotency-replayed')).toBeNull();
		const second = await client.request('/api/v1/libraries', {
			json: body,
			headers: { 'idempotency-key': key }
		});
		expect(second.status).toBe(first.status);
		expect(second.json).toEqual(first.json);
		expect(second.headers.get('idempotency-replayed')).toBe('true');
		expect(await count()).toBe(before + 1);

		// The same key with another request is refused, and writes nothing either.
		const other = await client.request('/api/v1/libraries', {
			json: { name: unique('Other ') },
			headers: { 'idempotency-key': key }
		});
		expectProblem(other, 'same key, another body');
		expect(await count()).toBe(before + 1);

		// A client-made id replayed without a key still names one library.
		const again = await client.request('/api/v1/libraries', { json: body });
		expect(again.status).toBeLessThan(500);
		expect(await count()).toBe(before + 1);
	});

	it('POST /api/v1/accounts twice with one key: one account, the same answer, marked as replayed', async () => {
		const handle = unique('idacct');
		const key = uuidv7();
		const client = new Client();
		const body = { handle, passphrase: PASSPHRASE };
		const first = await client.request('/api/v1/accounts', {
			json: body,
			headers: { 'idempotency-key': key }
		});
		expect(first.status, first.text).toBe(201);
		const second = await client.request('/api/v1/accounts', {
			json: body,
			headers: { 'idempotency-key': key }
		});
		expect(second.status).toBe(201);
		expect(second.json).toEqual(first.json);
		expect(second.headers.get('idempotency-replayed')).toBe('true');
		// Written once: without the key the handle is taken, and the account logs in.
		expectProblem(await new Client().signUpApi(handle, PASSPHRASE), 'the same handle without the key', 409);
		await new Client().logInApi(handle, PASSPHRASE);
	});

	it('POST /api/v1/libraries/{slug}/members twice with one key adds the member once', async () => {
		const curator = new Client();
		const curatorHandle = unique('idc');
		const memberHandle = unique('idm');
		expect((await curator.signUpApi(curatorHandle, PASSPHRASE)).status).toBe(201);
		expect((await new Client().signUpApi(memberHandle, PASSPHRASE)).status).toBe(201);
		await curator.logInApi(curatorHandle, PASSPHRASE);
		const lib = await curator.request('/api/v1/libraries', { json: { name: unique('Members ') } });
		const slug = (lib.json as { slug: string }).slug;
		const key = uuidv7();
		const body = { handle: memberHandle, role: 'contributor' };
		const first = await curator.request(`/api/v1/libraries/${slug}/members`, {
			json: body,
			headers: { 'idempotency-key': key }
		});
		expect(first.status, first.text).toBe(201);
		const second = await curator.request(`/api/v1/libraries/${slug}/members`, {
			json: body,
			headers: { 'idempotency-key': key }
		});
		expect(second.status).toBe(201);
		expect(second.json).toEqual(first.json);
		expect(second.headers.get('idempotency-replayed')).toBe('true');
		const library = await curator.request(`/api/v1/libraries/${slug}`);
		const members = (library.json as { members: { handle: string | null }[] }).members;
		expect(members.filter((m) => m.handle === memberHandle)).toHaveLength(1);
	});

	it('an oversized Idempotency-Key is refused with 4xx', async () => {
		const res = await new Client().request('/api/v1/accounts', {
			json: { handle: unique('k'), passphrase: PASSPHRASE },
			headers: { 'idempotency-key': 'k'.repeat(4000) }
		});
		expectProblem(res, 'a 4000-character Idempotency-Key');
	});
});

describe('problem+json speaks the request language', () => {
	it('Accept-Language: ar gives Arabic titles and field messages; fr French; en English', async () => {
		const bad = (lang: string) =>
			new Client().request('/api/v1/accounts', {
				body: '{',
				headers: { 'content-type': 'application/json', 'accept-language': lang }
			});
		const ar = expectProblem(await bad('ar'), 'invalid JSON in Arabic');
		expect(ar.title).toBe(t('ar', 'error_body_not_json'));
		expect(ar.title).toMatch(ARABIC);
		expect(expectProblem(await bad('fr-FR,fr;q=0.9'), 'invalid JSON in French').title).toBe(
			t('fr', 'error_body_not_json')
		);
		expect(expectProblem(await bad('en'), 'invalid JSON in English').title).toBe(
			t('en', 'error_body_not_json')
		);

		const handle = await new Client().request('/api/v1/accounts', {
			json: { handle: '', passphrase: PASSPHRASE },
			headers: { 'accept-language': 'ar' }
		});
		const problem = expectProblem(handle, 'empty handle in Arabic');
		expect(problem.title).toMatch(ARABIC);
		for (const e of problem.errors ?? []) expect(e.message, `message for ${e.field}`).toMatch(ARABIC);
		expect(handle.headers.get('content-language')).toBe('ar');

		const anon = await new Client().request('/api/v1/accounts/me', { headers: { 'accept-language': 'ar' } });
		expect(expectProblem(anon, 'unauthenticated in Arabic', 401).title).toBe(
			t('ar', 'error_unauthenticated')
		);
	});
});
