// The browser's catalogue comes in parts (areas.ts). A page on a core route gets only the
// core part, so every key the core routes and the UI kit use must be in it; and no page
// may need a message the browser never receives (server-only families).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import { CORE_ROUTES, areaOfKey, areasFor } from './areas';

const root = path.resolve(import.meta.dirname, '../../..');
const keys = Object.keys(en);

function filesUnder(rel: string): string[] {
	const full = path.join(root, rel);
	if (!fs.existsSync(full)) return [];
	if (fs.statSync(full).isFile()) return [full];
	return fs
		.readdirSync(full, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts'))
		.map((e) => path.join(e.parentPath, e.name));
}

/** Keys a source file names: quoted whole, or as the fixed start of a template (`read_type_${t}`). */
function keysUsedIn(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const used = keys.filter((k) => new RegExp(`[\`'"]${k}[\`'"]`).test(text));
	for (const m of text.matchAll(/[`'"]([a-z][a-z0-9_]*_)\$\{/g)) {
		used.push(...keys.filter((k) => k.startsWith(m[1] as string)));
	}
	return used;
}

/** The files a core route renders: its own folder's page files (not sub-routes), plus the shell. */
function coreFiles(): string[] {
	const shell = [
		'src/routes/+layout.svelte',
		'src/routes/+layout.server.ts',
		'src/routes/+error.svelte',
		'src/lib/ui'
	];
	const routes = [...CORE_ROUTES].flatMap((id) => {
		const dir = path.join(root, 'src/routes', id);
		return fs
			.readdirSync(dir)
			.filter((f) => f.startsWith('+'))
			.map((f) => path.join(dir, f));
	});
	return [...shell.flatMap(filesUnder), ...routes];
}

describe('catalogue areas', () => {
	it('core routes get the core part only; every other route (and the error page) gets both', () => {
		expect(areasFor('/')).toEqual(['core']);
		expect(areasFor('/resources/[id]')).toEqual(['core', 'more']);
		expect(areasFor(null)).toEqual(['core', 'more']);
	});

	it('every key the core routes and the UI kit use is in the core part', () => {
		const missing = new Set<string>();
		for (const file of coreFiles()) {
			for (const k of keysUsedIn(file)) {
				if (areaOfKey(k) !== 'core') missing.add(`${path.relative(root, file)}: ${k}`);
			}
		}
		expect([...missing]).toEqual([]);
	});

	it('no page or browser module uses a server-only message', () => {
		const browserSide = [
			...filesUnder('src/routes').filter((f) => !f.includes(`${path.sep}api${path.sep}`)),
			...filesUnder('src/lib').filter((f) => !f.includes(`${path.sep}server${path.sep}`))
		];
		const found = browserSide.flatMap((f) =>
			keysUsedIn(f)
				.filter((k) => areaOfKey(k) === 'server')
				.map((k) => `${path.relative(root, f)}: ${k}`)
		);
		expect(found).toEqual([]);
	});

	it('the core part stays small (the first visit’s data budget depends on it)', () => {
		const core = Object.fromEntries(Object.entries(en).filter(([k]) => areaOfKey(k) === 'core'));
		expect(JSON.stringify(core).length).toBeLessThan(25_000);
	});
});
