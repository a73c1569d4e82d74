/**
 * Page models for the program builder (issue 5), by what a person does: find a resource
 * in search and add it to a program (a new program, a new session, or a session that is
 * there), reorder sessions (by keyboard with JavaScript, with the move buttons without),
 * edit a session's fields, switch the layout, share an unlisted link, and read the program
 * page. As in roles.ts,
 * every locator's words come from messages/*.json in the page's language, and every page
 * reached is checked (lang/dir, title, one h1, axe) through `check`.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import { poll } from './checks';
import { exactly, Member } from './roles';

/** The id in /programs/<id>… (any language prefix). */
export function programIdOf(url: string): string {
	const m = /\/programs\/([0-9a-f-]{36})/.exec(new URL(url).pathname);
	if (!m?.[1]) throw new Error(`not a program page: ${url}`);
	return m[1];
}

/** Where "Add to program" puts a resource. */
export type AddTarget =
	| { newProgram: { title: string; format?: string }; session: string }
	| { program: string; session: string }
	| { program: string; newSession: string };

/** A session's fields as its builder form has them; only the ones given are changed. */
export interface SessionFields {
	title?: string;
	/** null empties the field (no planned duration). */
	duration_minutes?: number | null;
	objectives?: string;
	materials?: string;
	facilitator_notes?: string;
	reflection_questions?: string[];
}

/** Each session field's label in messages/*.json. */
const SESSION_LABELS = {
	title: 'prog_field_session_title',
	duration_minutes: 'prog_field_duration',
	objectives: 'prog_field_objectives',
	materials: 'prog_field_materials',
	facilitator_notes: 'prog_field_notes',
	reflection_questions: 'prog_field_reflection'
} as const satisfies Record<keyof SessionFields, string>;

/** What a field of the session form holds for `value` (a textarea posts one question a line). */
function fieldText(value: NonNullable<SessionFields[keyof SessionFields]> | null): string {
	if (value === null) return '';
	return Array.isArray(value) ? value.join('\n') : String(value);
}

export class ProgramAuthor extends Member {
	/** Searches from the search page (a GET form works with and without JavaScript). */
	async search(words: string): Promise<void> {
		await this.visit(`/search?q=${encodeURIComponent(words)}`, `search for ${words}`);
	}

	/** A search hit by its title. */
	hit(title: string): Locator {
		return this.page.locator('article.hit').filter({
			has: this.page.getByRole('heading', { level: 3, name: exactly(title) })
		});
	}

	/**
	 * From the search results: "Add to a program" on the hit titled `title`, then the add
	 * form; lands on the program page and returns the program's id.
	 */
	async addFromSearch(words: string, title: string, to: AddTarget, follow: 'pinned' | 'latest' = 'pinned') {
		await this.search(words);
		await this.submit(
			this.hit(title).getByRole('link', { name: exactly(this.t('prog_add_link_label')) }),
			(url) => url.pathname === this.href('/programs/add')
		);
		await this.check('add to a program');
		await poll(() => this.page.locator('.lead').innerText()).toBe(title);
		return this.addHere(to, follow);
	}

	/** On /programs/add: picks where the resource goes and adds it. */
	async addHere(to: AddTarget, follow: 'pinned' | 'latest' = 'pinned'): Promise<string> {
		const where = this.field('prog_add_where');
		if ('newProgram' in to) {
			await where.selectOption({ label: this.t('prog_add_new_program') });
			await this.field('prog_field_title').fill(to.newProgram.title);
			if (to.newProgram.format) await this.field('prog_field_format').selectOption(to.newProgram.format);
			await this.field('prog_add_new_session_title').fill(to.session);
		} else if ('newSession' in to) {
			await where.selectOption(`${to.program}:new`);
			await this.field('prog_add_new_session_title').fill(to.newSession);
		} else {
			await where.selectOption({ label: this.t('prog_add_in_session', { session: to.session }) });
			expect(await where.inputValue()).toMatch(new RegExp(`^${to.program}:`));
		}
		await this.page
			.getByRole('radio', {
				name:
					follow === 'latest'
						? exactly(this.t('prog_follow_latest'))
						: new RegExp(`^\\s*${this.t('prog_follow_pinned', { number: 999 }).replace('999', '\\d+')}\\s*$`)
			})
			.check();
		await this.submit(
			this.button('prog_add_submit'),
			(url) => /\/programs\/[0-9a-f-]{36}$/.test(url.pathname) && url.searchParams.get('notice') === 'added'
		);
		await poll(() => this.page.getByText(this.t('prog_notice_added')).count()).toBe(1);
		await this.check('program after adding a resource');
		return programIdOf(this.page.url());
	}

	async openProgram(id: string): Promise<void> {
		await this.visit(`/programs/${id}`, 'program');
	}

	/** The program page's sessions section. */
	get sessionsSection(): Locator {
		return this.page.getByRole('region', { name: exactly(this.t('prog_sessions_heading')) });
	}

	/** The session titles in the order the page lists them (the plain list, whatever the layout). */
	async sessionTitles(): Promise<string[]> {
		return (await this.sessionsSection.locator('.session h3 span[dir="auto"]').allInnerTexts()).map((s) =>
			s.trim()
		);
	}

	/** The resource titles inside the session titled `session`, in order. */
	async itemTitles(session: string): Promise<string[]> {
		const card = this.sessionsSection.locator('article.session').filter({
			has: this.page.getByRole('heading', { level: 3, name: new RegExp(session) })
		});
		return (await card.locator('.items > li a').allInnerTexts()).map((s) => s.trim());
	}

	/** From the program page: "Edit the program". */
	async openBuilder(): Promise<void> {
		const id = programIdOf(this.page.url());
		await this.submit(
			this.page.getByRole('link', { name: exactly(this.t('prog_edit_link')) }),
			(url) => url.pathname === this.href(`/programs/${id}/edit`)
		);
		await this.check('builder');
	}

	/** In the builder, the sessions as listed. */
	async builderSessionTitles(): Promise<string[]> {
		return (await this.page.locator('ol.sessions > li > h3').allInnerTexts()).map((s) => s.trim());
	}

	/**
	 * Moves a session one place. With JavaScript: focus its grip and press the arrow key; the
	 * move is announced in the live region. Without: the session's "Move up/down" button.
	 */
	async moveSession(title: string, direction: 'up' | 'down'): Promise<void> {
		const before = await this.builderSessionTitles();
		const from = before.indexOf(title);
		expect(from).toBeGreaterThanOrEqual(0);
		const to = direction === 'up' ? from - 1 : from + 1;
		const expected = [...before];
		expected.splice(from, 1);
		expected.splice(to, 0, title);
		if (this.scripted) {
			const grip = this.button('prog_reorder_session', { title });
			await grip.focus();
			await this.page.keyboard.press(direction === 'up' ? 'ArrowUp' : 'ArrowDown');
			await poll(() =>
				this.page
					.getByRole('status')
					.filter({
						hasText: this.t('prog_moved_session', { title, position: to + 1, count: before.length })
					})
					.count()
			).toBe(1);
			await poll(() => this.builderSessionTitles()).toEqual(expected);
			// Focus stays on the grip, so the next arrow press moves it again.
			await poll(() => this.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
				this.t('prog_reorder_session', { title })
			);
		} else {
			const label = this.t(direction === 'up' ? 'prog_move_up' : 'prog_move_down');
			await this.submit(
				this.page.getByRole('button', { name: exactly(this.t('prog_action_of', { action: label, title })) }),
				(url) => url.searchParams.get('notice') === 'saved'
			);
			await poll(() => this.builderSessionTitles()).toEqual(expected);
		}
		await this.check('builder after moving a session');
	}

	/** A control inside `scope` by its label, as `field` finds one on the whole page. */
	private labelledIn(scope: Locator, labelKey: string): Locator {
		const label = escape(this.t(labelKey));
		const required = escape(this.t('ui_required'));
		return scope.getByLabel(new RegExp(`^\\s*${label}(\\s*${required})?\\s*$`));
	}

	/** In the builder, the list entry of the session titled `title` (its heading, tools and forms). */
	builderSession(title: string): Locator {
		return this.page
			.getByRole('region', { name: exactly(this.t('prog_sessions_heading')) })
			.getByRole('listitem')
			.filter({ has: this.page.getByRole('heading', { level: 3, name: exactly(title) }) });
	}

	/**
	 * In the builder: opens "Edit this session" under the session titled `title`, fills the
	 * given fields (found by their labels), saves, and waits for the new version's notice and
	 * the saved values. Works with and without JavaScript (the disclosure is a native
	 * <details>; the form posts and comes back with a 303 either way).
	 */
	async editSession(title: string, fields: SessionFields): Promise<void> {
		const id = programIdOf(this.page.url());
		expect(new URL(this.page.url()).pathname).toBe(this.href(`/programs/${id}/edit`));
		const session = this.builderSession(title);
		await poll(() => session.count()).toBe(1);
		await session.getByText(exactly(this.t('prog_edit_session'))).click();
		const save = exactly(this.t('prog_save_session'));
		// The open disclosure holding the session's own form (items and adders have forms of their own).
		const form = session.getByRole('group').filter({ has: this.page.getByRole('button', { name: save }) });
		const given = Object.entries(fields) as [keyof SessionFields, SessionFields[keyof SessionFields]][];
		for (const [name, value] of given) {
			if (value !== undefined) await this.labelledIn(form, SESSION_LABELS[name]).fill(fieldText(value));
		}
		const before = new URL(this.page.url()).searchParams.get('version');
		await this.submit(
			form.getByRole('button', { name: save }),
			(url) =>
				url.pathname === this.href(`/programs/${id}/edit`) &&
				url.searchParams.get('notice') === 'saved' &&
				url.searchParams.get('version') !== before
		);
		const version = Number(new URL(this.page.url()).searchParams.get('version'));
		await poll(() => this.page.getByText(this.t('prog_notice_saved', { number: version })).count()).toBe(1);
		// The page now shows what was saved (the session by its new title if it has one).
		const saved = this.builderSession(fields.title ?? title);
		await poll(() => saved.count()).toBe(1);
		const savedForm = saved
			.getByRole('group', { includeHidden: true })
			.filter({ has: this.page.getByRole('button', { name: save, includeHidden: true }) });
		for (const [name, value] of given) {
			if (value === undefined) continue;
			const field = this.labelledIn(savedForm, SESSION_LABELS[name]);
			await poll(() => field.inputValue()).toBe(fieldText(value));
		}
		await this.check('builder after editing a session');
	}

	async setLayout(layout: 'sequence' | 'circle'): Promise<void> {
		const section = this.page.getByRole('region', { name: exactly(this.t('prog_layout_heading')) });
		await section.getByRole('radio', { name: exactly(this.t(`program_layout_${layout}`)) }).check();
		await this.submit(
			section.getByRole('button', { name: exactly(this.t('prog_save_layout')) }),
			(url) => url.searchParams.get('notice') === 'saved'
		);
		await poll(() =>
			this.page
				.getByRole('region', { name: exactly(this.t('prog_layout_heading')) })
				.getByRole('radio', { name: exactly(this.t(`program_layout_${layout}`)) })
				.isChecked()
		).toBe(true);
		await this.check(`builder after switching to ${layout}`);
	}

	/** Makes the program unlisted and returns the link shown to copy. */
	async shareUnlisted(): Promise<string> {
		const section = this.page.getByRole('region', { name: exactly(this.t('prog_sharing_heading')) });
		await section.getByRole('radio', { name: exactly(this.t('program_visibility_unlisted')) }).check();
		await this.submit(
			section.getByRole('button', { name: exactly(this.t('prog_save_visibility')) }),
			(url) => url.searchParams.get('notice') === 'visibility'
		);
		await this.check('builder after sharing');
		const link = this.page
			.getByRole('region', { name: exactly(this.t('prog_sharing_heading')) })
			.getByLabel(exactly(this.t('prog_share_link')));
		await poll(() => link.count()).toBe(1);
		return link.inputValue();
	}

	/** From the builder: back to the program page. */
	async viewProgram(): Promise<void> {
		const id = programIdOf(this.page.url());
		await this.submit(
			this.page.getByRole('link', { name: exactly(this.t('prog_view_link')) }),
			(url) => url.pathname === this.href(`/programs/${id}`)
		);
		await this.check('program page');
	}
}

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
