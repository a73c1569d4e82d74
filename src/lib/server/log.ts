/**
 * A tiny logger. It never prints request bodies, cookies, addresses or handles:
 * only what happened and, for errors, the error's own message and stack.
 */
import { config } from './config';

function enabled(level: 'error' | 'info'): boolean {
	const l = config().logLevel;
	return l === 'info' || (l === 'error' && level === 'error');
}

export const log = {
	info(scope: string, message: string): void {
		if (enabled('info')) console.log(`[${scope}] ${message}`);
	},
	error(scope: string, err: unknown): void {
		if (!enabled('error')) return;
		const e = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
		console.error(`[${scope}] ${e}`);
	}
};
