#!/usr/bin/env node
// Fails on physical left/right in styles: layout must use logical properties
// (inline-start/end) so that Arabic right-to-left is first-class, not patched.
// Looks at .css files, <style> blocks, style="…" attributes and style: directives
// in .svelte/.html files, and element.style writes in scripts. Besides the
// obvious `margin-left` / `left:` / `text-align: right`, it catches shorthands
// that are lopsided between left and right (`margin: 0 1rem 0 2rem`,
// `border-radius: 4px 0 0 4px`) and shadows with a horizontal offset, because
// those do not mirror in RTL either. (`translateX` is left alone: its sign is
// a deliberate choice in the rare places it is used.)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Property names or values that name a physical side. */
const physical = [
	// margin-left, padding-right, border-left(-width|-color|-style), scroll-margin-left, scroll-padding-right…
	/\b(margin|padding|border)-(left|right)\b/,
	// left: / right: as properties (not inside words like `copyright:` thanks to \b and the lookbehind).
	/(?<![\w-])(left|right)\s*:/,
	/\bborder-(top|bottom)-(left|right)-radius\b/,
	/\b(text-align|text-align-last|float|clear|caption-side)\s*:\s*(left|right)\b/,
	/\b(justify-content|justify-items|justify-self|place-content|place-items|place-self)\s*:[^;]*(?<![\w-])(left|right)(?![\w-])/,
	/\b(background-position(-x)?|object-position|transform-origin|perspective-origin|mask-position)\s*:[^;]*(?<![\w-])(left|right)(?![\w-])/,
	/\bbackground\s*:[^;]*(?<![\w/-])(left|right)(?![\w-.])/
];

/** Shorthands whose 2nd and 4th values are the right and left sides. */
const boxShorthands =
	/(?<![\w-])(margin|padding|inset|scroll-margin|scroll-padding|border-width|border-style|border-color)\s*:\s*([^;{}]+)/g;

/**
 * Splits a CSS value on top-level whitespace (keeps `calc(1rem + 2px)` whole).
 * @param {string} value
 * @returns {string[]}
 */
function tokens(value) {
	const out = [];
	let depth = 0;
	let current = '';
	for (const ch of value.replace(/!important/g, '').trim()) {
		if (ch === '(') depth++;
		if (ch === ')') depth--;
		if (/\s/.test(ch) && depth === 0) {
			if (current) out.push(current);
			current = '';
		} else current += ch;
	}
	if (current) out.push(current);
	return out;
}

/**
 * Reasons a single line of CSS is physical, or an empty list.
 * @param {string} line
 * @returns {string[]}
 */
export function physicalIn(line) {
	const reasons = [];
	if (physical.some((re) => re.test(line))) reasons.push('physical side');
	for (const m of line.matchAll(boxShorthands)) {
		const v = tokens(m[2] ?? '');
		if (v.length === 4 && v[1] !== v[3]) reasons.push(`${m[1]} with different right and left values`);
	}
	for (const m of line.matchAll(/(?<![\w-])border-radius\s*:\s*([^;{}]+)/g)) {
		const v = tokens((m[1] ?? '').split('/')[0] ?? '');
		// Mirroring swaps top-left with top-right and bottom-left with bottom-right.
		const [tl, tr = tl, br = tl, bl = tr] = v;
		if (tl !== tr || br !== bl) reasons.push('border-radius differs between left and right');
	}
	for (const m of line.matchAll(/(?<![\w-])(box-shadow|text-shadow)\s*:\s*([^;{}]+)/g)) {
		for (const shadow of (m[2] ?? '').split(/,(?![^(]*\))/)) {
			const x = tokens(shadow).find((t) => /^-?(\d*\.)?\d+([a-z%]+)?$/i.test(t));
			if (x !== undefined && !/^-?(0*\.)?0+([a-z%]+)?$/i.test(x)) {
				reasons.push(`${m[1]} with a horizontal offset`);
				break;
			}
		}
	}
	return reasons;
}

/**
 * Blanks out comments but keeps line breaks, so line numbers stay right.
 * @param {string} text
 */
function stripComments(text) {
	return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
}

/**
 * The CSS inside a file, as blocks with the offset where each starts.
 * @param {string} file
 * @param {string} text
 * @returns {{ text: string; offset: number }[]}
 */
function styleBlocks(file, text) {
	if (file.endsWith('.css')) return [{ text, offset: 0 }];
	/** @type {{ text: string; offset: number }[]} */
	const blocks = [];
	for (const m of text.matchAll(/(<style[^>]*>)([\s\S]*?)<\/style>/g))
		blocks.push({ text: m[2] ?? '', offset: m.index + (m[1] ?? '').length });
	for (const m of text.matchAll(/\bstyle\s*=\s*(["'])([\s\S]*?)\1/g))
		blocks.push({ text: m[2] ?? '', offset: m.index });
	for (const m of text.matchAll(/\bstyle\s*=\s*\{`([\s\S]*?)`\}/g))
		blocks.push({ text: m[1] ?? '', offset: m.index });
	// Svelte style directives: style:margin-left={x} is the same as a declaration.
	for (const m of text.matchAll(/\bstyle:([\w-]+)/g)) blocks.push({ text: `${m[1]}:`, offset: m.index });
	return blocks;
}

/** Inline style writes from scripts: el.style.marginLeft, el.style.left, setProperty('left', …). */
const scriptPhysical = [
	/\.style\.(left|right|(margin|padding|border|scrollMargin|scrollPadding)(Left|Right)\w*)\b/,
	/\.setProperty\(\s*['"`](left|right|(margin|padding|border)-(left|right)[\w-]*)['"`]/
];

/**
 * Problems in one file, as `path:line: text — reason` strings.
 * @param {string} file path used in messages and to pick the file kind
 * @param {string} text file contents
 * @returns {string[]}
 */
export function checkFile(file, text) {
	/** @type {string[]} */
	const problems = [];
	if (/\.(css|svelte|html)$/.test(file)) {
		for (const block of styleBlocks(file, text)) {
			const firstLine = text.slice(0, block.offset).split('\n').length;
			stripComments(block.text)
				.split('\n')
				.forEach((line, i) => {
					const reasons = physicalIn(line);
					if (reasons.length)
						problems.push(`${file}:${firstLine + i}: ${line.trim()} (${reasons.join(', ')})`);
				});
		}
	}
	if (/\.(svelte|ts|js)$/.test(file)) {
		text.split('\n').forEach((line, i) => {
			if (scriptPhysical.some((re) => re.test(line)))
				problems.push(`${file}:${i + 1}: ${line.trim()} (inline style)`);
		});
	}
	return problems;
}

/**
 * Every problem under the given folders of `root`.
 * @param {string} root
 * @param {string[]} dirs
 * @returns {string[]}
 */
export function checkTree(root, dirs = ['src', 'static']) {
	/** @type {string[]} */
	const problems = [];
	/** @param {string} dir */
	const walk = (dir) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (/\.(css|svelte|html|ts|js)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
				problems.push(...checkFile(path.relative(root, p), fs.readFileSync(p, 'utf8')));
		}
	};
	for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
	return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const problems = checkTree(path.resolve(import.meta.dirname, '..'));
	if (problems.length) {
		console.error(
			'Physical left/right in styles; use logical properties (inline-start/end):\n  ' + problems.join('\n  ')
		);
		process.exit(1);
	}
	console.log('styles: logical properties only');
}
