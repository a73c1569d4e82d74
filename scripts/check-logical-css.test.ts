// The logical-CSS check must catch every way a style can name a physical side,
// and leave logical properties and symmetric shorthands alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile, checkTree, physicalIn } from './check-logical-css.js';

describe('physicalIn', () => {
	it.each([
		'margin-left: 1rem;',
		'padding-right: 0;',
		'border-left: 1px solid;',
		'border-right-width: 2px;',
		'scroll-margin-left: 1rem;',
		'left: 0;',
		'right:0',
		'text-align: right;',
		'float: left;',
		'clear: right;',
		'border-top-left-radius: 4px;',
		'justify-content: left;',
		'background-position: right 1rem center;',
		'background: url(x.svg) no-repeat left center;',
		'transform-origin: top left;',
		'margin: 0 1rem 0 2rem;',
		'padding: 1px 2px 3px 4px !important;',
		'inset: 0 auto 0 0;',
		'border-radius: 4px 0 0 4px;',
		'border-radius: 4px 0;',
		'box-shadow: 2px 0 4px black;',
		'box-shadow: 0 0 1px red, inset -3px 0 0 blue;'
	])('flags %s', (line) => {
		expect(physicalIn(line)).not.toEqual([]);
	});

	it.each([
		'margin-inline-start: 1rem;',
		'inset-inline-end: 0;',
		'text-align: start;',
		'border-inline-start: 4px solid var(--danger);',
		'margin: 0 auto;',
		'padding: 1rem 2rem 1rem 2rem;',
		'padding: var(--a) var(--b) 0;',
		'margin: calc(1rem + 2px) 0 calc(1rem + 2px) 0;',
		'border-radius: 0.5rem;',
		'border-radius: 4px 4px 0 0;',
		'box-shadow: 0 1rem 3rem rgb(0 0 0 / 0.35);',
		'background: url(arrow-right.svg) no-repeat;',
		'transform: translateX(-200%);',
		'content: "copyright: 2024";'
	])('accepts %s', (line) => {
		expect(physicalIn(line)).toEqual([]);
	});
});

describe('checkFile', () => {
	it('looks at <style> blocks, style attributes and style: directives in Svelte', () => {
		const source = [
			'<script>el.style.marginLeft = "1px";</script>',
			'<p style="padding-left: 1rem">x</p>',
			'<p style:left={x} style:margin-inline-start={y}>x</p>',
			'<style>',
			'  p { margin-inline-start: 0; }',
			'  /* left: 0 in a comment is fine',
			'     right: 0 too */',
			'  .a { right: 0; }',
			'</style>'
		].join('\n');
		const lines = checkFile('C.svelte', source)
			.map((p) => p.split(':')[1])
			.sort();
		expect(lines).toEqual(['1', '2', '3', '8']);
	});

	it('ignores physical words outside styles in markup', () => {
		expect(checkFile('C.svelte', '<p>Turn left: then right</p>')).toEqual([]);
	});

	it('checks inline style writes in scripts', () => {
		expect(checkFile('a.ts', "el.style.setProperty('right', '0');")).toHaveLength(1);
		expect(checkFile('a.ts', 'const right = 1; el.style.insetInlineEnd = "0";')).toEqual([]);
	});
});

describe('checkTree', () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'logical-css-'));
	afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

	it('reports file and line across src and static', () => {
		fs.mkdirSync(path.join(root, 'src/lib'), { recursive: true });
		fs.mkdirSync(path.join(root, 'static'), { recursive: true });
		fs.writeFileSync(path.join(root, 'src/app.css'), 'a {\n  color: red;\n  margin-right: 1px;\n}\n');
		fs.writeFileSync(path.join(root, 'static/extra.css'), 'b { border-left: 0 }');
		fs.writeFileSync(path.join(root, 'src/lib/ok.css'), 'b { border-inline-start: 0 }');
		const problems = checkTree(root).sort();
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(/^src\/app\.css:3: margin-right: 1px;/);
		expect(problems[1]).toMatch(/^static\/extra\.css:1: /);
	});
});
