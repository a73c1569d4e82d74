import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { areaOfKey } from './src/lib/i18n/areas';

/**
 * `virtual:circles-messages/<locale>/<area>`: the part of messages/<locale>.json that a
 * route's browser needs (src/lib/i18n/areas.ts), as JSON.parse of a string (smaller and
 * faster to parse than an object literal with one export per message).
 */
function circlesMessages(): Plugin {
	const PREFIX = 'virtual:circles-messages/';
	return {
		name: 'circles-messages',
		resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : undefined),
		load(id) {
			if (!id.startsWith(`\0${PREFIX}`)) return undefined;
			const [locale = '', area = ''] = id.slice(PREFIX.length + 1).split('/');
			if (!/^[a-z]{2}$/.test(locale) || !['core', 'more'].includes(area)) return undefined;
			const file = path.resolve('messages', `${locale}.json`);
			this.addWatchFile(file);
			const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
			const part = Object.fromEntries(Object.entries(all).filter(([k]) => areaOfKey(k) === area));
			return `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});`;
		}
	};
}

export default defineConfig({
	plugins: [circlesMessages(), sveltekit()],
	test: {
		reporters: ['default', './tests/summary-reporter.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.store.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'store',
					include: ['src/**/*.store.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.e2e.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 180_000,
					fileParallelism: false,
					globalSetup: ['tests/e2e/global-setup.ts']
				}
			}
		]
	}
});
