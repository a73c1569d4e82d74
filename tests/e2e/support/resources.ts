/**
 * Page models for the resource library, by what a person does: add a resource with a
 * file, edit it, publish a version from the history, read it, ask for a translation,
 * claim a request and write the translation. As in roles.ts, every locator's words come
 * from messages/*.json in the page's language, and every page reached is checked
 * (lang/dir, title, one h1, axe) through `check`.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import { poll } from './checks';
import { exactly, Member } from './roles';

export interface FileToUpload {
	name: string;
	mimeType: string;
	buffer: Buffer;
	alt?: string;
}

export interface ResourceDraft {
	title: string;
	summary: string;
	body: string;
	/** A theme's label in the page's language. */
	theme?: string;
	authors?: string;
	file?: FileToUpload;
	changeNote?: string;
	publish?: boolean;
}

/** The id in /resources/<id>… (any language prefix). */
export function resourceIdOf(url: string): string {
	const m = /\/resources\/([0-9a-f-]{36})/.exec(new URL(url).pathname);
	if (!m?.[1]) throw new Error(`not a resource page: ${url}`);
	return m[1];
}

export class Reader extends Member {
	/** Fills the shared resource form (create, edit, translate) with what is given. */
	protected async fillResourceForm(d: Partial<ResourceDraft>): Promise<void> {
		if (d.title !== undefined) await this.field('edit_field_title').fill(d.title);
		if (d.summary !== undefined) await this.field('edit_field_summary').fill(d.summary);
		if (d.body !== undefined) await this.field('edit_field_body').fill(d.body);
		if (d.theme) await this.page.getByRole('checkbox', { name: exactly(d.theme) }).check();
		if (d.authors !== undefined) await this.field('edit_field_authors').fill(d.authors);
		if (d.file) {
			await this.field('edit_field_file').setInputFiles({
				name: d.file.name,
				mimeType: d.file.mimeType,
				buffer: d.file.buffer
			});
			if (d.file.alt) await this.field('edit_field_file_alt').fill(d.file.alt);
		}
		if (d.changeNote !== undefined) await this.field('edit_field_change_note').fill(d.changeNote);
		if (d.publish) await this.field('edit_field_publish').check();
	}

	/** Opens a resource page (in the current language) and checks it. */
	async openResource(id: string, label = 'resource'): Promise<void> {
		await this.visit(`/resources/${id}`, label);
	}

	/** The resource page's main heading, i.e. the title shown. */
	async resourceTitle(): Promise<string> {
		return (await this.page.locator('h1').innerText()).trim();
	}

	region(nameKey: string): Locator {
		return this.page.getByRole('region', { name: exactly(this.t(nameKey)) });
	}

	/** The JSON-LD the resource page embeds, parsed. */
	async jsonLd(): Promise<Record<string, unknown>> {
		const text = await this.page.locator('script[type="application/ld+json"]').first().textContent();
		return JSON.parse(text ?? 'null') as Record<string, unknown>;
	}

	/** On a resource page: asks for a translation into `languageValue` (a BCP 47 tag). */
	async requestTranslation(languageValue: string): Promise<void> {
		const path = new URL(this.page.url()).pathname;
		await this.page
			.getByRole('combobox', { name: exactly(this.t('read_request_language')) })
			.selectOption(languageValue);
		await this.submit(
			this.button('read_request_submit'),
			(url) => url.pathname === path && url.searchParams.has('notice')
		);
		await this.check('resource after requesting a translation');
	}

	/** From the open requests in a language, claims the one for `title`; lands on the translation form. */
	async claimRequest(language: string, title: string): Promise<void> {
		await this.visit(`/translations/${language}`, `open requests in ${language}`);
		const item = this.page.getByRole('listitem').filter({ hasText: title });
		await this.submit(item.getByRole('button', { name: exactly(this.t('tr_claim')) }), (url) =>
			/\/resources\/[0-9a-f-]{36}\/translate$/.test(url.pathname)
		);
		await this.check('translation form after claiming');
	}

	/** On the translation form: writes the translation and publishes (or proposes) it. */
	async writeTranslation(d: Partial<ResourceDraft>): Promise<string> {
		const from = resourceIdOf(this.page.url());
		await this.fillResourceForm(d);
		const submit = this.page.getByRole('button').filter({
			hasText: new RegExp(
				[this.t('tr_submit_publish'), this.t('tr_submit_save'), this.t('tr_submit_propose')]
					.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
					.join('|')
			)
		});
		await this.submit(
			submit,
			(url) => /\/resources\/[0-9a-f-]{36}$/.test(url.pathname) && resourceIdOf(url.href) !== from
		);
		await this.check('translation just written');
		return resourceIdOf(this.page.url());
	}
}

export class Author extends Reader {
	/** Adds a resource to a library from its page; returns the new resource's id. */
	async addResource(slug: string, d: ResourceDraft): Promise<string> {
		await this.visit(`/libraries/${encodeURIComponent(slug)}`, `library ${slug}`);
		await this.submit(
			this.page.getByRole('link', { name: exactly(this.t('read_add_resource')) }),
			(url) => url.pathname === this.href(`/libraries/${slug}/resources/new`)
		);
		await this.check('new resource form');
		await this.fillResourceForm(d);
		await this.submit(this.button('edit_create_submit'), (url) =>
			/\/resources\/[0-9a-f-]{36}$/.test(url.pathname)
		);
		await this.check('resource just added');
		await poll(() => this.resourceTitle()).toBe(d.title);
		return resourceIdOf(this.page.url());
	}

	/** From the resource page: Edit → change → save; returns to the resource page. */
	async editResource(id: string, d: Partial<ResourceDraft>, canPublish: boolean): Promise<void> {
		await this.openResource(id);
		await this.submit(
			this.page.getByRole('link', { name: exactly(this.t('read_edit')) }),
			(url) => url.pathname === this.href(`/resources/${id}/edit`)
		);
		await this.check('edit form');
		await this.fillResourceForm(d);
		await this.submit(
			this.button(canPublish ? 'edit_save_submit' : 'edit_propose_submit'),
			(url) => url.pathname === this.href(`/resources/${id}`) && url.searchParams.has('notice')
		);
		await this.check('resource after saving');
	}

	/** A curator extends the theme taxonomy from the themes page, with labels by language. */
	async addTheme(key: string, labels: Partial<Record<'en' | 'ar' | 'fr', string>>): Promise<void> {
		await this.visit('/themes', 'themes');
		await this.field('theme_field_key').fill(key);
		for (const [l, label] of Object.entries(labels)) {
			// The page names each language in itself, as Intl does.
			const autonym = new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l;
			await this.field('theme_field_label_in', { language: autonym }).fill(label);
		}
		await this.submit(this.button('theme_add_submit'), (url) => url.searchParams.get('notice') === 'added');
		await this.check('themes after adding one');
	}

	/** From the resource page: History → publish version `n`. */
	async publishFromHistory(id: string, n: number): Promise<void> {
		await this.openResource(id);
		await this.submit(
			this.page.getByRole('link', { name: exactly(this.t('read_history')) }),
			(url) => url.pathname === this.href(`/resources/${id}/history`)
		);
		await this.check('history');
		await this.submit(
			this.button('history_publish', { number: n }),
			(url) =>
				url.pathname === this.href(`/resources/${id}/history`) &&
				url.searchParams.get('notice') === 'published'
		);
		await this.check('history after publishing');
		expect(
			await this.page.getByText(this.t('history_notice_published', { number: n })).count()
		).toBeGreaterThan(0);
	}
}
