/**
 * Page models for a program's outputs (issue 5, item 5-6), by what a person does: remix a
 * program, take what changed in the original (a whole session, keeping their own side of a
 * conflict), read the history, the attributions, the learner view and the facilitator guide,
 * print the guide, download the offline copy. Words come from messages/*.json in the page's
 * language; every page reached is checked (lang/dir, title, one h1, axe).
 *
 * Also the API calls that set up a program to work on (the builder pages are another
 * helper's; the outputs pages are what is clicked through here).
 */
import { expect } from 'vitest';
import type { Download } from 'playwright-core';
import { poll } from './checks';
import type { Client } from './http';
import { programIdOf } from './programs';
import { exactly, Member } from './roles';

/** A JSON call that must succeed; returns the parsed body. */
export async function ok<T = Record<string, unknown>>(
	client: Client,
	path: string,
	json?: unknown,
	method?: string
): Promise<T> {
	const res = await client.request(path, { json, method });
	expect(
		res.status,
		`${method ?? (json === undefined ? 'GET' : 'POST')} ${path}: ${res.text.slice(0, 400)}`
	).toBeLessThan(300);
	return res.json as T;
}

export interface ProgramView {
	id: string;
	head_number: number;
	content: {
		title: string;
		sessions: { id: string; title: string; objectives: string; materials: string; items: { id: string }[] }[];
	};
}

export const edit = (client: Client, id: string, e: Record<string, unknown>, note?: string) =>
	ok<ProgramView>(client, `/api/v1/programs/${id}/edits`, {
		edit: e,
		...(note ? { change_note: note } : {})
	});

export const getProgramApi = (client: Client, id: string) =>
	ok<ProgramView>(client, `/api/v1/programs/${id}`);

export class ProgramReader extends Member {
	private path(id: string, page: string) {
		return `/programs/${id}/${page}`;
	}

	async openOutput(
		id: string,
		page: 'history' | 'attributions' | 'guide' | 'learn' | 'remix' | 'upstream'
	): Promise<void> {
		await this.visit(this.path(id, page), `program ${page}`);
	}

	/** The attributions page names every given title with its licence. */
	async expectAttributions(titles: string[]): Promise<void> {
		await poll(() => this.heading(this.t('prog_out_attr_title')).count()).toBe(1);
		for (const title of titles)
			await poll(() => this.page.getByRole('heading', { level: 3, name: exactly(title) }).count()).toBe(1);
	}

	/** Remix → confirm → the fork; returns the fork's id. */
	async remix(id: string, title: string): Promise<string> {
		await this.openOutput(id, 'remix');
		await this.field('prog_out_remix_name').fill(title);
		await Promise.all([
			this.page.waitForURL(
				(url) =>
					/\/programs\/[0-9a-f-]{36}$/.test(url.pathname) && url.searchParams.get('notice') === 'remixed'
			),
			this.button('prog_out_remix_submit').click()
		]);
		const fork = programIdOf(this.page.url());
		expect(fork).not.toBe(id);
		return fork;
	}

	/** The section of one session on the upstream page. */
	upstreamSession(title: string) {
		return this.page.getByRole('region', { name: new RegExp(`${escape(title)}$`) });
	}

	/** In a session's section: choose a side for its conflicts, then take the whole session. */
	async takeSession(title: string, choice?: 'mine' | 'theirs'): Promise<void> {
		const section = this.upstreamSession(title);
		await poll(() => section.count()).toBe(1);
		if (choice) {
			const label = this.t(choice === 'mine' ? 'prog_out_keep_mine' : 'prog_out_take_theirs');
			const radios = section.getByRole('radio', { name: exactly(label) });
			for (let i = 0; i < (await radios.count()); i++) await radios.nth(i).check();
		}
		await this.submit(
			section.getByRole('button', { name: exactly(this.t('prog_out_take_session')) }),
			(url) => url.searchParams.has('taken')
		);
		await this.check('upstream after taking');
	}

	/** Prints the guide to PDF (print media, as a person's "Print" would). */
	async printGuide(id: string): Promise<Buffer> {
		await this.openOutput(id, 'guide');
		await this.page.emulateMedia({ media: 'print' });
		const pdf = await this.page.pdf({ format: 'A4', printBackground: false });
		await this.page.emulateMedia({ media: 'screen' });
		return pdf;
	}

	/** From the guide: follows "Download for offline use" and returns the download. */
	async downloadOffline(id: string): Promise<Download> {
		await this.openOutput(id, 'guide');
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('link', { name: exactly(this.t('prog_out_download_offline')) }).click()
		]);
		return download;
	}
}

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
