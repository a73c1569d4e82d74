/**
 * The form chain: a multipart form's file reaches the action beside the parsed text
 * fields, and a body the server refused to read (over BODY_SIZE_LIMIT) comes back as a
 * 413 with a message by the file field, not as an empty form.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translator } from '../../i18n/catalogues';
import { closeDb, setDb } from '../db';
import { openDatabase } from '../db/dialect';
import { migrateToLatest } from '../db/migrate';
import { runForm } from './forms';

function event(
	body: BodyInit | ReadableStream<Uint8Array>,
	headers: Record<string, string> = {}
): RequestEvent {
	const url = new URL('http://localhost/things/new');
	const request = new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
	return {
		request,
		url,
		params: {},
		locals: { actor: null, addressHash: 'a'.repeat(64), locale: 'en', t: translator('en') }
	} as unknown as RequestEvent;
}

const schema = z.object({ title: z.string().min(1) });

beforeAll(async () => {
	const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
	await migrateToLatest(db);
	setDb(db);
});
afterAll(() => closeDb());

describe('runForm', () => {
	it('hands the action the raw form data, files included', async () => {
		const data = new FormData();
		data.set('title', 'Chairs');
		data.set('file', new File([new Uint8Array([1, 2, 3])], 'chairs.bin'));
		const r = await runForm(event(data), schema, async (input, _ctx, form) => {
			const file = form.get('file');
			return { title: input.title, size: file instanceof File ? file.size : -1 };
		});
		expect(r).toMatchObject({ ok: true, value: { title: 'Chairs', size: 3 } });
	});

	it('turns a body the server would not read into a 413 by the file field', async () => {
		const refused = Object.assign(new Error('Content-length exceeds limit'), { status: 413 });
		const stream = new ReadableStream<Uint8Array>({ start: (c) => c.error(refused) });
		const r = await runForm(
			event(stream, { 'content-type': 'multipart/form-data; boundary=x' }),
			schema,
			() => Promise.resolve('never')
		);
		expect(r).not.toHaveProperty('ok');
		const failure = r as unknown as {
			status: number;
			data: { message: string; fields: Record<string, string> };
		};
		expect(failure.status).toBe(413);
		expect(failure.data.message).toBe(translator('en').t('error_too_large'));
		expect(failure.data.fields.file).toMatch(/larger than \d/);
	});

	it('still treats an unreadable body of another kind as an empty form', async () => {
		const r = await runForm(
			event('not a form', { 'content-type': 'multipart/form-data; boundary=x' }),
			schema,
			() => Promise.resolve('never')
		);
		expect((r as unknown as { status: number }).status).toBe(422);
	});
});
