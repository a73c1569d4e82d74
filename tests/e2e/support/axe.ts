/**
 * Accessibility: axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, run on every
 * page the page models visit. A violation fails the test with what to fix: the
 * rule id, the elements (CSS targets) and axe's help text and link.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Pages of contexts opened with javaScriptEnabled: false. Chromium stops timers
 * when scripts are disabled, so axe (which needs them) never finishes there; such
 * pages are audited from a snapshot instead (see auditSnapshot).
 */
const scriptless = new WeakSet<Page>();
export function markScriptless(page: Page): void {
	scriptless.add(page);
}
export function isScriptless(page: Page): boolean {
	return scriptless.has(page);
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeFinding {
	id: string;
	impact: string | null | undefined;
	help: string;
	helpUrl: string;
	targets: string[];
}

export async function axeFindings(page: Page): Promise<AxeFinding[]> {
	// Speed (axe runs after every navigation): only violations are serialised, and legacy
	// mode runs in the page instead of opening a blank page per run to merge frame results.
	// Circles pages have no iframes (CSP), so nothing is lost; together about 3x faster.
	const results = await new AxeBuilder({ page })
		.withTags(AXE_TAGS)
		.options({ resultTypes: ['violations'] })
		.setLegacyMode(true)
		.analyze();
	return results.violations.map((v) => ({
		id: v.id,
		impact: v.impact,
		help: v.help,
		helpUrl: v.helpUrl,
		targets: v.nodes.map((n) => n.target.map(String).join(' >> '))
	}));
}

export function formatFindings(findings: AxeFinding[]): string {
	return findings
		.map(
			(f) =>
				`  - ${f.id} (${f.impact ?? 'n/a'}): ${f.help}\n    ${f.helpUrl}\n    at ${f.targets.join('\n       ')}`
		)
		.join('\n');
}

/**
 * Audits what a JavaScript-less browser shows: the page's current HTML with its
 * scripts removed and its <noscript> content unwrapped, served at the same URL (so
 * styles and relative links resolve the same) in a throwaway scripted context.
 */
async function auditSnapshot(page: Page): Promise<AxeFinding[]> {
	const browser = page.context().browser();
	if (!browser) throw new Error('cannot audit a page without its browser');
	const html = (await page.content())
		.replace(/<script\b[\s\S]*?<\/script>/gi, '')
		.replace(/<\/?noscript\b[^>]*>/gi, '');
	const url = page.url();
	let context = auditors.get(browser);
	if (!context) {
		context = await browser.newContext();
		auditors.set(browser, context);
	}
	const auditor = await context.newPage();
	try {
		await auditor.setViewportSize(page.viewportSize() ?? { width: 1280, height: 720 });
		await auditor.route(url, (route) =>
			route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
		);
		await auditor.goto(url);
		return await axeFindings(auditor);
	} finally {
		await auditor.close();
	}
}
/** One scripted context per browser for snapshot audits (closed with the browser). */
const auditors = new WeakMap<Browser, BrowserContext>();

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
	const findings = scriptless.has(page) ? await auditSnapshot(page) : await axeFindings(page);
	if (findings.length > 0) {
		throw new Error(
			`axe: ${findings.length} violation(s) on ${label} (${page.url()}):\n${formatFindings(findings)}`
		);
	}
}
