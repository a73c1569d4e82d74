#!/usr/bin/env node
// Fails on physical left/right in styles: layout must use logical properties
// (inline-start/end) so that Arabic right-to-left is first-class, not patched.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dirs = ['src', 'static'];
const physical = [
	/\b(margin|padding|border)-(left|right)\b/,
	/\b(left|right)\s*:/,
	/\btext-align\s*:\s*(left|right)\b/,
	/\bfloat\s*:\s*(left|right)\b/,
	/\bclear\s*:\s*(left|right)\b/,
	/\bborder-(top|bottom)-(left|right)-radius\b/
];
const problems = [];
function styleBlocks(file, text) {
	if (file.endsWith('.css')) return [{ text, offset: 0 }];
	const blocks = [];
	for (const m of text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) blocks.push({ text: m[1], offset: m.index });
	for (const m of text.matchAll(/\bstyle="([^"]*)"/g)) blocks.push({ text: m[1], offset: m.index });
	return blocks;
}
function walk(dir) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) walk(p);
		else if (/\.(css|svelte|html)$/.test(e.name)) {
			const text = fs.readFileSync(p, 'utf8');
			for (const block of styleBlocks(p, text)) {
				block.text.split('\n').forEach((line, i) => {
					const clean = line.replace(/\/\*.*?\*\//g, '');
					if (physical.some((re) => re.test(clean))) {
						const lineNo = text.slice(0, block.offset).split('\n').length + i;
						problems.push(`${path.relative(root, p)}:${lineNo}: ${line.trim()}`);
					}
				});
			}
		}
	}
}
for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
if (problems.length) {
	console.error('Physical left/right in styles; use logical properties (inline-start/end):\n  ' + problems.join('\n  '));
	process.exit(1);
}
console.log('styles: logical properties only');
