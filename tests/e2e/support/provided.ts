/**
 * What global-setup.ts hands to the e2e tests (vitest provide/inject), typed once.
 * Tests call `baseURL()`, `browserPath()` and `adminCredentials()` from here.
 */
import { inject, type ProvidedContext } from 'vitest';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The running app, e.g. http://127.0.0.1:41234 (no trailing slash). */
		baseURL: string;
		/** Chromium's executable, or '' when none is installed (browser tests then skip). */
		browserPath: string;
		/** The instance administrator made with `circles admin create`, or null if that failed. */
		admin: { handle: string; passphrase: string } | null;
	}
}

export type Provided = Pick<ProvidedContext, 'baseURL' | 'browserPath' | 'admin'>;

export function baseURL(): string {
	return inject('baseURL');
}

export function browserPath(): string {
	return inject('browserPath');
}

export function adminCredentials(): Provided['admin'] {
	return inject('admin');
}
