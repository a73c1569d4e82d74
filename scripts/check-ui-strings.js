#!/usr/bin/env node
// Fails when a Svelte component holds user-visible text instead of a message key:
// every string a person reads must come from messages/{en,ar,fr}.json through t(),
// or it silently stays English on the Arabic and French pages. (After Actual
// Budget's lint rule for untranslated text and aria-labels.)
// It parses each .svelte file under src/ with svelte/compiler (modern AST) and
// reports:
//   - template text containing a letter of any script (\p{L}) outside {…};
//   - {'literal'} / {`template`} expressions whose literal text has letters;
//   - the attributes and props below when their value is a literal with letters.
// Text with no letters (punctuation like "·", "…", numbers) is fine.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'svelte/compiler';

/** Attributes and component props whose value is read or heard by people. */
export const TEXT_ATTRIBUTES = new Set([
	'aria-label',
	'aria-description',
	'aria-roledescription',
	'aria-valuetext',
	'alt',
	'title',
	'placeholder',
	'label',
	'legend',
	'hint'
]);

/**
 * Exceptions, as `path/from/root.svelte: exact text`. Keep it empty unless a
 * string truly is not UI text (and say why beside the entry).
 * @type {Set<string>}
 */
export const ALLOW = new Set([]);

/** Elements whose text content is code or data, not UI text. */
const NON_TEXT_ELEMENTS = new Set(['script', 'style']);

const LETTER = /\p{L}/u;

/**
 * @typedef {{ type: string; start?: number; [key: string]: unknown }} Node
 */

/**
 * @param {unknown} value
 * @returns {value is Node}
 */
function isNode(value) {
	return (
		typeof value === 'object' && value !== null && typeof (/** @type {Node} */ (value).type) === 'string'
	);
}

/**
 * The literal text in a JS expression that would be shown as is: a string, a
 * template's fixed parts, or either branch of `a ? 'x' : 'y'` / `a || 'x'`.
 * Function arguments (t('key')) are not shown, so they are not looked at.
 * @param {unknown} expr
 * @returns {string[]}
 */
export function literalTexts(expr) {
	if (!isNode(expr)) return [];
	switch (expr.type) {
		case 'Literal':
			return typeof expr.value === 'string' ? [expr.value] : [];
		case 'TemplateLiteral':
			return /** @type {{ value: { cooked?: string; raw: string } }[]} */ (expr.quasis ?? []).map(
				(q) => q.value.cooked ?? q.value.raw
			);
		case 'ConditionalExpression':
			return [...literalTexts(expr.consequent), ...literalTexts(expr.alternate)];
		case 'LogicalExpression':
			return [...literalTexts(expr.left), ...literalTexts(expr.right)];
		default:
			return [];
	}
}

/**
 * Problems in one Svelte source, as `file:line: what` strings.
 * @param {string} file path used in messages and the allow-list
 * @param {string} source
 * @returns {string[]}
 */
export function checkSvelteSource(file, source) {
	/** @type {string[]} */
	const problems = [];
	let ast;
	try {
		ast = parse(source, { modern: true, filename: file });
	} catch (err) {
		return [`${file}: cannot parse: ${err instanceof Error ? err.message : String(err)}`];
	}
	/** @param {number | undefined} offset */
	const lineOf = (offset) => source.slice(0, offset ?? 0).split('\n').length;
	/**
	 * @param {Node} node
	 * @param {string} text
	 * @param {string} what
	 */
	const report = (node, text, what) => {
		const shown = text.trim().replace(/\s+/g, ' ');
		if (!LETTER.test(shown) || ALLOW.has(`${file}: ${shown}`)) return;
		problems.push(`${file}:${lineOf(node.start)}: ${what} "${shown}"`);
	};

	/** @param {Node} attr */
	const checkAttribute = (attr) => {
		if (attr.type !== 'Attribute' || typeof attr.name !== 'string' || !TEXT_ATTRIBUTES.has(attr.name)) return;
		const parts = Array.isArray(attr.value) ? attr.value : [attr.value];
		for (const part of parts) {
			if (!isNode(part)) continue;
			if (part.type === 'Text') report(part, String(part.data ?? ''), `text in ${attr.name}=`);
			else if (part.type === 'ExpressionTag')
				for (const text of literalTexts(part.expression)) report(part, text, `literal in ${attr.name}=`);
		}
	};

	/** @param {unknown} value */
	const walk = (value) => {
		if (Array.isArray(value)) {
			for (const item of value) walk(item);
			return;
		}
		if (!isNode(value)) return;
		const node = value;
		switch (node.type) {
			case 'Text':
				report(node, String(node.data ?? ''), 'text');
				return;
			case 'ExpressionTag':
				for (const text of literalTexts(node.expression)) report(node, text, 'literal');
				return;
			case 'Comment':
				return;
		}
		if (typeof node.name === 'string' && NON_TEXT_ELEMENTS.has(node.name) && node.type === 'RegularElement')
			return;
		if (Array.isArray(node.attributes))
			for (const attr of node.attributes) if (isNode(attr)) checkAttribute(attr);
		// Descend only into template structure (fragments and block bodies), never into JS.
		for (const [key, child] of Object.entries(node)) {
			if (key === 'attributes') continue;
			if (isNode(child) && child.type === 'Fragment') walk(child.nodes);
			else if (key === 'nodes') walk(child);
		}
	};
	walk(ast.fragment.nodes);
	return problems;
}

/**
 * Every problem in the .svelte files under `dir`, paths relative to `root`.
 * @param {string} root
 * @param {string} dir
 * @returns {string[]}
 */
export function checkTree(root, dir = 'src') {
	/** @type {string[]} */
	const problems = [];
	/** @param {string} d */
	const walkDir = (d) => {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) walkDir(p);
			else if (e.name.endsWith('.svelte'))
				problems.push(...checkSvelteSource(path.relative(root, p), fs.readFileSync(p, 'utf8')));
		}
	};
	const start = path.join(root, dir);
	if (fs.existsSync(start)) walkDir(start);
	return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const problems = checkTree(path.resolve(import.meta.dirname, '..'));
	if (problems.length) {
		console.error(
			'User-visible text in components; put it in messages/ and use t():\n  ' + problems.join('\n  ')
		);
		process.exit(1);
	}
	console.log('components: no hard-coded UI text');
}
