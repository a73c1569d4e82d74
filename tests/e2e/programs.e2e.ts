/**
 * The program builder (issue 5, "Done means"), in Chromium on the seeded demo library, with
 * two people: the first searches, adds three resources to a new program in two sessions,
 * reorders the sessions by keyboard (with the move buttons when JavaScript is off),
 * switches to the circle layout, and shares an unlisted link. The second opens the link
 * (first signed out, then signed up), remixes the program and renames a session of the
 * remix in its builder; the first edits another field of that session in the original's
 * builder; the second takes the change from the remix's upstream page and the remix keeps
 * both. Every page is checked (axe, lang/dir, one h1) in the test's language, the upstream
 * page in the other one too, and no request may leave for another origin.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { unique } from './support/http';
import { ProgramReader } from './support/program-outputs';
import { ProgramAuthor } from './support/programs';
import { Visitor } from './support/roles';

const PASSPHRASE = 'the river remembers every stone';
/** Seeded demo resources (content/demo), found by words from their titles. */
const MAP_WALK = 'Community map walk';
const RIVER = 'River of life: the paths that brought us here';
const POWER = 'Power mapping worksheet';

describeInBrowser('program builder', () => {
	const browser = useBrowser();

	for (const [locale, scripted] of [
		['en', true],
		['ar', false]
	] as const) {
		it(`search → three resources in two sessions of a new program → reorder → circle → unlisted link → remix, edit, edit upstream, take it (${locale}, JavaScript ${scripted ? 'on' : 'off'})`, async () => {
			const { page } = await browser.open({ javaScriptEnabled: scripted });
			const visitor = new Visitor(page);
			await visitor.home(locale);
			const handle = unique('builder');
			await visitor.signUp(handle, PASSPHRASE);
			const author = new ProgramAuthor(page, handle);
			// The account's language is the one it signed up in; stay in it.
			if (author.locale !== locale) await author.switchLanguage(locale);

			const title = unique('Neighbourhood circle ');
			const first = author.t('prog_session_default', { number: 1 });
			const second = author.t('prog_session_default', { number: 2 });
			const id = await author.addFromSearch('map walk', MAP_WALK, {
				newProgram: { title },
				session: first
			});
			expect(await author.sessionTitles()).toEqual([first]);
			await author.addFromSearch('river of life', RIVER, { program: id, session: first }, 'latest');
			await author.addFromSearch('power mapping', POWER, { program: id, newSession: second });
			expect(await author.sessionTitles()).toEqual([first, second]);
			expect(await author.itemTitles(first)).toEqual([MAP_WALK, RIVER]);
			expect(await author.itemTitles(second)).toEqual([POWER]);
			// The page says which resource is pinned and which follows the latest.
			await poll(() => page.getByText(author.t('prog_follows_latest', { number: 1 })).count()).toBe(1);

			await author.openBuilder();
			await author.moveSession(second, 'up');
			expect(await author.builderSessionTitles()).toEqual([second, first]);
			await author.setLayout('circle');
			const link = await author.shareUnlisted();
			expect(new URL(link).pathname).toBe(author.href(`/programs/${id}`));

			await author.viewProgram();
			expect(await author.sessionTitles()).toEqual([second, first]);
			// The circle is drawn for sighted readers and hidden from screen readers, who get the list.
			expect(await page.locator('svg.session-circle').getAttribute('aria-hidden')).toBe('true');
			expect(await page.locator('svg.session-circle circle.node').count()).toBe(2);
			await poll(() => page.getByText(author.t('prog_circle_intro')).count()).toBe(1);

			// Someone who is not signed in opens the unlisted link.
			const other = await browser.open({ javaScriptEnabled: scripted });
			const reader = new Visitor(other.page);
			const response = await other.page.goto(link);
			expect(response?.status()).toBe(200);
			await reader.check('unlisted program, not signed in');
			await poll(() => reader.heading(title).count()).toBe(1);

			// The reader signs up, opens the link again and remixes the program.
			const remixerHandle = unique('remixer');
			await reader.signUp(remixerHandle, PASSPHRASE);
			const remixer = new ProgramReader(other.page, remixerHandle);
			expect(remixer.locale).toBe(locale);
			await other.page.goto(link);
			await remixer.check('unlisted program, signed in');
			const fork = await remixer.remix(id, unique('Our neighbourhood circle '));
			await remixer.check('the remix');

			// In the remix's builder, the remixer renames a session.
			const remixAuthor = new ProgramAuthor(other.page, remixerHandle);
			const renamed = unique('Walking our own streets ');
			await remixAuthor.openBuilder();
			await remixAuthor.editSession(first, { title: renamed });

			// In the original's builder, the first author changes another field of that session.
			const objectives = unique('Everyone names one place that matters to them ');
			await author.openBuilder();
			await author.editSession(first, { objectives });

			// The remix's upstream page shows the change (in both languages); the remixer takes it.
			const elsewhere = locale === 'en' ? 'ar' : 'en';
			await remixer.openOutput(fork, 'upstream');
			await poll(() => remixer.upstreamSession(first).getByText(objectives).count()).toBeGreaterThan(0);
			await remixer.visit(`/programs/${fork}/upstream`, 'upstream', elsewhere);
			await remixer.visit(`/programs/${fork}/upstream`, 'upstream', locale);
			await remixer.takeSession(first);
			await poll(() => other.page.getByText(remixer.t('prog_out_taken', { count: 1 })).count()).toBe(1);
			await poll(() => other.page.getByText(remixer.t('prog_out_upstream_none')).count()).toBe(1);

			// The remix has its own title for the session and the original's objectives.
			await remixAuthor.openProgram(fork);
			expect(await remixAuthor.sessionTitles()).toEqual([second, renamed]);
			// (A session's article is named by its number and title; `renamed` has no RegExp specials.)
			const session = remixAuthor.sessionsSection.getByRole('article', { name: new RegExp(`${renamed}$`) });
			await poll(() => session.getByText(objectives).count()).toBe(1);
			// The original keeps its own title.
			await author.openProgram(id);
			expect(await author.sessionTitles()).toEqual([second, first]);
		}, 240_000);
	}
});
