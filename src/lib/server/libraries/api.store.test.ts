/**
 * The libraries endpoints end to end without a browser, on both engines: status
 * codes, problem+json messages, idempotent replays and hostile input (a NUL byte
 * in a URL must be a 404, not a PostgreSQL error).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { buildAccount } from '../testing/factories';
import { beforeEach, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import type { Actor } from '../context';
import { setDb, type Db } from '../db';
import { describeEachDialect } from '../db/testing';
import * as list from '../../../routes/api/v1/libraries/+server';
import * as one from '../../../routes/api/v1/libraries/[slug]/+server';
import * as members from '../../../routes/api/v1/libraries/[slug]/members/+server';
import * as member from '../../../routes/api/v1/libraries/[slug]/members/[handle]/+server';
import * as suspension from '../../../routes/api/v1/libraries/[slug]/suspension/+server';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/hostile-input');

const account = (db: Db, handle: string, isAdmin = false) => buildAccount(db, handle, { isAdmin });

interface Call {
	method?: string;
	path: string;
	params?: Record<string, string>;
	body?: unknown;
	raw?: string;
	actor?: Actor | null;
	headers?: Record<string, string>;
}

async function call(handler: RequestHandler | undefined, c: Call) {
	const url = new URL('http://localhost' + c.path);
	const hasBody = c.body !== undefined || c.raw !== undefined;
	const request = new Request(url, {
		method: c.method ?? 'GET',
		headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...c.headers },
		body: hasBody ? (c.raw ?? JSON.stringify(c.body)) : undefined
	});
	const event = {
		request,
		url,
		params: c.params ?? {},
		locals: { actor: c.actor ?? null, addressHash: 'a'.repeat(64) }
	} as unknown as RequestEvent;
	const res = await handler!(event);
	const text = await res.text();
	return {
		status: res.status,
		type: res.headers.get('content-type') ?? '',
		json: text ? JSON.parse(text) : null
	};
}

describeEachDialect('libraries API', ({ db }) => {
	beforeEach(() => setDb(db()));

	it('creates with 201, replays an Idempotency-Key once, and reads back with members', async () => {
		const a = await account(db(), 'apiuser');
		const id = newId();
		const req = {
			method: 'POST',
			path: '/api/v1/libraries',
			body: { id, name: 'API library', description: 'Made over JSON' },
			actor: a,
			headers: { 'idempotency-key': 'k-1' }
		};
		const first = await call(list.POST, req);
		expect(first.status).toBe(201);
		expect(first.json).toMatchObject({ id, slug: 'api-library', member_count: 1 });
		const again = await call(list.POST, req);
		expect(again).toEqual(first);
		const page = await call(list.GET, { path: '/api/v1/libraries?page=1&per_page=100' });
		expect(page.json).toMatchObject({ total: 1, page: 1, per_page: 100 });
		const got = await call(one.GET, {
			path: '/api/v1/libraries/api-library',
			params: { slug: 'api-library' }
		});
		expect(got.json.members).toEqual([{ handle: 'apiuser', role: 'curator', joined_at: expect.any(String) }]);
	});

	it('answers bad input with a clear 4xx problem in the request language', async () => {
		const a = await account(db(), 'bad');
		const anon = await call(list.POST, { method: 'POST', path: '/api/v1/libraries', body: { name: 'x y' } });
		expect(anon.status).toBe(401);
		const wrongType = await call(list.POST, {
			method: 'POST',
			path: '/api/v1/libraries',
			body: { name: 42 },
			actor: a
		});
		expect(wrongType.status).toBe(422);
		expect(wrongType.type).toContain('application/problem+json');
		expect(wrongType.json.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
		const unknownField = await call(list.POST, {
			method: 'POST',
			path: '/api/v1/libraries',
			body: { name: 'ok name', owner: 'me' },
			actor: a
		});
		expect(unknownField.status).toBe(422);
		const tooMany = await call(list.GET, { path: '/api/v1/libraries?per_page=500&lang=fr' });
		expect(tooMany.status).toBe(422);
		expect(tooMany.json.errors[0].message).toContain('1 à 100');
		const reserved = await call(list.POST, {
			method: 'POST',
			path: '/api/v1/libraries',
			body: { name: 'Reserved', slug: 'admin' },
			actor: a,
			headers: { 'accept-language': 'ar' }
		});
		expect(reserved.status).toBe(422);
		expect(reserved.json.errors[0]).toEqual({
			field: 'slug',
			message: 'عنوان الويب هذا محجوز. يُرجى اختيار عنوان آخر.'
		});
	});

	it('manages members and suspension with the right status codes', async () => {
		const cur = await account(db(), 'cur');
		await account(db(), 'friend');
		const admin = await account(db(), 'root', true);
		await call(list.POST, { method: 'POST', path: '/api/v1/libraries', body: { name: 'Shelf' }, actor: cur });
		const params = { slug: 'shelf' };
		const add = (actor: Actor, body: unknown, key?: string) =>
			call(members.POST, {
				method: 'POST',
				path: '/api/v1/libraries/shelf/members',
				params,
				body,
				actor,
				headers: key ? { 'idempotency-key': key } : {}
			});
		const added = await add(cur, { handle: '@friend', role: 'contributor' }, 'm-1');
		expect(added.status).toBe(201);
		expect((await add(cur, { handle: '@friend', role: 'contributor' }, 'm-1')).status).toBe(201);
		expect((await add(cur, { handle: 'friend', role: 'contributor' })).status).toBe(409);
		expect((await add(cur, { handle: 'ghost', role: 'contributor' })).status).toBe(422);
		expect((await add(cur, { handle: 'friend', role: 'owner' })).status).toBe(422);

		const patch = await call(member.PATCH, {
			method: 'PATCH',
			path: '/api/v1/libraries/shelf/members/friend',
			params: { ...params, handle: 'friend' },
			body: { role: 'curator' },
			actor: cur
		});
		expect(patch).toMatchObject({ status: 200, json: { handle: 'friend', role: 'curator' } });

		const suspend = await call(suspension.POST, {
			method: 'POST',
			path: '/api/v1/libraries/shelf/suspension',
			params,
			body: { reason: 'Copyright complaint' },
			actor: admin
		});
		expect(suspend).toMatchObject({
			status: 200,
			json: { suspended: true, suspended_reason: 'Copyright complaint' }
		});
		const notAdmin = await call(suspension.DELETE, {
			method: 'DELETE',
			path: '/api/v1/libraries/shelf/suspension',
			params,
			actor: cur
		});
		expect(notAdmin.status).toBe(403);
		const frozen = await call(member.DELETE, {
			method: 'DELETE',
			path: '/api/v1/libraries/shelf/members/friend',
			params: { ...params, handle: 'friend' },
			actor: cur
		});
		expect(frozen.status).toBe(403);
		await call(suspension.DELETE, {
			method: 'DELETE',
			path: '/api/v1/libraries/shelf/suspension',
			params,
			actor: admin
		});
		const removed = await call(member.DELETE, {
			method: 'DELETE',
			path: '/api/v1/libraries/shelf/members/friend',
			params: { ...params, handle: 'friend' },
			actor: cur
		});
		expect(removed.status).toBe(200);
		expect(removed.json.members).toHaveLength(1);
	});

	it('never answers 500 to hostile slugs, handles and names', async () => {
		const a = await account(db(), 'hostile');
		for (const slug of ['\u0000', 'a'.repeat(10_000), '../../etc/passwd', 'ADMIN', '%00']) {
			const r = await call(one.GET, { path: '/api/v1/libraries/x', params: { slug } });
			expect(r.status).toBe(404);
		}
		await call(list.POST, { method: 'POST', path: '/api/v1/libraries', body: { name: 'Target' }, actor: a });
		for (const handle of ['\u0000', 'a\u0000b', 'b'.repeat(10_000)]) {
			const r = await call(member.PATCH, {
				method: 'PATCH',
				path: '/api/v1/libraries/target/members/x',
				params: { slug: 'target', handle },
				body: { role: 'curator' },
				actor: a
			});
			expect(r.status).toBe(404);
			const add = await call(members.POST, {
				method: 'POST',
				path: '/api/v1/libraries/target/members',
				params: { slug: 'target' },
				body: { handle, role: 'curator' },
				actor: a
			});
			expect(add.status).toBe(422);
		}
		const lines = fs.readFileSync(path.join(FIXTURES, 'names.txt'), 'utf8').split('\n');
		for (const name of [...lines, 'nul\u0000byte']) {
			for (const body of [{ name }, { name: 'Fine', description: name }, { name: 'Fine', slug: name }]) {
				const r = await call(list.POST, { method: 'POST', path: '/api/v1/libraries', body, actor: a });
				expect([201, 409, 422]).toContain(r.status);
				if (r.status !== 201) expect(r.json.title).toBeTruthy();
			}
		}
		const odd = await call(list.GET, { path: '/api/v1/libraries?page=-1' });
		expect(odd.status).toBe(422);
		const junk = await call(list.POST, {
			method: 'POST',
			path: '/api/v1/libraries',
			raw: '{not json',
			actor: a
		});
		expect(junk.status).toBe(422);
	});
});
