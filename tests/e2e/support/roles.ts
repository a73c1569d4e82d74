/**
 * Page models by role (STYLE.md): what a Visitor, a Member, a Curator and the
 * instance Admin can do, written as the person would do it: through labelled
 * fields, named buttons and links, in whatever language the page is in. Every
 * locator's text comes from messages/*.json through `t`, never from the test.
 *
 * Every navigation and every submit ends with checkPage(): <html lang dir> right,
 * a title, one h1, and zero axe violations. A test cannot visit a page unchecked.
 *
 * The models work with JavaScript on (enhanced forms, client-side navigation) and
 * off (plain posts and 303 redirects): they wait for the resulting URL and the
 * next page's own heading, which both paths produce.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { isScriptless } from './axe';
import { checkPage, poll } from './checks';
import { localeInfo, localeOfPath, localizeHref, t as translate, type Locale } from './messages';

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An exact accessible name, as a regular expression (getByRole's `exact` trims but does not anchor regexes). */
export function exactly(text: string): RegExp {
	return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

export class Visitor {
	constructor(readonly page: Page) {}

	/** The language of the page the visitor is on, read from its URL. */
	get locale(): Locale {
		return localeOfPath(new URL(this.page.url()).pathname);
	}

	/** UI text in the current page's language. */
	t(key: string, params?: Record<string, string | number>): string {
		return translate(this.locale, key, params);
	}

	/** A form control by its visible label; TextField appends "(required)" to required ones. */
	field(labelKey: string, params?: Record<string, string | number>): Locator {
		const label = escapeRegExp(this.t(labelKey, params));
		const required = escapeRegExp(this.t('ui_required'));
		return this.page.getByLabel(new RegExp(`^\\s*${label}(\\s*${required})?\\s*$`));
	}

	button(key: string, params?: Record<string, string | number>): Locator {
		return this.page.getByRole('button', { name: exactly(this.t(key, params)) });
	}

	heading(text: string, level = 1): Locator {
		return this.page.getByRole('heading', { level, name: exactly(text) });
	}

	/** The header's main navigation. */
	get mainNav(): Locator {
		return this.page.getByRole('navigation', { name: exactly(this.t('nav_main')) });
	}

	/** The URL of a router path in the current language (or in `locale`). */
	href(path: string, locale: Locale = this.locale): string {
		return localizeHref(path, locale);
	}

	/** Checks the page the visitor is on (see checks.ts); `label` names it in failures. */
	async check(label: string): Promise<void> {
		await checkPage(this.page, `${label} [${this.locale}]`);
	}

	/** Opens a router path in `locale` (default: the current page's language) and checks it. */
	async visit(path: string, label: string = path, locale: Locale = this.locale): Promise<void> {
		const response = await this.page.goto(this.href(path, locale));
		expect(response?.status(), `status of ${this.href(path, locale)}`).toBeLessThan(400);
		await this.check(label);
	}

	async home(locale: Locale = this.locale): Promise<void> {
		await this.visit('/', 'home', locale);
		await poll(() => this.heading(this.t('home_title')).count()).toBe(1);
	}

	/**
	 * Clicks `button` and waits until the URL satisfies `arrived`: a 303 after a plain
	 * post and SvelteKit's client-side goto after an enhanced one both end there.
	 */
	protected async submit(button: Locator, arrived: (url: URL) => boolean): Promise<void> {
		await Promise.all([this.page.waitForURL(arrived), button.click()]);
		await this.page.waitForLoadState('load');
	}

	/**
	 * The language switcher: follows the link named in `locale`'s own language and
	 * expects the same page in that language (`/ar/…` for Arabic).
	 */
	async switchLanguage(locale: Locale): Promise<void> {
		const before = new URL(this.page.url());
		const path = before.pathname.replace(/^\/(ar|fr)(?=\/|$)/, '') || '/';
		const expected = localizeHref(path, locale);
		const switcher = this.page.getByRole('navigation', { name: exactly(this.t('language_switcher_label')) });
		const link = switcher.getByRole('link', { name: exactly(localeInfo[locale].autonym) });
		await this.submit(link, (url) => url.pathname === expected && url.search === before.search);
		await this.check(`language switched to ${locale} (${path})`);
	}

	async signUp(handle: string, passphrase: string): Promise<Member> {
		await this.visit('/signup', 'sign up');
		await this.field('account_field_handle').fill(handle);
		await this.field('account_field_passphrase').fill(passphrase);
		await this.field('account_field_passphrase_confirm').fill(passphrase);
		const home = this.href('/');
		await this.submit(this.button('account_signup_submit'), (url) => url.pathname === home);
		const member = new Member(this.page, handle);
		await member.expectSignedIn();
		await member.check('home after sign up');
		return member;
	}

	/** Logs in; the app then opens the home page in the account's own language. */
	async logIn(handle: string, passphrase: string): Promise<Member> {
		await this.visit('/login', 'log in');
		await this.field('account_field_handle').fill(handle);
		await this.field('account_field_passphrase').fill(passphrase);
		await this.submit(this.button('account_login_submit'), (url) => !/\/login$/.test(url.pathname));
		const member = new Member(this.page, handle);
		await member.expectSignedIn();
		await member.check('home after log in');
		return member;
	}

	/** Submits the log-in form and expects to stay on it with the error summary. */
	async logInFails(handle: string, passphrase: string): Promise<void> {
		await this.visit('/login', 'log in');
		await this.field('account_field_handle').fill(handle);
		await this.field('account_field_passphrase').fill(passphrase);
		await this.button('account_login_submit').click();
		await poll(() => this.page.getByText(this.t('account_login_failed')).first().isVisible()).toBe(true);
		await this.check('log in failed');
	}

	async expectSignedOut(): Promise<void> {
		await poll(() => this.mainNav.getByRole('link', { name: exactly(this.t('nav_login')) }).count()).toBe(1);
		expect(await this.mainNav.getByRole('button', { name: exactly(this.t('nav_logout')) }).count()).toBe(0);
	}
}

export class Member extends Visitor {
	constructor(
		page: Page,
		readonly handle: string
	) {
		super(page);
	}

	async expectSignedIn(): Promise<void> {
		await poll(() => this.mainNav.getByRole('button', { name: exactly(this.t('nav_logout')) }).count()).toBe(
			1
		);
	}

	/** Whether the page runs scripts (the context was not opened with javaScriptEnabled: false). */
	get scripted(): boolean {
		return !isScriptless(this.page);
	}

	/** Logs out from the /logout page (its own form) rather than the header. */
	async logOutFromPage(): Promise<Visitor> {
		await this.visit('/logout', 'log out');
		const home = this.href('/');
		const main = this.page.getByRole('main');
		await this.submit(
			main.getByRole('button', { name: exactly(this.t('account_logout_submit')) }),
			(url) => url.pathname === home
		);
		const visitor = new Visitor(this.page);
		await visitor.expectSignedOut();
		await visitor.check('home after log out from the page');
		return visitor;
	}

	async changePassphrase(current: string, next: string): Promise<void> {
		await this.visit('/account/passphrase', 'change passphrase');
		await this.field('account_field_current_passphrase').fill(current);
		await this.field('account_field_new_passphrase').fill(next);
		await this.field('account_field_new_passphrase_confirm').fill(next);
		const account = this.href('/account');
		await this.submit(this.button('account_passphrase_submit'), (url) => url.pathname === account);
		await poll(() => this.page.getByText(this.t('account_passphrase_changed')).count()).toBe(1);
		await this.check('account after changing the passphrase');
	}

	/** Deletes the account (confirmed with the passphrase) and lands on the goodbye page. */
	async deleteAccount(passphrase: string): Promise<Visitor> {
		await this.visit('/account', 'account');
		await this.submit(
			this.page.getByRole('link', { name: exactly(this.t('account_delete_link')) }),
			(url) => url.pathname === this.href('/account/delete')
		);
		await this.check('delete account');
		await this.field('account_delete_passphrase').fill(passphrase);
		const deleted = this.href('/account/deleted');
		await this.submit(this.button('account_delete_submit'), (url) => url.pathname === deleted);
		await poll(() => this.heading(this.t('account_deleted_title')).count()).toBe(1);
		const visitor = new Visitor(this.page);
		await visitor.expectSignedOut();
		await visitor.check('account deleted');
		return visitor;
	}

	/**
	 * Leaves the library whose page is open. The confirmation is a modal dialog when
	 * scripts run, and an ordinary section of the page (reached by a link) when not.
	 */
	async leaveLibrary(): Promise<void> {
		const path = new URL(this.page.url()).pathname;
		const trigger = this.scripted
			? this.page.getByRole('button', { name: exactly(this.t('library_leave_submit')) })
			: this.page.getByRole('link', { name: exactly(this.t('library_leave_submit')) });
		await trigger.click();
		if (this.scripted) {
			const dialog = this.page.getByRole('dialog', { name: exactly(this.t('library_leave_confirm_title')) });
			await dialog.waitFor({ state: 'visible' });
			await this.check('leave dialog open');
		}
		await this.submit(
			this.page.getByRole('button', { name: exactly(this.t('library_leave_confirm')) }),
			(url) => url.pathname === path && url.searchParams.get('notice') === 'left'
		);
		await poll(() => this.memberHandles()).not.toContain(this.handle);
		await this.check('library after leaving');
	}

	/** The header's "Log out" button: a plain POST to /logout, then the home page. */
	async logOut(): Promise<Visitor> {
		const home = this.href('/');
		await this.submit(
			this.mainNav.getByRole('button', { name: exactly(this.t('nav_logout')) }),
			(url) => url.pathname === home
		);
		const visitor = new Visitor(this.page);
		await visitor.expectSignedOut();
		await visitor.check('home after log out');
		return visitor;
	}

	/** Creates a library through /libraries/new; its creator is its first curator. */
	async createLibrary(name: string, description = ''): Promise<Curator> {
		await this.visit('/libraries', 'libraries');
		await this.submit(
			this.page.getByRole('link', { name: exactly(this.t('library_create_link')) }),
			(url) => url.pathname === this.href('/libraries/new')
		);
		await this.check('new library');
		await this.field('library_field_name').fill(name);
		if (description) await this.field('library_field_description').fill(description);
		const prefix = this.href('/libraries/');
		await this.submit(
			this.button('library_create_submit'),
			(url) => url.pathname.startsWith(prefix) && url.searchParams.get('notice') === 'created'
		);
		const slug = decodeURIComponent(new URL(this.page.url()).pathname.slice(prefix.length));
		const curator = new Curator(this.page, this.handle, slug);
		await poll(() => this.heading(name).count()).toBe(1);
		await poll(() => this.page.getByText(this.t('library_notice_created')).count()).toBe(1);
		await curator.check(`library ${slug} just created`);
		return curator;
	}

	async openLibrary(slug: string): Promise<void> {
		await this.visit(`/libraries/${encodeURIComponent(slug)}`, `library ${slug}`);
	}

	/** The handles listed under the library page's "Members" heading. */
	async memberHandles(): Promise<string[]> {
		const section = this.page.getByRole('region', { name: exactly(this.t('library_members_heading')) });
		return (await section.locator('.members bdi').allInnerTexts()).map((s) => s.trim());
	}
}

export class Curator extends Member {
	constructor(
		page: Page,
		handle: string,
		readonly slug: string
	) {
		super(page, handle);
	}

	/** Adds an existing account to the library (from the library's page) as `role`. */
	async inviteMember(handle: string, role: 'curator' | 'contributor'): Promise<void> {
		const path = this.href(`/libraries/${this.slug}`);
		if (new URL(this.page.url()).pathname !== path) await this.openLibrary(this.slug);
		const form = this.page.getByRole('region', { name: exactly(this.t('library_add_member_heading')) });
		await form.getByLabel(new RegExp(`^\\s*${escapeRegExp(this.t('library_field_handle'))}`)).fill(handle);
		await form
			.getByLabel(exactly(this.t('library_field_role')))
			.selectOption(role === 'curator' ? 'curator' : 'contributor');
		await this.submit(
			form.getByRole('button', { name: exactly(this.t('library_add_member_submit')) }),
			(url) => url.pathname === path && url.searchParams.get('notice') === 'member_added'
		);
		await poll(() => this.page.getByText(this.t('library_notice_member_added')).count()).toBe(1);
		await poll(() => this.memberHandles()).toContain(handle);
		await this.check(`library ${this.slug} after adding a member`);
	}

	/**
	 * Removes a member from the library whose page is open. With scripts, "Remove"
	 * opens a modal dialog; without, it is a link to the page with the confirmation
	 * rendered in place. Both end with the same confirm button and a 303.
	 */
	async removeMember(handle: string): Promise<void> {
		const path = this.href(`/libraries/${this.slug}`);
		const name = exactly(this.t('library_remove_of', { handle }));
		if (this.scripted) {
			await this.page.getByRole('button', { name }).click();
			const dialog = this.page.getByRole('dialog', {
				name: exactly(this.t('library_remove_confirm_title', { handle }))
			});
			await dialog.waitFor({ state: 'visible' });
			await this.check('remove dialog open');
		} else {
			await this.submit(
				this.page.getByRole('link', { name }),
				(url) => url.pathname === path && url.searchParams.get('remove') === handle
			);
			await this.check('remove confirmation without JavaScript');
		}
		await this.submit(
			this.page.getByRole('button', { name: exactly(this.t('library_remove_confirm', { handle })) }),
			(url) => url.pathname === path && url.searchParams.get('notice') === 'member_removed'
		);
		await poll(() => this.memberHandles()).not.toContain(handle);
		await this.check(`library ${this.slug} after removing a member`);
	}
}

export class Admin extends Member {
	async openAdministration(): Promise<void> {
		await this.visit('/admin', 'administration');
		await poll(() => this.heading(this.t('library_admin_title')).count()).toBe(1);
	}

	/** Suspends a library from /admin with a public reason. */
	async suspendLibrary(name: string, reason: string): Promise<void> {
		await this.openAdministration();
		const field = this.field('library_field_reason', { name });
		await field.fill(reason);
		const card = this.page.getByRole('listitem').filter({ has: field });
		await this.submit(
			card.getByRole('button', { name: exactly(this.t('library_suspend_submit')) }),
			(url) => url.searchParams.get('notice') === 'suspended'
		);
		await this.check('administration after suspending');
	}
}
