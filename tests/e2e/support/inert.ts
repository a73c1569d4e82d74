/**
 * Whether a page that shows stored hostile text (../shared/fixtures/hostile-input/xss.txt)
 * kept it inert: no payload ran and none planted markup. Shared by the XSS tests of every
 * feature that shows what people typed.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * What a payload could have planted if it were parsed as HTML instead of shown as
 * text. Every payload in the file names `__pwned` or example.org, so an attribute
 * or script carrying either is planted; so is any event-handler attribute, any
 * script-bearing URL, and any element the app itself never renders.
 */
async function plantedMarkup(page: Page, markdownIn: string | null): Promise<string[]> {
	return page.evaluate((markdownSelector) => {
		// Rendered Markdown may link to any web address (the author's right, as in
		// [text](https://example.org)); such a link is safe when it is plain http(s),
		// opens in the same tab and tells the target nothing (rel noopener noreferrer).
		const safeMarkdownLink = (el: Element) =>
			markdownSelector !== null &&
			el.localName === 'a' &&
			el.closest(markdownSelector) !== null &&
			/^https?:\/\//i.test(el.getAttribute('href') ?? '') &&
			!el.hasAttribute('target') &&
			/\bnoopener\b/.test(el.getAttribute('rel') ?? '') &&
			/\bnoreferrer\b/.test(el.getAttribute('rel') ?? '') &&
			Array.from(el.attributes).every((a) => ['href', 'rel'].includes(a.name));
		const found: string[] = [];
		const foreign = [
			'iframe',
			'object',
			'embed',
			'base',
			'marquee',
			'xss',
			'isindex',
			'animate',
			'set',
			'mglyph'
		];
		for (const el of Array.from(document.querySelectorAll('body *'))) {
			if (safeMarkdownLink(el)) continue;
			const tag = el.localName;
			if (foreign.includes(tag)) found.push(`<${tag}>`);
			// SvelteKit's own inline script carries the page data (payloads escaped as JS strings);
			// a payload that broke out of it would be a script of its own.
			const code = el.textContent ?? '';
			// JSON-LD is data the browser never runs; it carries titles as JSON strings. It is
			// planted only if it does not parse (a payload broke out of the string).
			const isData =
				tag === 'script' &&
				el.getAttribute('type') === 'application/ld+json' &&
				(() => {
					try {
						JSON.parse(code);
						return true;
					} catch {
						return false;
					}
				})();
			if (tag === 'script' && /__pwned/.test(code) && !code.includes('__sveltekit') && !isData)
				found.push(`<script>${code.slice(0, 80)}</script>`);
			for (const attr of Array.from(el.attributes)) {
				const name = attr.name.toLowerCase();
				// Browsers drop tabs, newlines and other controls inside URL schemes; so does this check.
				const squeezed = Array.from(attr.value)
					.filter((c) => c.charCodeAt(0) > 0x20)
					.join('')
					.toLowerCase();
				if (
					name.startsWith('on') ||
					/__pwned|example\.org/.test(attr.value) ||
					/^(javascript|vbscript|data:text\/html)/.test(squeezed)
				) {
					found.push(`<${tag} ${name}="${attr.value}">`);
				}
			}
		}
		return found;
	}, markdownIn);
}

/**
 * `markdownIn`: a selector for rendered Markdown on the page (a resource body), where plain
 * http(s) links written by the author are content, not planted markup.
 */
export async function expectInert(
	page: Page,
	where: string,
	markdownIn: string | null = null
): Promise<void> {
	// Give onerror/onload/animation payloads time to fire if they were live.
	await page.waitForTimeout(50);
	expect(
		await page.evaluate(() => (window as { __pwned?: unknown }).__pwned),
		`window.__pwned on ${where}`
	).toBeUndefined();
	expect(await plantedMarkup(page, markdownIn), `markup planted on ${where}`).toEqual([]);
}
