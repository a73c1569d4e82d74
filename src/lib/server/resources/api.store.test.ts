/**
 * The resources API through its route handlers, on both engines: public reads of
 * published resources, roles on writes, Idempotency-Key replays, hostile bodies
 * (problem+json in the request's language, never a 500), translations and requests,
 * and raw-body attachment uploads whose type is read from the bytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestHandler } from '@sveltejs/kit';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import { translator } from '../../i18n/catalogues';
import type { Actor, Ctx } from '../context';
import { setDb } from '../db';
import { describeEachDialect } from '../db/testing';
import { MAX_JSON_BYTES } from '../http/api';
import * as libraries from '../libraries/service';
import { buildAccount } from '../testing/factories';
import { call, shaped, type CallAnswer, type CallInit } from '../testing/requests';
import { xssLines } from '../testing/hostile';
import {
	attachmentOut,
	attributionOut,
	diffOut,
	requestOut,
	resourceOut,
	resourcePageOut,
	translationsOut,
	versionOut
} from './api-schemas';
import { noise, svgImage, tinyPdf, tinyPng } from './attachments/test-files';
import * as attachmentsRoute from '../../../routes/api/v1/resources/[id]/attachments/+server';
import * as attachmentRoute from '../../../routes/api/v1/attachments/[id]/+server';
import * as attributionRoute from '../../../routes/api/v1/resources/[id]/attribution/+server';
import * as claimRoute from '../../../routes/api/v1/translation-requests/[id]/claim/+server';
import * as diffRoute from '../../../routes/api/v1/resources/[id]/diff/+server';
import * as libraryResourcesRoute from '../../../routes/api/v1/libraries/[slug]/resources/+server';
import * as publishRoute from '../../../routes/api/v1/resources/[id]/publish/+server';
import * as requestsRoute from '../../../routes/api/v1/translation-requests/+server';
import * as resourceRoute from '../../../routes/api/v1/resources/[id]/+server';
import * as resourcesRoute from '../../../routes/api/v1/resources/+server';
import * as restoreRoute from '../../../routes/api/v1/resources/[id]/versions/[vid]/restore/+server';
import * as themesRoute from '../../../routes/api/v1/themes/+server';
import * as translationRequestRoute from '../../../routes/api/v1/resources/[id]/translation-requests/+server';
import * as translationsRoute from '../../../routes/api/v1/resources/[id]/translations/+server';
import * as unpublishRoute from '../../../routes/api/v1/resources/[id]/unpublish/+server';
import * as adaptationsRoute from '../../../routes/api/v1/versions/[id]/adaptations/+server';
import * as versionRoute from '../../../routes/api/v1/versions/[id]/+server';
import * as versionsRoute from '../../../routes/api/v1/resources/[id]/versions/+server';

// The routes use the instance's blob store and limits: keep them in a temp folder, small.
const MAX_BYTES = 40_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-api-'));
const savedEnv = { DATA_DIR: process.env.DATA_DIR, ATTACHMENT_MAX_BYTES: process.env.ATTACHMENT_MAX_BYTES };
process.env.DATA_DIR = dataDir;
process.env.ATTACHMENT_MAX_BYTES = String(MAX_BYTES);
afterAll(() => {
	for (const [k, v] of Object.entries(savedEnv)) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
	fs.rmSync(dataDir, { recursive: true, force: true });
});

const ar = translator('ar');
const ARABIC = /[\u0600-\u06FF]/;

function expectProblem(
	res: CallAnswer,
	status: number,
	context = ''
): { title: string; errors?: { field: string }[] } {
	expect(res.status, `${context} ${res.text.slice(0, 300)}`).toBe(status);
	expect(res.headers.get('content-type')).toContain('application/problem+json');
	const p = res.json as { title: string; status: number; errors?: { field: string }[] };
	expect(p.title).toBeTruthy();
	expect(p.status).toBe(status);
	return p;
}

const fields = (over: Record<string, unknown> = {}) => ({
	title: 'Mapping who is affected',
	summary: 'A short activity.',
	body: 'Step one.\nStep two.\n',
	type: 'activity',
	themes: ['who-is-my-community'],
	license: 'CC BY-NC-SA 4.0',
	authors: ['Circles team'],
	...over
});

describeEachDialect('resources API', ({ db }) => {
	let curator: Actor;
	let contributor: Actor;
	let reader: Actor;
	let libraryId: string;

	beforeEach(async () => {
		setDb(db());
		curator = await buildAccount(db(), 'curator');
		contributor = await buildAccount(db(), 'contributor');
		reader = await buildAccount(db(), 'reader');
		const ctx: Ctx = { db: db(), actor: curator, addressHash: 't', now: () => new Date() };
		libraryId = (await libraries.createLibrary(ctx, { name: 'Commons', slug: 'commons' })).id;
		await libraries.addMember(ctx, 'commons', { handle: 'contributor', role: 'contributor' });
	});

	const create = (
		actor: Actor | null,
		over: Record<string, unknown> = {},
		headers: Record<string, string> = {}
	) =>
		call(resourcesRoute.POST, {
			url: '/api/v1/resources',
			actor,
			json: { library_id: libraryId, language: 'en', ...fields(), ...over },
			headers
		});

	async function publishedResource(over: Record<string, unknown> = {}) {
		return shaped(resourceOut, await create(curator, { publish: true, ...over }), 201);
	}

	const get = (id: string, actor: Actor | null, query = '') =>
		call(resourceRoute.GET, { url: `/api/v1/resources/${id}${query}`, params: { id }, actor });

	it('reads a published resource publicly and hides a draft from strangers', async () => {
		const published = await publishedResource();
		const draft = shaped(resourceOut, await create(contributor, { title: 'Still a draft' }), 201);
		expect(draft.published_version_id).toBeNull();

		const pub = shaped(resourceOut, await get(published.id, null));
		expect(pub.version.title).toBe('Mapping who is affected');
		expect(pub.viewer).toEqual({ role: null, propose: false, publish: false, restore: false });

		for (const actor of [null, reader]) {
			const hidden = expectProblem(await get(draft.id, actor, '?lang=ar'), 404);
			expect(hidden.title).toBe(ar.t('resource_not_found'));
		}
		expect(shaped(resourceOut, await get(draft.id, contributor)).version.title).toBe('Still a draft');
		expectProblem(await get('not-an-id', null), 404);

		const page = shaped(
			resourcePageOut,
			await call(libraryResourcesRoute.GET, {
				url: '/api/v1/libraries/commons/resources?page=1&per_page=10&language=en&theme=who-is-my-community',
				params: { slug: 'commons' }
			})
		);
		expect(page.items.map((i) => i.id)).toEqual([published.id]);
		expect(page).toMatchObject({ total: 1, page: 1, per_page: 10 });
		for (const q of ['page=abc', 'page=0', 'per_page=1000', 'language=%3Cscript%3E', 'theme=../x']) {
			expectProblem(
				await call(libraryResourcesRoute.GET, {
					url: `/api/v1/libraries/commons/resources?${q}`,
					params: { slug: 'commons' }
				}),
				422,
				q
			);
		}
		expectProblem(
			await call(libraryResourcesRoute.GET, {
				url: '/api/v1/libraries/nope/resources',
				params: { slug: 'nope' }
			}),
			404
		);
	});

	it('lets members propose, curators publish, and refuses everyone else', async () => {
		expectProblem(await create(null), 401);
		expect(expectProblem(await create(reader, {}, { 'accept-language': 'fr' }), 403).title).toBe(
			translator('fr').t('resource_not_member')
		);
		const r = shaped(resourceOut, await create(contributor, { publish: true }), 201);
		expect(r.published_version_id).toBeNull();
		expect(r.viewer.role).toBe('contributor');

		const v2 = await call(versionsRoute.POST, {
			url: `/api/v1/resources/${r.id}/versions`,
			params: { id: r.id },
			actor: contributor,
			json: fields({ title: 'Second', change_note: 'Clearer steps' })
		});
		const saved = shaped(versionOut, v2, 201);
		expect(saved).toMatchObject({ number: 2, state: 'draft', change_note: 'Clearer steps' });
		expectProblem(
			await call(versionsRoute.POST, {
				url: `/api/v1/resources/${r.id}/versions`,
				params: { id: r.id },
				actor: reader,
				json: fields()
			}),
			403
		);

		const publish = (actor: Actor | null, json: unknown = {}) =>
			call(publishRoute.POST, {
				url: `/api/v1/resources/${r.id}/publish`,
				params: { id: r.id },
				actor,
				json
			});
		expectProblem(await publish(null), 401);
		expectProblem(await publish(contributor), 403);
		expectProblem(await publish(curator, { version_id: 42 }), 422);
		expectProblem(await publish(curator, { version_id: newId() }), 404);
		const published = shaped(resourceOut, await publish(curator, { version_id: saved.id }));
		expect(published.published_version_id).toBe(saved.id);
		expect(shaped(resourceOut, await get(r.id, null)).version.title).toBe('Second');

		const history = await call(versionsRoute.GET, {
			url: `/api/v1/resources/${r.id}/versions`,
			params: { id: r.id }
		});
		expect((history.json as { number: number }[]).map((v) => v.number)).toEqual([2]);
		const first = (
			(
				await call(versionsRoute.GET, {
					url: `/api/v1/resources/${r.id}/versions`,
					params: { id: r.id },
					actor: contributor
				})
			).json as { id: string; number: number }[]
		).find((v) => v.number === 1)!;
		// A draft version is a member's business.
		expectProblem(
			await call(versionRoute.GET, { url: `/api/v1/versions/${first.id}`, params: { id: first.id } }),
			404
		);
		expect(
			shaped(
				versionOut,
				await call(versionRoute.GET, {
					url: `/api/v1/versions/${first.id}`,
					params: { id: first.id },
					actor: contributor
				})
			).title
		).toBe('Mapping who is affected');

		const diff = shaped(
			diffOut,
			await call(diffRoute.GET, {
				url: `/api/v1/resources/${r.id}/diff?from=${first.id}&to=${saved.id}`,
				params: { id: r.id },
				actor: curator
			})
		);
		expect(diff.title.some((c) => c.added && c.value.includes('Second'))).toBe(true);
		expectProblem(
			await call(diffRoute.GET, { url: `/api/v1/resources/${r.id}/diff?from=x`, params: { id: r.id } }),
			422
		);

		const restore = (actor: Actor) =>
			call(restoreRoute.POST, {
				url: `/api/v1/resources/${r.id}/versions/${first.id}/restore`,
				params: { id: r.id, vid: first.id },
				actor,
				json: { change_note: 'Back to the first' }
			});
		expectProblem(await restore(contributor), 403);
		expect(shaped(versionOut, await restore(curator), 201)).toMatchObject({
			number: 3,
			title: 'Mapping who is affected'
		});

		const unpublish = (actor: Actor) =>
			call(unpublishRoute.POST, {
				method: 'POST',
				url: `/api/v1/resources/${r.id}/unpublish`,
				params: { id: r.id },
				actor
			});
		expectProblem(await unpublish(contributor), 403);
		expect(shaped(resourceOut, await unpublish(curator)).published_version_id).toBeNull();
		expectProblem(await get(r.id, null), 404);
	});

	it('replays POST /resources with the same Idempotency-Key without creating twice', async () => {
		const key = { 'idempotency-key': 'create-once' };
		const first = await create(contributor, { title: 'Once' }, key);
		const second = await create(contributor, { title: 'Once' }, key);
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.json).toEqual(first.json);
		expect(second.headers.get('idempotency-replayed')).toBe('true');
		const other = await create(contributor, { title: 'Another request' }, key);
		expectProblem(other, 409);
		const count = await db()
			.kysely.selectFrom('resources')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirst();
		expect(Number(count?.n)).toBe(1);

		// A client-made id is the other half: replaying it returns the same resource.
		const id = newId();
		const a = shaped(resourceOut, await create(contributor, { id }), 201);
		const b = shaped(resourceOut, await create(contributor, { id }), 201);
		expect(b.id).toBe(a.id);
		expectProblem(await create(curator, { id }), 409);
	});

	it('answers hostile bodies with 4xx problem+json in the asked language, and stores markup as text', async () => {
		const cases: [string, CallInit, number][] = [
			[
				'wrong types',
				{ url: '/api/v1/resources?lang=ar', json: { library_id: 7, title: ['x'], type: 1, publish: 'yes' } },
				422
			],
			[
				'unknown field',
				{
					url: '/api/v1/resources?lang=ar',
					json: { library_id: libraryId, language: 'en', ...fields(), admin: true }
				},
				422
			],
			[
				'oversized strings',
				{
					url: '/api/v1/resources?lang=ar',
					json: {
						library_id: libraryId,
						language: 'en',
						...fields({ title: 'x'.repeat(10_000), tags: Array(500).fill('t') })
					}
				},
				422
			],
			[
				'bad JSON',
				{
					url: '/api/v1/resources?lang=ar',
					body: '{"title":',
					headers: { 'content-type': 'application/json' }
				},
				422
			],
			['an array', { url: '/api/v1/resources?lang=ar', json: [] }, 422],
			[
				'null',
				{ url: '/api/v1/resources?lang=ar', body: 'null', headers: { 'content-type': 'application/json' } },
				422
			],
			[
				'a form',
				{
					url: '/api/v1/resources?lang=ar',
					body: 'title=x',
					headers: { 'content-type': 'application/x-www-form-urlencoded' }
				},
				415
			],
			['too big', { url: '/api/v1/resources?lang=ar', json: { body: 'x'.repeat(MAX_JSON_BYTES) } }, 413],
			[
				'bad licence',
				{
					url: '/api/v1/resources?lang=ar',
					json: { library_id: libraryId, language: 'en', ...fields({ license: 'WTFPL' }) }
				},
				422
			],
			[
				'bad language',
				{
					url: '/api/v1/resources?lang=ar',
					json: { library_id: libraryId, language: '<script>', ...fields() }
				},
				422
			]
		];
		for (const [name, init, status] of cases) {
			const res = await call(resourcesRoute.POST, { ...init, actor: contributor });
			const p = expectProblem(res, status, name);
			expect(p.title, name).toMatch(ARABIC);
			expect(res.headers.get('content-language')).toBe('ar');
		}
		const unknown = expectProblem(
			await call(resourcesRoute.POST, {
				url: '/api/v1/resources',
				actor: contributor,
				json: { library_id: libraryId, language: 'en', ...fields(), admin: true }
			}),
			422
		);
		expect(unknown.errors?.map((e) => e.field)).toEqual(['admin']);

		let stored = 0;
		for (const line of xssLines.slice(0, 25)) {
			const res = await create(contributor, {
				title: line.slice(0, 200),
				summary: line,
				body: line,
				tags: [line.slice(0, 60)]
			});
			expect(res.status, line).toBeLessThan(500);
			if (res.status !== 201) continue;
			const r = resourceOut.parse(res.json);
			expect(r.version.title).toBe(line.slice(0, 200).normalize('NFC').trim());
			expect(r.version.body).toBe(line.normalize('NFC').trim());
			// JSON carries the markup as a string; it is never rendered here.
			expect(res.headers.get('content-type')).toContain('application/json');
			stored++;
		}
		expect(stored).toBeGreaterThan(20);
	});

	it('translates, requests and claims translations, adapts and attributes', async () => {
		const original = await publishedResource({ license: 'CC BY-SA 4.0' });
		const nd = await publishedResource({ title: 'No derivatives', license: 'CC BY-ND 4.0' });
		const at = (route: RequestHandler | undefined, url: string, init: Partial<CallInit> = {}) =>
			call(route, { url, params: { id: original.id }, ...init });

		const asked = shaped(
			requestOut,
			await at(translationRequestRoute.POST, `/api/v1/resources/${original.id}/translation-requests`, {
				actor: reader,
				json: { language: 'fr' }
			}),
			201
		);
		expect(asked.status).toBe('open');
		expectProblem(
			await at(translationRequestRoute.POST, `/api/v1/resources/${original.id}/translation-requests`, {
				json: { language: 'ar' }
			}),
			401
		);
		const ndRequest = expectProblem(
			await call(translationRequestRoute.POST, {
				url: `/api/v1/resources/${nd.id}/translation-requests?lang=ar`,
				params: { id: nd.id },
				actor: reader,
				json: { language: 'fr' }
			}),
			403
		);
		expect(ndRequest.title).toBe(ar.t('resource_no_derivatives'));

		const open = await call(requestsRoute.GET, { url: '/api/v1/translation-requests?language=fr' });
		expect((open.json as unknown[]).map((x) => requestOut.parse(x).id)).toEqual([asked.id]);
		expect(await call(requestsRoute.GET, { url: '/api/v1/translation-requests?language=ar' })).toMatchObject({
			json: []
		});
		expectProblem(await call(requestsRoute.GET, { url: '/api/v1/translation-requests?language=%00' }), 422);

		const claim = (actor: Actor | null) =>
			call(claimRoute.POST, {
				url: `/api/v1/translation-requests/${asked.id}/claim`,
				params: { id: asked.id },
				actor
			});
		expectProblem(await claim(null), 401);
		expect(shaped(requestOut, await claim(contributor)).claimed_by).toEqual({ handle: 'contributor' });
		expectProblem(await claim(reader), 409);

		const fr = shaped(
			resourceOut,
			await at(translationsRoute.POST, `/api/v1/resources/${original.id}/translations`, {
				actor: curator,
				json: { ...fields({ title: 'Qui est concerné', license: undefined }), language: 'fr', publish: true }
			}),
			201
		);
		expect(fr).toMatchObject({ translation_of: original.id, language: 'fr' });
		const status = shaped(
			translationsOut,
			await at(translationsRoute.GET, `/api/v1/resources/${original.id}/translations`)
		);
		expect(status.translations).toEqual([
			expect.objectContaining({ resource_id: fr.id, published: true, original_changed: false })
		]);
		expect(status.languages.map((l) => l.language).sort()).toEqual(['en', 'fr']);
		expect((await call(requestsRoute.GET, { url: '/api/v1/translation-requests?language=fr' })).json).toEqual(
			[]
		);

		const adapted = shaped(
			resourceOut,
			await call(adaptationsRoute.POST, {
				url: `/api/v1/versions/${original.version.id}/adaptations`,
				params: { id: original.version.id },
				actor: contributor,
				json: {
					library_id: libraryId,
					change_log: 'Shorter, for youth groups',
					...fields({ title: 'Mapping, for youth', license: undefined })
				}
			}),
			201
		);
		expect(adapted.version.license).toBe(original.version.license);
		expectProblem(
			await call(adaptationsRoute.POST, {
				url: `/api/v1/versions/${nd.version.id}/adaptations`,
				params: { id: nd.version.id },
				actor: contributor,
				json: { library_id: libraryId, change_log: 'x', ...fields({ license: undefined }) }
			}),
			403
		);
		const attribution = shaped(
			attributionOut,
			await call(attributionRoute.GET, {
				url: `/api/v1/resources/${adapted.id}/attribution`,
				params: { id: adapted.id },
				actor: contributor
			})
		);
		expect(attribution).toMatchObject({
			title: 'Mapping, for youth',
			license: original.version.license,
			changes: 'Shorter, for youth groups',
			based_on: { resource_id: original.id, title: 'Mapping who is affected', version_number: 1 }
		});
		expect(attribution.license_url).toMatch(/^https?:\/\/creativecommons\.org\/licenses\/by-sa\/4\.0/);
	});

	it('lists themes in the asked language and lets only curators add one', async () => {
		const list = await call(themesRoute.GET, { url: '/api/v1/themes?lang=ar' });
		expect(list.status).toBe(200);
		const themes = list.json as { key: string; label: string }[];
		expect(themes.find((t) => t.key === 'leadership')?.label).toBe('القيادة');
		const theme = { key: 'mutual-aid', labels: { en: 'Mutual aid', ar: 'العون المتبادل', fr: 'Entraide' } };
		expectProblem(
			await call(themesRoute.POST, { url: '/api/v1/themes', actor: contributor, json: theme }),
			403
		);
		const added = await call(themesRoute.POST, { url: '/api/v1/themes', actor: curator, json: theme });
		expect(added.status).toBe(201);
		expectProblem(await call(themesRoute.POST, { url: '/api/v1/themes', actor: curator, json: theme }), 409);
		expectProblem(
			await call(themesRoute.POST, {
				url: '/api/v1/themes',
				actor: curator,
				json: { key: 'X Y', labels: {} }
			}),
			422
		);
	});

	const upload = (
		id: string,
		actor: Actor | null,
		query: string,
		body: CallInit['body'],
		headers: Record<string, string> = { 'content-type': 'application/octet-stream' }
	) =>
		call(attachmentsRoute.POST, {
			method: 'POST',
			url: `/api/v1/resources/${id}/attachments?${query}`,
			params: { id },
			actor,
			body,
			headers
		});

	it('stores an upload by what its bytes are, not by its name or Content-Type', async () => {
		const r = shaped(resourceOut, await create(contributor), 201);
		const png = await upload(
			r.id,
			contributor,
			'filename=handout.pdf&alt_text=A%20grey%20square',
			tinyPng(),
			{
				'content-type': 'application/pdf'
			}
		);
		const a = shaped(attachmentOut, png, 201);
		expect(a).toMatchObject({
			media_type: 'image/png',
			kind: 'image',
			file_name: 'handout.pdf.png',
			alt_text: 'A grey square'
		});
		expect(a.download_url).toBe(`/attachments/${a.id}`);

		const svg = expectProblem(await upload(r.id, contributor, 'filename=logo.png&lang=ar', svgImage()), 422);
		expect(svg.title).toBe(ar.t('attach_svg_refused'));
		expect(svg.errors?.map((e) => e.field)).toEqual(['body']);
		const noAlt = expectProblem(await upload(r.id, contributor, 'filename=photo.png', tinyPng()), 422);
		expect(noAlt.errors?.map((e) => e.field)).toEqual(['alt_text']);
		expectProblem(await upload(r.id, contributor, 'alt_text=x', tinyPng()), 422);
		expectProblem(await upload(r.id, contributor, 'filename=empty.txt', new Uint8Array()), 422);
		expectProblem(await upload(r.id, contributor, 'filename=x.bin', noise(500)), 422);

		// Too large: refused from the announced length before reading, or while streaming without one.
		const big = noise(MAX_BYTES + 1);
		const declared = await upload(r.id, contributor, 'filename=big.pdf&lang=ar', big, {
			'content-type': 'application/pdf',
			'content-length': String(big.length)
		});
		expect(expectProblem(declared, 413).title).toBe(ar.t('attach_too_large', { megabytes: 0 }));
		expect(declared.headers.get('connection')).toBe('close');
		const streamed = new ReadableStream<Uint8Array>({
			start(c) {
				for (let i = 0; i < big.length; i += 4096) c.enqueue(big.subarray(i, i + 4096));
				c.close();
			}
		});
		expectProblem(await upload(r.id, contributor, 'filename=big.pdf', streamed), 413);

		// Who may upload: those who may propose a version.
		expectProblem(await upload(r.id, null, 'filename=a.pdf', tinyPdf()), 401);
		expectProblem(await upload(r.id, reader, 'filename=a.pdf', tinyPdf()), 404);
		const pub = await publishedResource();
		expectProblem(await upload(pub.id, reader, 'filename=a.pdf', tinyPdf()), 403);
	});

	it('replays an upload by client id or Idempotency-Key, and shows files as their version does', async () => {
		const r = shaped(resourceOut, await create(contributor), 201);
		const id = newId();
		const first = shaped(
			attachmentOut,
			await upload(r.id, contributor, `attachment_id=${id}&filename=guide.pdf`, tinyPdf()),
			201
		);
		// The replay does not need (or read) the bytes again.
		const again = shaped(
			attachmentOut,
			await upload(r.id, contributor, `attachment_id=${id}&filename=guide.pdf`, noise(10)),
			201
		);
		expect(again).toEqual(first);
		const taken = expectProblem(
			await upload(r.id, curator, `attachment_id=${id}&filename=guide.pdf`, tinyPdf()),
			409
		);
		expect(taken.errors?.map((e) => e.field)).toEqual(['attachment_id']);
		const keyed = { 'content-type': 'application/octet-stream', 'idempotency-key': 'upload-1' };
		const k1 = await upload(r.id, contributor, 'filename=notes.pdf', tinyPdf('one'), keyed);
		const k2 = await upload(r.id, contributor, 'filename=notes.pdf&lang=fr', tinyPdf('one'), keyed);
		expect(k2.json).toEqual(k1.json);
		expect(k2.headers.get('idempotency-replayed')).toBe('true');
		expectProblem(await upload(r.id, contributor, 'filename=other.pdf', tinyPdf('one'), keyed), 409);

		const list = (actor: Actor | null) =>
			call(attachmentsRoute.GET, {
				url: `/api/v1/resources/${r.id}/attachments`,
				params: { id: r.id },
				actor
			});
		expect((await list(contributor)).json).toHaveLength(2);
		expectProblem(await list(null), 404);

		const meta = (actor: Actor | null) =>
			call(attachmentRoute.GET, { url: `/api/v1/attachments/${first.id}`, params: { id: first.id }, actor });
		expect(shaped(attachmentOut, await meta(contributor)).download_url).toBe(`/attachments/${first.id}`);
		expectProblem(await meta(null), 404);

		// A curator's version carrying the file, published: now public.
		const v = await call(versionsRoute.POST, {
			url: `/api/v1/resources/${r.id}/versions`,
			params: { id: r.id },
			actor: curator,
			json: fields({ attachment_ids: [first.id], publish: true })
		});
		expect(v.status, v.text).toBe(201);
		const shown = shaped(resourceOut, await get(r.id, null));
		expect(shown.attachments.map((a) => [a.id, a.download_url])).toEqual([
			[first.id, `/attachments/${first.id}`]
		]);
		expect(shaped(attachmentOut, await meta(null)).file_name).toBe('guide.pdf');
		// The file not carried by the published version stays private.
		const other = (k1.json as { id: string }).id;
		expectProblem(
			await call(attachmentRoute.GET, { url: `/api/v1/attachments/${other}`, params: { id: other } }),
			404
		);
		expect(((await list(null)).json as { id: string }[]).map((a) => a.id)).toEqual([first.id]);
		expectProblem(
			await call(attachmentRoute.GET, { url: '/api/v1/attachments/nope', params: { id: 'nope' } }),
			404
		);
	});
});
