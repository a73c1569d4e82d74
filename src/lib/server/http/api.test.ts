/**
 * The API chain end to end without a browser: language, validation, problem+json,
 * size limits and idempotent replay, against an in-memory database.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { closeDb, setDb } from '../db';
import { openDatabase } from '../db/dialect';
import { migrateToLatest } from '../db/migrate';
import { api, MAX_JSON_BYTES } from './api';
import { text } from './validation';

function event(init: {
	method?: string;
	body?: string;
	headers?: Record<string, string>;
	url?: string;
	actor?: { id: string; handle: string; isAdmin: boolean } | null;
}): RequestEvent {
	const url = new URL(init.url ?? 'http://localhost/api/v1/things');
	const request = new Request(url, {
		method: init.method ?? 'POST',
		headers: { 'content-type': 'application/json', ...init.headers },
		body: init.body
	});
	return {
		request,
		url,
		params: {},
		locals: { actor: init.actor ?? null, addressHash: 'a'.repeat(64) }
	} as unknown as RequestEvent;
}

let writes = 0;
const create = api({
	auth: 'optional',
	body: z.object({ name: text(20) }).strict(),
	status: 201,
	idempotent: true,
	run: async ({ body }) => {
		writes++;
		if (body.name === 'taken') throw new DomainError('conflict', 'error_forbidden');
		return { name: body.name, n: writes };
	}
});
const secret = api({ auth: 'required', run: async () => ({ ok: true }) });

beforeAll(async () => {
	const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
	await migrateToLatest(db);
	setDb(db);
});
afterAll(() => closeDb());

describe('api chain', () => {
	it('answers a valid create with 201 JSON', async () => {
		const res = await create(event({ body: '{"name":"Amal"}' }));
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ name: 'Amal' });
	});

	it('answers invalid input with 422 problem+json naming each field, in the request language', async () => {
		const res = await create(event({ body: '{"name":"","extra":1}', headers: { 'accept-language': 'ar' } }));
		expect(res.status).toBe(422);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		const body = await res.json();
		expect(body.title).toBe('بعض ما أدخلته يحتاج إلى مراجعة.');
		expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'name']);
	});

	it('refuses wrong types, bad JSON, wrong content types and oversized bodies with 4xx', async () => {
		const cases: [ReturnType<typeof event>, number][] = [
			[event({ body: '{"name":42}' }), 422],
			[event({ body: '{"name":["a"]}' }), 422],
			[event({ body: '[]' }), 422],
			[event({ body: 'null' }), 422],
			[event({ body: '{"name":' }), 422],
			[event({ body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415],
			[event({ body: JSON.stringify({ name: 'x'.repeat(MAX_JSON_BYTES) }) }), 413]
		];
		for (const [e, status] of cases) {
			const res = await create(e);
			expect(res.status, await res.clone().text()).toBe(status);
			expect((await res.json()).title).toBeTruthy();
		}
	});

	it('tells a wrong type from a missing field', async () => {
		const wrong = await (await create(event({ body: '{"name":42}' }))).json();
		const missing = await (await create(event({ body: '{}' }))).json();
		expect(wrong.errors[0].message).toBe('This value has the wrong type.');
		expect(missing.errors[0].message).toBe('This field is required.');
	});

	it('maps domain errors through one table', async () => {
		const res = await create(event({ body: '{"name":"taken"}', headers: { 'accept-language': 'fr' } }));
		expect(res.status).toBe(409);
		expect((await res.json()).title).toBe('Vous n’êtes pas autorisé·e à faire cela.');
	});

	it('asks for a session where one is required', async () => {
		const res = await secret(event({ method: 'GET', url: 'http://localhost/api/v1/me?lang=fr' }));
		expect(res.status).toBe(401);
		expect((await res.json()).title).toBe('Veuillez d’abord vous connecter.');
	});

	it('replays a create with the same Idempotency-Key without writing twice', async () => {
		const before = writes;
		const send = () => create(event({ body: '{"name":"Once"}', headers: { 'idempotency-key': 'key-1' } }));
		const first = await send();
		const second = await send();
		expect(await second.json()).toEqual(await first.json());
		expect(second.headers.get('idempotency-replayed')).toBe('true');
		expect(writes).toBe(before + 1);
	});
});
