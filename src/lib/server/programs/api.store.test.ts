/**
 * The programs API through its route handlers, on both engines: visibility (private is 404
 * to strangers and never listed or counted), roles (401/403), Idempotency-Key replays of
 * create and remix, hostile bodies (problem+json in the asked language, never a 500, markup
 * kept as text), the whole-content save's 409 with its conflicting parts, and the issue's
 * remix → upstream → take flow with licences and attributions.
 */
import type { RequestHandler } from '@sveltejs/kit';
import { beforeEach, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import { translator } from '../../i18n/catalogues';
import type { Actor, Ctx } from '../context';
import { setDb } from '../db';
import { describeEachDialect } from '../db/testing';
import { MAX_JSON_BYTES } from '../http/api';
import * as libraries from '../libraries/service';
import { buildAccount, buildResource } from '../testing/factories';
import { call, shaped, type CallAnswer, type CallInit } from '../testing/requests';
import { xssLines } from '../testing/hostile';
import {
	attributionsOut,
	historyOut,
	invitationOut,
	licenceOut,
	okOut,
	programDiffOut,
	programOut,
	programPageOut,
	programSummaryOut,
	programVersionsOut,
	takeOut,
	upstreamOut
} from './api-schemas';
import * as programsRoute from '../../../routes/api/v1/programs/+server';
import * as mineRoute from '../../../routes/api/v1/programs/mine/+server';
import * as myInvitationsRoute from '../../../routes/api/v1/programs/invitations/+server';
import * as programRoute from '../../../routes/api/v1/programs/[id]/+server';
import * as editsRoute from '../../../routes/api/v1/programs/[id]/edits/+server';
import * as versionsRoute from '../../../routes/api/v1/programs/[id]/versions/+server';
import * as visibilityRoute from '../../../routes/api/v1/programs/[id]/visibility/+server';
import * as inviteRoute from '../../../routes/api/v1/programs/[id]/invitations/+server';
import * as acceptRoute from '../../../routes/api/v1/programs/[id]/invitations/accept/+server';
import * as declineRoute from '../../../routes/api/v1/programs/[id]/invitations/decline/+server';
import * as leaveRoute from '../../../routes/api/v1/programs/[id]/leave/+server';
import * as historyRoute from '../../../routes/api/v1/programs/[id]/history/+server';
import * as diffRoute from '../../../routes/api/v1/programs/[id]/diff/+server';
import * as remixesRoute from '../../../routes/api/v1/programs/[id]/remixes/+server';
import * as upstreamRoute from '../../../routes/api/v1/programs/[id]/upstream/+server';
import * as licenceRoute from '../../../routes/api/v1/programs/[id]/licence/+server';
import * as attributionsRoute from '../../../routes/api/v1/programs/[id]/attributions/+server';

const ar = translator('ar');
const fr = translator('fr');
const ARABIC = /[\u0600-\u06FF]/;

function expectProblem(
	res: CallAnswer,
	status: number,
	context = ''
): { title: string; errors?: { field: string; message: string }[] } {
	expect(res.status, `${context} ${res.text.slice(0, 300)}`).toBe(status);
	expect(res.headers.get('content-type'), context).toContain('application/problem+json');
	const p = res.json as { title: string; status: number; errors?: { field: string; message: string }[] };
	expect(p.title, context).toBeTruthy();
	expect(p.status, context).toBe(status);
	return p;
}

describeEachDialect('programs API', ({ db }) => {
	let amina: Actor;
	let bilal: Actor;
	let stranger: Actor;
	let r1: string;
	let r2: string;
	let r3: string;

	beforeEach(async () => {
		setDb(db());
		amina = await buildAccount(db(), 'amina');
		bilal = await buildAccount(db(), 'bilal');
		stranger = await buildAccount(db(), 'stranger');
		const ctx: Ctx = { db: db(), actor: amina, addressHash: 't', now: () => new Date() };
		const lib = await libraries.createLibrary(ctx, { name: 'Commons', slug: 'commons' });
		const make = async (title: string, license: string) =>
			(await buildResource(ctx, lib.id, title, license, { duration_minutes: 30 })).id;
		r1 = await make('Mapping who is affected', 'CC BY-NC-SA 4.0');
		r2 = await make('Listening circles', 'CC BY-SA 4.0');
		r3 = await make('A case story', 'CC BY-ND 4.0');
	});

	const create = (
		actor: Actor | null,
		over: Record<string, unknown> = {},
		headers: Record<string, string> = {}
	) =>
		call(programsRoute.POST, {
			url: '/api/v1/programs',
			actor,
			json: { title: 'Organizing basics', format: 'multi_week_course', ...over },
			headers
		});
	const created = async (actor: Actor, over: Record<string, unknown> = {}) =>
		shaped(programOut, await create(actor, over), 201);

	/** GET /api/v1/programs/{id}<sub><query> */
	const read = (handler: RequestHandler | undefined, id: string, actor: Actor | null, sub = '', query = '') =>
		call(handler, { url: `/api/v1/programs/${id}${sub}${query}`, params: { id }, actor });
	/** POST /api/v1/programs/{id}<sub> */
	const post = (
		handler: RequestHandler | undefined,
		id: string,
		actor: Actor | null,
		sub: string,
		json?: unknown,
		headers: Record<string, string> = {}
	) =>
		call(handler, {
			method: 'POST',
			url: `/api/v1/programs/${id}${sub}`,
			params: { id },
			actor,
			...(json === undefined ? {} : { json }),
			headers
		});
	const edit = (
		id: string,
		actor: Actor | null,
		e: Record<string, unknown>,
		over: Record<string, unknown> = {}
	) => post(editsRoute.POST, id, actor, '/edits', { edit: e, ...over });
	const setVisibility = async (id: string, visibility: string) =>
		shaped(programOut, await post(visibilityRoute.POST, id, amina, '/visibility', { visibility }));
	const publicList = async (actor: Actor | null) =>
		shaped(programPageOut, await call(programsRoute.GET, { url: '/api/v1/programs', actor }));

	it('private is 404 to strangers everywhere and never listed or counted; unlisted is read by link only', async () => {
		const p = await created(amina, { template: true, format: 'one_day_training' });
		expect(p).toMatchObject({
			visibility: 'private',
			head_number: 1,
			viewer: { is_author: true, edit: true }
		});
		expect(p.content.sessions).toHaveLength(4);

		const readers: [RequestHandler | undefined, string, string][] = [
			[programRoute.GET, '', ''],
			[programRoute.GET, '', '?version=1'],
			[versionsRoute.GET, '/versions', ''],
			[historyRoute.GET, '/history', ''],
			[diffRoute.GET, '/diff', '?from=1&to=1'],
			[remixesRoute.GET, '/remixes', ''],
			[licenceRoute.GET, '/licence', ''],
			[attributionsRoute.GET, '/attributions', '']
		];
		for (const actor of [null, stranger]) {
			for (const [handler, sub, q] of readers) {
				const hidden = expectProblem(
					await read(handler, p.id, actor, sub, `${q}${q ? '&' : '?'}lang=ar`),
					404,
					sub
				);
				expect(hidden.title).toBe(ar.t('program_not_found'));
			}
		}
		// An unknown id and a private one answer alike.
		expect(expectProblem(await read(programRoute.GET, newId(), stranger, '', '?lang=ar'), 404).title).toBe(
			ar.t('program_not_found')
		);
		expectProblem(await read(programRoute.GET, 'not-an-id', null), 404);
		expectProblem(await post(remixesRoute.POST, p.id, stranger, '/remixes', {}), 404);
		expectProblem(await edit(p.id, stranger, { op: 'set_layout', layout: 'circle' }), 404);

		expect(await publicList(stranger)).toMatchObject({ total: 0, items: [] });
		expect(
			shaped(programSummaryOut.array(), await call(mineRoute.GET, { url: '/', actor: amina }))
		).toHaveLength(1);
		expect(
			shaped(programSummaryOut.array(), await call(mineRoute.GET, { url: '/', actor: stranger }))
		).toEqual([]);

		await setVisibility(p.id, 'unlisted');
		expect(shaped(programOut, await read(programRoute.GET, p.id, null)).viewer).toMatchObject({
			is_author: false,
			edit: false,
			fork: false
		});
		expect((await publicList(null)).total).toBe(0);

		// A stranger's remix is private: the original's count does not show it to anyone else.
		const fork = shaped(programOut, await post(remixesRoute.POST, p.id, stranger, '/remixes', {}), 201);
		expect(fork).toMatchObject({
			visibility: 'private',
			forked_from: { program_id: p.id, version_number: 1 }
		});
		expect(shaped(programOut, await read(programRoute.GET, p.id, amina)).remixes.count).toBe(0);
		expect(shaped(programOut, await read(programRoute.GET, p.id, stranger)).remixes.count).toBe(1);
		expect(shaped(programSummaryOut.array(), await read(remixesRoute.GET, p.id, null, '/remixes'))).toEqual(
			[]
		);
		expectProblem(await read(programRoute.GET, fork.id, amina), 404);

		await setVisibility(p.id, 'public');
		const list = await publicList(null);
		expect(list).toMatchObject({ total: 1, page: 1, per_page: 20 });
		expect(list.items.map((i) => i.id)).toEqual([p.id]);
		expect(
			shaped(programPageOut, await call(programsRoute.GET, { url: '/api/v1/programs?page=2&per_page=1' }))
				.items
		).toEqual([]);
	});

	it('co-authors only write (401/403), invite by handle, accept, decline and leave', async () => {
		const p = await created(amina);
		expectProblem(await create(null), 401);
		expectProblem(await edit(p.id, null, { op: 'set_layout', layout: 'circle' }), 401);
		expectProblem(await call(mineRoute.GET, { url: '/api/v1/programs/mine' }), 401);
		expectProblem(await call(myInvitationsRoute.GET, { url: '/api/v1/programs/invitations' }), 401);

		await setVisibility(p.id, 'unlisted');
		const refused = expectProblem(
			await post(
				editsRoute.POST,
				p.id,
				stranger,
				'/edits',
				{ edit: { op: 'set_layout', layout: 'circle' } },
				{
					'accept-language': 'fr'
				}
			),
			403
		);
		expect(refused.title).toBe(fr.t('program_not_author'));
		expectProblem(
			await post(visibilityRoute.POST, p.id, stranger, '/visibility', { visibility: 'public' }),
			403
		);
		expectProblem(await post(inviteRoute.POST, p.id, stranger, '/invitations', { handle: 'bilal' }), 403);
		await setVisibility(p.id, 'private');

		const unknown = expectProblem(
			await post(inviteRoute.POST, p.id, amina, '/invitations?lang=ar', { handle: 'nobody-here' }),
			404
		);
		expect(unknown.errors?.map((e) => e.field)).toEqual(['handle']);
		const invitation = shaped(
			invitationOut,
			await post(inviteRoute.POST, p.id, amina, '/invitations', { handle: 'bilal' }),
			201
		);
		expect(invitation).toMatchObject({ program_id: p.id, program_title: 'Organizing basics' });
		expect(invitation.invited_by?.handle).toBe('amina');
		const waiting = shaped(
			invitationOut.array(),
			await call(myInvitationsRoute.GET, { url: '/api/v1/programs/invitations', actor: bilal })
		);
		expect(waiting.map((i) => i.id)).toEqual([invitation.id]);
		// An invitee may look before answering, not write.
		expect(shaped(programOut, await read(programRoute.GET, p.id, bilal)).viewer).toMatchObject({
			is_author: false,
			invitation_id: invitation.id
		});
		expectProblem(await edit(p.id, bilal, { op: 'set_layout', layout: 'circle' }), 403);

		const joined = shaped(programOut, await post(acceptRoute.POST, p.id, bilal, '/invitations/accept'));
		expect(joined.viewer.is_author).toBe(true);
		expect(joined.authors.map((a) => a.handle).sort()).toEqual(['amina', 'bilal']);
		shaped(programOut, await post(acceptRoute.POST, p.id, bilal, '/invitations/accept'));
		const edited = shaped(programOut, await edit(p.id, bilal, { op: 'set_layout', layout: 'circle' }));
		expect(edited.content.layout).toBe('circle');
		expect(edited.version.author?.handle).toBe('bilal');

		shaped(
			invitationOut,
			await post(inviteRoute.POST, p.id, bilal, '/invitations', { handle: 'stranger' }),
			201
		);
		shaped(okOut, await post(declineRoute.POST, p.id, stranger, '/invitations/decline'));
		expectProblem(await post(declineRoute.POST, p.id, stranger, '/invitations/decline'), 404);
		expectProblem(await read(programRoute.GET, p.id, stranger), 404);

		await setVisibility(p.id, 'public');
		shaped(okOut, await post(leaveRoute.POST, p.id, amina, '/leave'));
		const last = expectProblem(await post(leaveRoute.POST, p.id, bilal, '/leave?lang=ar'), 409);
		expect(last.title).toBe(ar.t('program_last_author_public'));
		expectProblem(await post(leaveRoute.POST, p.id, amina, '/leave'), 403);

		const history = shaped(historyOut, await read(historyRoute.GET, p.id, null, '/history'));
		expect(history.map((h) => h.action)).not.toContain('author_invited');
		expect(history.map((h) => [h.action, h.actor?.handle])).toEqual(
			expect.arrayContaining([
				['author_joined', 'bilal'],
				['author_left', 'amina'],
				['created', 'amina']
			])
		);
	});

	it('replays create and remix with the same Idempotency-Key without writing twice', async () => {
		const key = { 'idempotency-key': 'create-once' };
		const first = await create(amina, { title: 'Once' }, key);
		const second = await create(amina, { title: 'Once' }, key);
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.json).toEqual(first.json);
		expect(second.headers.get('idempotency-replayed')).toBe('true');
		expectProblem(await create(amina, { title: 'Another request' }, key), 409);
		const count = async (table: 'programs' | 'program_versions') =>
			Number(
				(
					await db()
						.kysely.selectFrom(table)
						.select((eb) => eb.fn.countAll().as('n'))
						.executeTakeFirst()
				)?.n
			);
		expect(await count('programs')).toBe(1);

		// A client-made id is the other half: replaying it answers the same program; another person cannot take it.
		const id = newId();
		expect(shaped(programOut, await create(amina, { id }), 201).id).toBe(id);
		expect(shaped(programOut, await create(amina, { id }), 201).id).toBe(id);
		expectProblem(await create(bilal, { id }), 409);
		expect(await count('programs')).toBe(2);

		const original = shaped(programOut, first, 201);
		await setVisibility(original.id, 'unlisted');
		const forkKey = { 'idempotency-key': 'remix-once' };
		const a = await post(remixesRoute.POST, original.id, bilal, '/remixes', { title: 'Ours' }, forkKey);
		const b = await post(remixesRoute.POST, original.id, bilal, '/remixes', { title: 'Ours' }, forkKey);
		expect(shaped(programOut, a, 201).content.title).toBe('Ours');
		expect(b.json).toEqual(a.json);
		expect(b.headers.get('idempotency-replayed')).toBe('true');
		expect(await count('programs')).toBe(3);
		const forkId = newId();
		for (let i = 0; i < 2; i++)
			expect(
				shaped(programOut, await post(remixesRoute.POST, original.id, bilal, '/remixes', { id: forkId }), 201)
					.id
			).toBe(forkId);
		expect(await count('programs')).toBe(4);

		// An edit replayed by its version id writes one version.
		const versionId = newId();
		for (let i = 0; i < 2; i++)
			expect(
				shaped(
					programOut,
					await edit(original.id, amina, { op: 'set_layout', layout: 'circle' }, { version_id: versionId })
				).head_number
			).toBe(2);
	});

	it('answers hostile bodies and queries with 4xx problem+json in the asked language, and keeps markup as text', async () => {
		const p = await created(amina, { template: true, format: 'one_day_training' });
		const session = p.content.sessions[0]!.id;
		const createCases: [string, Omit<CallInit, 'url'>, number][] = [
			['wrong types', { json: { title: ['x'], format: 7, template: 'yes' } }, 422],
			['unknown field', { json: { title: 'T', format: 'self_paced', owner: 'me' } }, 422],
			['bad format', { json: { title: 'T', format: 'weekend' } }, 422],
			['bad licence', { json: { title: 'T', format: 'self_paced', licence: 'WTFPL' } }, 422],
			['bad visibility', { json: { title: 'T', format: 'self_paced', visibility: 'secret' } }, 422],
			['oversized title', { json: { title: 'x'.repeat(10_000), format: 'self_paced' } }, 422],
			[
				'too many outcomes',
				{ json: { title: 'T', format: 'self_paced', outcomes: Array(500).fill('o') } },
				422
			],
			['bad id', { json: { id: '../../etc', title: 'T', format: 'self_paced' } }, 422],
			['bad JSON', { body: '{"title":', headers: { 'content-type': 'application/json' } }, 422],
			['an array', { json: [] }, 422],
			['null', { body: 'null', headers: { 'content-type': 'application/json' } }, 422],
			['a form', { body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
			['too big', { json: { title: 'T', format: 'self_paced', summary: 'x'.repeat(MAX_JSON_BYTES) } }, 413]
		];
		for (const [name, init, status] of createCases) {
			const res = await call(programsRoute.POST, { ...init, url: '/api/v1/programs?lang=ar', actor: amina });
			expect(expectProblem(res, status, name).title, name).toMatch(ARABIC);
			expect(res.headers.get('content-language'), name).toBe('ar');
		}
		const unknown = expectProblem(await create(amina, { owner: 'me' }), 422);
		expect(unknown.errors?.map((e) => e.field)).toEqual(['owner']);

		const editCases: [string, unknown, number][] = [
			['unknown op', { edit: { op: 'drop_table' } }, 422],
			['no edit', {}, 422],
			['extra field in an edit', { edit: { op: 'set_layout', layout: 'circle', admin: true } }, 422],
			['bad position', { edit: { op: 'move_session', session_id: session, position: -1 } }, 422],
			['unknown session', { edit: { op: 'remove_session', session_id: newId() } }, 404],
			[
				'javascript: link',
				{
					edit: {
						op: 'add_item',
						session_id: session,
						item: { kind: 'link', url: 'javascript:alert(1)', title: 'x' }
					}
				},
				422
			],
			[
				'an unpublished resource',
				{ edit: { op: 'add_resource', session_id: session, item_id: newId(), resource_id: newId() } },
				422
			],
			['a control character', { edit: { op: 'edit_program', fields: { title: 'a\u0000b' } } }, 422]
		];
		for (const [name, json, status] of editCases) {
			const res = await post(editsRoute.POST, p.id, amina, '/edits?lang=ar', json);
			expect(expectProblem(res, status, name).title, name).toMatch(ARABIC);
		}
		for (const [handler, sub, q] of [
			[programRoute.GET, '', '?version=abc'],
			[programRoute.GET, '', '?version=0'],
			[diffRoute.GET, '/diff', '?from=1'],
			[diffRoute.GET, '/diff', '?from=x&to=1'],
			[programsRoute.GET, '', '?page=0'],
			[programsRoute.GET, '', '?per_page=1000']
		] as const) {
			const res = await read(handler, p.id, amina, sub, `${q}&lang=ar`);
			expect(expectProblem(res, 422, `${sub}${q}`).title).toMatch(ARABIC);
		}
		expectProblem(await read(programRoute.GET, p.id, amina, '', '?version=99'), 404);
		expectProblem(await read(diffRoute.GET, p.id, amina, '/diff', '?from=1&to=99'), 404);

		// Markup is stored and answered as text, exactly as typed (NFC, trimmed).
		let stored = 0;
		for (const line of xssLines.slice(0, 20)) {
			const res = await edit(p.id, amina, {
				op: 'add_item',
				session_id: session,
				item: { kind: 'activity', activity: 'reflection', title: line.slice(0, 200), instructions: line }
			});
			expect(res.status, line).toBeLessThan(500);
			if (res.status !== 200) {
				expectProblem(res, 422, line);
				continue;
			}
			const item = programOut.parse(res.json).content.sessions[0]!.items.at(-1)!;
			expect(item.kind === 'activity' && item.instructions).toBe(line.normalize('NFC').trim());
			stored++;
		}
		expect(stored).toBeGreaterThan(10);
		const made = await create(amina, { title: xssLines[0]!, summary: xssLines[1]! });
		expect(shaped(programOut, made, 201).content.title).toBe(xssLines[0]!.trim());
		// JSON, never HTML: a client that renders it must escape it like any other text.
		expect(made.headers.get('content-type')).toContain('application/json');
	});

	it('saves a whole content on an older version: merged, or 409 naming the conflicting parts', async () => {
		const p = await created(amina, { template: true, format: 'one_day_training' });
		const [first, second] = p.content.sessions;
		shaped(
			programOut,
			await edit(p.id, amina, { op: 'edit_session', session_id: first!.id, fields: { materials: 'Paper' } })
		);

		const offline = structuredClone(p.content);
		offline.sessions[1]!.title = 'Exploring, offline';
		const save = (content: unknown, over: Record<string, unknown> = {}, lang = '') =>
			post(versionsRoute.POST, p.id, amina, `/versions${lang}`, {
				base_version_id: p.version.id,
				content,
				version_id: newId(),
				change_note: 'Written offline',
				...over
			});
		const merged = shaped(programOut, await save(offline));
		expect(merged.content.sessions[0]?.materials).toBe('Paper');
		expect(merged.content.sessions[1]?.title).toBe('Exploring, offline');
		expect(merged.version).toMatchObject({ number: 3, change_note: 'Written offline' });

		const clash = structuredClone(p.content);
		clash.sessions[1]!.title = 'Another title';
		const refused = expectProblem(await save(clash, {}, '?lang=ar'), 409);
		expect(refused.title).toBe(ar.t('program_save_conflict'));
		expect(refused.errors?.map((e) => e.field)).toEqual([`session:${second!.id}`]);
		const head = shaped(programOut, await read(programRoute.GET, p.id, amina));
		expect(head.head_number).toBe(3);
		expect(head.content.sessions[1]?.title).toBe('Exploring, offline');

		expectProblem(await save(clash, { base_version_id: newId() }), 404);
		expectProblem(await save({ ...clash, sessions: 'none' }), 422);
		expectProblem(await save({ ...clash, extra: 1 }), 422);
		expectProblem(
			await post(versionsRoute.POST, p.id, bilal, '/versions', {
				base_version_id: p.version.id,
				content: clash
			}),
			404
		);

		const versions = shaped(programVersionsOut, await read(versionsRoute.GET, p.id, amina, '/versions'));
		expect(versions.map((v) => [v.number, v.is_head])).toEqual([
			[3, true],
			[2, false],
			[1, false]
		]);
		const diff = shaped(programDiffOut, await read(diffRoute.GET, p.id, amina, '/diff', '?from=1&to=3'));
		expect(diff.sessions.map((s) => [s.session_id, s.fields])).toEqual([
			[first!.id, ['materials']],
			[second!.id, ['title']]
		]);
		expect(
			shaped(programOut, await read(programRoute.GET, p.id, amina, '', '?version=1')).version.number
		).toBe(1);
	});

	it('remix → upstream → take through the API, with licences and attributions', async () => {
		const p = await created(amina, { title: 'Organizing basics' });
		const s1 = newId();
		const s2 = newId();
		const items = [newId(), newId(), newId()] as const;
		const steps: Record<string, unknown>[] = [
			{ op: 'add_session', session_id: s1, session: { title: 'Who we are', duration_minutes: 60 } },
			{ op: 'add_session', session_id: s2, session: { title: 'What we do', duration_minutes: 45 } },
			{ op: 'add_resource', session_id: s1, item_id: items[0], resource_id: r1 },
			{ op: 'add_resource', session_id: s1, item_id: items[1], resource_id: r2, pin: true },
			{ op: 'add_resource', session_id: s2, item_id: items[2], resource_id: r3 }
		];
		let view = p;
		for (const step of steps) view = shaped(programOut, await edit(p.id, amina, step));
		expect(view.head_number).toBe(6);
		expect(view.resources[items[1]]).toMatchObject({
			available: true,
			pinned: true,
			title: 'Listening circles'
		});
		expect(view.time.sessions.map((s) => s.over_time)).toEqual([false, false]);
		await setVisibility(p.id, 'unlisted');

		const fork = shaped(
			programOut,
			await post(remixesRoute.POST, p.id, bilal, '/remixes', { version: 6 }),
			201
		);
		expect(fork.forked_from).toMatchObject({
			program_id: p.id,
			version_number: 6,
			title: 'Organizing basics'
		});
		expect(
			shaped(upstreamOut, await read(upstreamRoute.GET, fork.id, bilal, '/upstream')).report.pending
		).toBe(0);
		expectProblem(await read(upstreamRoute.GET, p.id, amina, '/upstream'), 422);

		// The remix edits session 1; upstream edits session 1's title and session 2's duration.
		shaped(
			programOut,
			await edit(fork.id, bilal, {
				op: 'edit_session',
				session_id: s1,
				fields: { facilitator_notes: 'In our village hall.' }
			})
		);
		shaped(
			programOut,
			await edit(p.id, amina, {
				op: 'edit_session',
				session_id: s1,
				fields: { title: 'Who we are, together' }
			})
		);
		shaped(
			programOut,
			await edit(p.id, amina, { op: 'edit_session', session_id: s2, fields: { duration_minutes: 90 } })
		);

		const changes = shaped(upstreamOut, await read(upstreamRoute.GET, fork.id, bilal, '/upstream'));
		expect(changes).toMatchObject({ forked_from_number: 6, upstream: { program_id: p.id, head_number: 8 } });
		expect(changes.report.sessions.map((s) => [s.session_id, s.change?.fields, s.change?.status])).toEqual([
			[s1, ['title'], 'clean'],
			[s2, ['duration_minutes'], 'clean']
		]);
		// Strangers to the remix see nothing of it, nor may anyone else take into it.
		expectProblem(await read(upstreamRoute.GET, fork.id, stranger, '/upstream'), 404);
		expectProblem(await post(upstreamRoute.POST, fork.id, amina, '/upstream', { sessions: [s1] }), 404);
		expectProblem(await post(upstreamRoute.POST, fork.id, bilal, '/upstream', { sessions: ['x'] }), 422);
		expectProblem(
			await post(upstreamRoute.POST, fork.id, bilal, '/upstream', { prefer: { 'drop table': 'ours' } }),
			422
		);

		const took = shaped(
			takeOut,
			await post(upstreamRoute.POST, fork.id, bilal, '/upstream', {
				sessions: [s1],
				change_note: 'From upstream'
			})
		);
		expect(took.taken).toEqual([`session:${s1}`]);
		expect(took.program.content.sessions[0]).toMatchObject({
			title: 'Who we are, together',
			facilitator_notes: 'In our village hall.'
		});
		expect(took.program.content.sessions[1]?.duration_minutes).toBe(45);
		const rest = shaped(upstreamOut, await read(upstreamRoute.GET, fork.id, bilal, '/upstream'));
		expect(rest.report.sessions.map((s) => s.session_id)).toEqual([s2]);

		const forkHistory = shaped(historyOut, await read(historyRoute.GET, fork.id, bilal, '/history'));
		expect(forkHistory[0]).toMatchObject({ action: 'upstream_taken', change_note: 'From upstream' });
		expect(forkHistory.at(-1)).toMatchObject({
			action: 'forked',
			data: { from_program: p.id, from_number: 6 }
		});

		// The original counts the remix once it is public.
		await call(visibilityRoute.POST, {
			url: `/api/v1/programs/${fork.id}/visibility`,
			params: { id: fork.id },
			actor: bilal,
			json: { visibility: 'public' }
		});
		const remixes = shaped(programSummaryOut.array(), await read(remixesRoute.GET, p.id, null, '/remixes'));
		expect(remixes.map((r) => r.id)).toEqual([fork.id]);
		expect(shaped(programOut, await read(programRoute.GET, p.id, null)).remixes.count).toBe(1);

		// Licences: NC makes the whole NC, SA and ND keep their own; adapting the ND story is a real conflict.
		let licence = shaped(licenceOut, await read(licenceRoute.GET, p.id, null, '/licence'));
		expect(licence.components.map((c) => c.license)).toEqual([
			'CC-BY-NC-SA-4.0',
			'CC-BY-SA-4.0',
			'CC-BY-ND-4.0'
		]);
		expect(licence.as_delivered).toMatchObject({ non_commercial: true, unmodified_parts: true });
		expect(licence.keep_own_licence).toEqual([...items]);
		expect(licence.conflicts).toEqual([]);
		const retold = newId();
		shaped(
			programOut,
			await edit(p.id, amina, {
				op: 'add_item',
				session_id: s2,
				item: { id: retold, kind: 'activity', activity: 'other', title: 'Retold', based_on: [items[2]] }
			})
		);
		licence = shaped(licenceOut, await read(licenceRoute.GET, p.id, null, '/licence', '?lang=ar'));
		expect(licence.conflicts).toEqual([
			expect.objectContaining({
				kind: 'adapting-no-derivatives',
				item_id: retold,
				sources: [items[2]],
				message: ar.t('program_conflict_no_derivatives')
			})
		]);

		const attributions = shaped(
			attributionsOut,
			await read(attributionsRoute.GET, p.id, null, '/attributions')
		);
		expect(attributions.program.authors).toEqual(['amina']);
		expect(attributions.items.map((i) => [i.item_id, i.attribution.title, i.attribution.license])).toEqual([
			[items[0], 'Mapping who is affected', 'CC-BY-NC-SA-4.0'],
			[items[1], 'Listening circles', 'CC-BY-SA-4.0'],
			[items[2], 'A case story', 'CC-BY-ND-4.0']
		]);
	});
});
