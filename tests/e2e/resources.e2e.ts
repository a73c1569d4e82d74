/**
 * The resource library's main flow (issue 3, "Done means"), in Chromium, through the
 * pages as people use them: a contributor adds a resource with an image, edits it into
 * version 2; a curator publishes it from the history; a reader using the Arabic
 * interface reads it (licence in words, attribution, JSON-LD) and asks for a French
 * translation; a second person claims the request and publishes the translation; the
 * original is edited and the translation then says so. Every page is checked by the
 * page models (axe, lang/dir, one h1) and no request may leave for another origin.
 */
import { expect, it } from 'vitest';
import { tinyPng } from '../../src/lib/server/resources/attachments/test-files';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { unique } from './support/http';
import { Author, Reader } from './support/resources';
import { Visitor } from './support/roles';

const PASSPHRASE = 'the river remembers every stone';

describeInBrowser('resource library flow', () => {
	const browser = useBrowser();

	it('create with an image → version 2 → publish → Arabic reader requests French → claimed and published → original changes', async () => {
		const [curatorS, contributorS, readerS, translatorS] = await Promise.all([
			browser.open(),
			browser.open(),
			browser.open(),
			browser.open()
		]);
		const handles = {
			curator: unique('curator'),
			contributor: unique('contrib'),
			reader: unique('reader'),
			translator: unique('transl')
		};
		await new Visitor(curatorS.page).home('en');
		const curatorMember = await new Visitor(curatorS.page).signUp(handles.curator, PASSPHRASE);
		const curatorLib = await curatorMember.createLibrary(unique('Street kitchen '));
		const slug = curatorLib.slug;
		await new Visitor(contributorS.page).home('en');
		await new Visitor(contributorS.page).signUp(handles.contributor, PASSPHRASE);
		await curatorLib.inviteMember(handles.contributor, 'contributor');

		// A contributor adds a resource with an image (alt text required) and edits it.
		const contributor = new Author(contributorS.page, handles.contributor);
		const title = unique('Mapping the street ');
		const id = await contributor.addResource(slug, {
			title,
			summary: 'Walk the street together and map who lives and works there.',
			body: 'Walk slowly.\n\n![A hand-drawn map of one street with shops marked](street-map.png)\n\nThen talk.\n',
			// Theme labels are data (seeded in the database in three languages), not UI text.
			theme: 'Who is my community?',
			authors: 'Street kitchen team',
			file: {
				name: 'street-map.png',
				mimeType: 'image/png',
				buffer: tinyPng(),
				alt: 'A hand-drawn map of one street with shops marked'
			}
		});
		// The image is shown with its alternative text, its size before download.
		await poll(() =>
			contributorS.page.getByRole('img', { name: 'A hand-drawn map of one street with shops marked' }).count()
		).toBeGreaterThan(0);
		await contributor.editResource(
			id,
			{
				body: 'Walk slowly, in pairs.\n\n![A hand-drawn map of one street with shops marked](street-map.png)\n\nThen talk.\n',
				changeNote: 'Walk in pairs'
			},
			false
		);
		await poll(() =>
			contributorS.page.getByText(contributor.t('edit_notice_proposed', { number: 2 })).count()
		).toBeGreaterThan(0);

		// Not public yet: a stranger gets a 404.
		const early = await readerS.page.goto(`/resources/${id}`);
		expect(early?.status()).toBe(404);

		// The curator publishes version 2 from the history.
		const curator = new Author(curatorS.page, handles.curator);
		await curator.publishFromHistory(id, 2);

		// A reader with the Arabic interface reads it and asks for a French translation.
		await new Visitor(readerS.page).home('ar');
		await new Visitor(readerS.page).signUp(handles.reader, PASSPHRASE);
		const reader = new Reader(readerS.page, handles.reader);
		await reader.openResource(id, 'resource in Arabic');
		expect(await readerS.page.getAttribute('html', 'dir')).toBe('rtl');
		expect(await reader.resourceTitle()).toBe(title);
		// The resource's own text keeps its language inside the Arabic page.
		expect(await readerS.page.locator('h1').getAttribute('lang')).toBe('en');
		await poll(() => reader.region('read_licence_heading').count()).toBe(1);
		await poll(() => reader.region('read_attr_heading').locator('textarea, pre').count()).toBeGreaterThan(0);
		const ld = await reader.jsonLd();
		expect(ld).toMatchObject({
			'@context': expect.anything(),
			'@type': 'LearningResource',
			name: title,
			inLanguage: 'en',
			// CC's own identifier for the licence (its RDF names it with http:).
			license: expect.stringMatching(/^https?:\/\/creativecommons\.org\/licenses\/by-nc-sa\/4\.0\/$/)
		});
		await reader.requestTranslation('fr');

		// A second person claims the request and publishes the translation.
		await new Visitor(translatorS.page).home('fr');
		await new Visitor(translatorS.page).signUp(handles.translator, PASSPHRASE);
		const translator = new Reader(translatorS.page, handles.translator);
		await translator.claimRequest('fr', title);
		const frTitle = unique('Cartographier la rue ');
		const translationId = await translator.writeTranslation({
			title: frTitle,
			summary: 'Parcourir la rue ensemble et cartographier qui y vit et y travaille.',
			body: 'Marchez lentement, à deux.\n\nPuis parlez.\n'
		});
		await poll(() => translator.resourceTitle()).toBe(frTitle);
		// Publishing the translation closed the request.
		await translator.visit('/translations/fr', 'open requests in French after publishing');
		expect(await translatorS.page.getByRole('listitem').filter({ hasText: title }).count()).toBe(0);

		// The reader sees French among the languages; the original is then edited by the curator.
		await reader.openResource(id, 'resource with its French translation');
		await poll(() => readerS.page.locator(`a[href$="/resources/${translationId}"]`).count()).toBeGreaterThan(
			0
		);
		await curator.editResource(
			id,
			{
				summary: 'Walk the street together, in pairs, and map who is there.',
				changeNote: 'Clearer summary',
				publish: true
			},
			true
		);

		// The translation now says its original has changed.
		await translator.openResource(translationId, 'translation after the original changed');
		await poll(() =>
			translatorS.page.getByText(translator.t('read_original_changed_title')).count()
		).toBeGreaterThan(0);
		// And so does the Arabic reader's view of it.
		await reader.openResource(translationId, 'translation in Arabic after the original changed');
		await poll(() => readerS.page.getByText(reader.t('read_original_changed_title')).count()).toBeGreaterThan(
			0
		);

		// Curators extend the shared themes; readers see each theme in their own language.
		const key = unique('food-').toLowerCase();
		await curator.addTheme(key, { en: 'Food sovereignty', ar: 'السيادة الغذائية' });
		await poll(() => curatorS.page.getByRole('link', { name: 'Food sovereignty' }).count()).toBeGreaterThan(
			0
		);
		await reader.visit('/themes', 'themes in Arabic');
		await poll(() => readerS.page.getByRole('link', { name: 'السيادة الغذائية' }).count()).toBeGreaterThan(0);
		// Someone who curates no library is not offered the form.
		expect(await reader.field('theme_field_key').count()).toBe(0);
	});
});
