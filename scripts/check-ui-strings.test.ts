// The UI-strings check must catch text in any script and stay quiet on t() calls,
// punctuation, comments, styles and scripts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSvelteSource, checkTree } from './check-ui-strings.js';

const check = (source: string) => checkSvelteSource('x.svelte', source);

describe('check-ui-strings', () => {
	it('accepts translated text, punctuation, comments, scripts and styles', () => {
		const source = `<script lang="ts">const label = 'Not shown as text';</script>
<!-- Comments may say anything -->
<h1 title={t('home_title')}>{t('home_title')} · {count} …</h1>
<TextField name="handle" label={t('account_handle')} autocomplete="username" type="text" />
<a href="/libraries" class="button primary">{t('nav_libraries')}</a>
<style>p::before { content: 'decor'; }</style>`;
		expect(check(source)).toEqual([]);
	});

	it('finds template text in Latin and Arabic, inside blocks too', () => {
		const problems = check(`<p>Hello</p>
{#if ok}<span>مرحبا</span>{:else}{#each xs as x (x)}<li>Élément</li>{/each}{/if}
<svelte:head><title>Home</title></svelte:head>`);
		expect(problems).toEqual([
			'x.svelte:1: text "Hello"',
			'x.svelte:2: text "مرحبا"',
			'x.svelte:2: text "Élément"',
			'x.svelte:3: text "Home"'
		]);
	});

	it('finds literal text in the attributes people read, on elements and components', () => {
		const problems = check(`<img alt="A photo" src="/x.png" />
<button aria-label="Close">×</button>
<input placeholder={'Search'} />
<TextField name="n" label={\`Name \${x}\`} />
<Dialog id="d" title={open ? 'Open' : t('k')}>{@render x()}</Dialog>`);
		expect(problems).toEqual([
			'x.svelte:1: text in alt= "A photo"',
			'x.svelte:2: text in aria-label= "Close"',
			'x.svelte:3: literal in placeholder= "Search"',
			'x.svelte:4: literal in label= "Name"',
			'x.svelte:5: literal in title= "Open"'
		]);
	});

	it('finds string literals shown as text, but not function arguments', () => {
		expect(check(`<p>{ok ? 'Yes' : t('no')}</p><p>{t('only_a_key')}</p>`)).toEqual([
			'x.svelte:1: literal "Yes"'
		]);
	});

	it('reports files that do not parse', () => {
		expect(check('<p>{</p>')[0]).toMatch(/^x\.svelte: cannot parse/);
	});

	describe('on a tree', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-strings-'));
		afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

		it('walks nested folders and names the file', () => {
			fs.mkdirSync(path.join(root, 'src/routes/a'), { recursive: true });
			fs.writeFileSync(path.join(root, 'src/routes/a/+page.svelte'), '<h1>{t("k")}</h1>\n<p>Bonjour</p>');
			fs.writeFileSync(path.join(root, 'src/routes/ok.svelte'), '<p>{t("k")}</p>');
			expect(checkTree(root)).toEqual([`${path.join('src/routes/a/+page.svelte')}:2: text "Bonjour"`]);
		});
	});
});
