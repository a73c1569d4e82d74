/**
 * Watches a browser context for the two things no page may do: talk to another
 * origin (Circles makes no third-party requests, by design: its users may be at
 * risk) and throw an uncaught error. `verify()` fails the test with the evidence.
 */
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

export class RequestGuard {
	readonly requests: string[] = [];
	readonly foreign: string[] = [];

	constructor(private readonly origin: string) {}

	watch(context: BrowserContext): void {
		context.on('request', (request) => {
			const url = request.url();
			this.requests.push(url);
			if (!this.isOwn(url)) this.foreign.push(url);
		});
	}

	/** data: and blob: never leave the device; every network URL must be the app's own origin. */
	private isOwn(url: string): boolean {
		if (url.startsWith('data:') || url.startsWith('blob:')) return true;
		try {
			return new URL(url).origin === this.origin;
		} catch {
			return false;
		}
	}

	verify(): void {
		if (this.foreign.length > 0) {
			throw new Error(
				`requests to other origins than ${this.origin}:\n  ${[...new Set(this.foreign)].join('\n  ')}`
			);
		}
	}
}

export interface PageErrorOptions {
	/** The XSS tests expect the CSP to refuse things; everywhere else a CSP report is a bug. */
	allowCspViolations?: boolean;
}

export class PageErrors {
	readonly uncaught: string[] = [];
	readonly consoleErrors: string[] = [];
	readonly cspViolations: string[] = [];

	constructor(private readonly options: PageErrorOptions = {}) {}

	watch(page: Page): void {
		page.on('pageerror', (err) => this.uncaught.push(`${page.url()}: ${err.name}: ${err.message}`));
		page.on('console', (msg: ConsoleMessage) => {
			if (msg.type() !== 'error') return;
			const text = `${page.url()}: ${msg.text()}`;
			this.consoleErrors.push(text);
			if (/Content Security Policy/i.test(msg.text())) this.cspViolations.push(text);
		});
	}

	verify(): void {
		const problems = [...this.uncaught];
		if (!this.options.allowCspViolations) problems.push(...this.cspViolations);
		if (problems.length > 0) {
			throw new Error(`errors in the page:\n  ${problems.join('\n  ')}`);
		}
	}
}
