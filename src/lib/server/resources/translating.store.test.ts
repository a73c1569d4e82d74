/**
 * Claiming a request invites the claimant to write the translation in the original's library,
 * and the two forms' plans (translation, adaptation) say in advance what the services will do.
 */
import { expect, it } from 'vitest';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import * as libraries from '../libraries/service';
import { buildAccount, domainErrorOf, testCtx } from '../testing/factories';
import type { CreateResourceInput } from './schemas';
import * as resources from './service';

async function setup(db: Db) {
	const curator = await buildAccount(db, 'curator');
	const contributor = await buildAccount(db, 'contributor');
	const reader = await buildAccount(db, 'reader');
	const translator = await buildAccount(db, 'translator');
	const clock = testCtx(db, null, { tick: true });
	const ctx = (actor: typeof curator | null) => ({ ...clock, actor });
	const lib = await libraries.createLibrary(ctx(curator), { name: 'Commons', slug: 'commons' });
	await libraries.addMember(ctx(curator), 'commons', { handle: 'contributor', role: 'contributor' });
	const original = (over: Partial<CreateResourceInput> = {}) =>
		resources.createResource(ctx(curator), {
			library_id: lib.id,
			language: 'en',
			title: 'Mapping who is affected',
			body: 'Step one.',
			type: 'activity',
			license: 'CC BY-NC-SA 4.0',
			publish: true,
			...over
		});
	return { curator, contributor, reader, translator, lib, ctx, original };
}

const french = {
	title: 'Qui est concerné ?',
	body: 'Première étape.',
	type: 'activity' as const,
	language: 'fr'
};

describeEachDialect('translation claims and plans', ({ db }) => {
	it('a claimant outside the library publishes the translation, which closes the request', async () => {
		const { reader, translator, ctx, original } = await setup(db());
		const orig = await original();
		// Without a claim, a non-member may not write into the library.
		expect(
			(await domainErrorOf(resources.createTranslation(ctx(translator), orig.id, french))).messageKey
		).toBe('resource_not_member');

		const req = await resources.requestTranslation(ctx(reader), orig.id, { language: 'fr' });
		await resources.claimRequest(ctx(translator), req.id);
		// Someone else's claim invites nobody else.
		expect((await domainErrorOf(resources.createTranslation(ctx(reader), orig.id, french))).messageKey).toBe(
			'resource_not_member'
		);

		const fr = await resources.createTranslation(ctx(translator), orig.id, french);
		expect(fr).toMatchObject({ language: 'fr', translation_of: orig.id, library: { slug: 'commons' } });
		// Published as it is created, even without asking: a draft would be out of the claimant's sight.
		expect(fr.published_version_id).toBe(fr.version.id);
		expect(fr.viewer).toMatchObject({ role: null, publish: false });
		expect(await resources.listOpenRequests(ctx(null), 'fr')).toEqual([]);
		expect((await resources.languagesOf(ctx(null), orig.id)).map((l) => l.language)).toEqual(['en', 'fr']);
		// The invitation was for that one translation: it does not make the claimant a member.
		expect(
			(
				await domainErrorOf(
					resources.saveVersion(ctx(translator), fr.id, {
						title: french.title,
						type: 'activity',
						license: 'CC BY-NC-SA 4.0'
					})
				)
			).messageKey
		).toBe('resource_not_member');
	});

	it('a contributor holding the claim may publish; without asking it stays a draft', async () => {
		const { reader, contributor, ctx, original } = await setup(db());
		const orig = await original();
		const req = await resources.requestTranslation(ctx(reader), orig.id, { language: 'ar' });
		await resources.claimRequest(ctx(contributor), req.id);
		const ar = await resources.createTranslation(ctx(contributor), orig.id, {
			...french,
			language: 'ar',
			publish: true
		});
		expect(ar.published_version_id).toBe(ar.version.id);
		expect(await resources.listOpenRequests(ctx(null), 'ar')).toEqual([]);

		const req2 = await resources.requestTranslation(ctx(reader), orig.id, { language: 'sw' });
		await resources.claimRequest(ctx(contributor), req2.id);
		const sw = await resources.createTranslation(ctx(contributor), orig.id, { ...french, language: 'sw' });
		expect(sw.published_version_id).toBeNull();
		expect((await resources.listOpenRequests(ctx(null), 'sw')).map((r) => r.status)).toEqual(['claimed']);
	});

	it('the claim is only for the original’s library and never for a suspended one', async () => {
		const { curator, reader, translator, lib, ctx, original } = await setup(db());
		const orig = await original();
		const req = await resources.requestTranslation(ctx(reader), orig.id, { language: 'fr' });
		await resources.claimRequest(ctx(translator), req.id);
		const elsewhere = await libraries.createLibrary(ctx(curator), { name: 'Elsewhere', slug: 'elsewhere' });
		expect(
			(
				await domainErrorOf(
					resources.createTranslation(ctx(translator), orig.id, { ...french, library_id: elsewhere.id })
				)
			).messageKey
		).toBe('resource_not_member');
		const admin = await buildAccount(db(), 'admin', { isAdmin: true });
		await libraries.suspendLibrary(ctx(admin), 'commons', 'Review');
		expect(
			(await domainErrorOf(resources.createTranslation(ctx(translator), orig.id, french))).messageKey
		).toBe('resource_library_suspended');
		expect(lib.slug).toBe('commons');
	});

	it('the translation plan says what createTranslation would do', async () => {
		const { reader, translator, contributor, curator, ctx, original } = await setup(db());
		const orig = await original();
		// The members' newest version is a draft; the plan shows the published one.
		await resources.saveVersion(ctx(contributor), orig.id, {
			title: 'Draft title',
			type: 'activity',
			license: 'CC BY-NC-SA 4.0'
		});

		const none = await resources.translationPlan(ctx(translator), orig.id);
		expect(none).toMatchObject({ language: null, refusal: null, request: null, requests: [] });
		expect(none.original.version.title).toBe('Mapping who is affected');
		expect((await resources.translationPlan(ctx(curator), orig.id)).original.version.title).toBe(
			'Mapping who is affected'
		);
		expect((await resources.translationPlan(ctx(translator), orig.id, 'not a tag')).refusal).toBe(
			'resource_language_invalid'
		);
		expect((await resources.translationPlan(ctx(translator), orig.id, 'en-GB')).refusal).toBe(
			'resource_translation_same_language'
		);

		const before = await resources.translationPlan(ctx(translator), orig.id, 'FR');
		expect(before).toMatchObject({
			language: 'fr',
			refusal: null,
			viewer: { holds_claim: false, create_refusal: 'resource_not_member', publish: false }
		});
		expect((await resources.translationPlan(ctx(curator), orig.id, 'fr')).viewer).toMatchObject({
			create_refusal: null,
			publish: true,
			publishes_at_once: false
		});
		expect((await resources.translationPlan(ctx(contributor), orig.id, 'fr')).viewer).toMatchObject({
			create_refusal: null,
			publish: false
		});

		const req = await resources.requestTranslation(ctx(reader), orig.id, { language: 'fr' });
		await resources.claimRequest(ctx(translator), req.id);
		const claimed = await resources.translationPlan(ctx(translator), orig.id, 'fr');
		expect(claimed.request).toMatchObject({
			id: req.id,
			status: 'claimed',
			claimed_by: { handle: 'translator' }
		});
		expect(claimed.requests.map((r) => r.id)).toEqual([req.id]);
		expect(claimed.viewer).toEqual({
			holds_claim: true,
			create_refusal: null,
			publish: true,
			publishes_at_once: true
		});
		// Signed out: may read the plan, not write.
		expect((await resources.translationPlan(ctx(null), orig.id, 'fr')).viewer.create_refusal).toBe(
			'error_unauthenticated'
		);

		await resources.createTranslation(ctx(translator), orig.id, french);
		expect((await resources.translationPlan(ctx(translator), orig.id, 'fr')).refusal).toBe(
			'resource_translation_exists'
		);
		const nd = await original({ license: 'CC BY-ND 4.0', title: 'Fixed' });
		for (const language of ['fr', undefined, 'not a tag'])
			expect((await resources.translationPlan(ctx(translator), nd.id, language)).refusal).toBe(
				'resource_no_derivatives'
			);
	});

	it('the adaptation plan: the published source, the licence refusal, the viewer’s libraries', async () => {
		const { curator, contributor, translator, ctx, original } = await setup(db());
		const orig = await original();
		await libraries.createLibrary(ctx(contributor), { name: 'Youth', slug: 'youth' });
		const plan = await resources.adaptationPlan(ctx(contributor), orig.id);
		expect(plan.refusal).toBeNull();
		expect(plan.source.version.id).toBe(orig.version.id);
		expect(plan.libraries.map((l) => [l.slug, l.role])).toEqual([
			['commons', 'contributor'],
			['youth', 'curator']
		]);
		expect((await resources.adaptationPlan(ctx(translator), orig.id)).libraries).toEqual([]);

		const nd = await original({ license: 'CC BY-NC-ND 4.0', title: 'Fixed' });
		expect((await resources.adaptationPlan(ctx(curator), nd.id)).refusal).toBe('resource_no_derivatives');
		const draft = await original({ publish: false, title: 'Not yet' });
		expect((await resources.adaptationPlan(ctx(curator), draft.id)).refusal).toBe('resource_not_published');
		expect((await domainErrorOf(resources.adaptationPlan(ctx(null), orig.id))).kind).toBe('unauthenticated');
		expect((await domainErrorOf(resources.adaptationPlan(ctx(translator), draft.id))).kind).toBe('not_found');
	});
});
