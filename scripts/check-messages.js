#!/usr/bin/env node
// Fails when a UI string is missing in any language, when a language has a key the
// English catalogue lacks, when placeholders differ between languages, or when a
// plural message has no "other" form.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', 'messages');
const locales = ['en', 'ar', 'fr'];
const cats = Object.fromEntries(
	locales.map((l) => [l, JSON.parse(fs.readFileSync(path.join(dir, `${l}.json`), 'utf8'))])
);
const problems = [];
const placeholders = (v) => {
	const texts = typeof v === 'string' ? [v] : Object.values(v ?? {});
	return [...new Set(texts.flatMap((t) => [...String(t).matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
};
for (const key of Object.keys(cats.en)) {
	for (const l of locales) {
		const v = cats[l][key];
		if (v === undefined || v === '') {
			problems.push(`${l}: missing "${key}"`);
			continue;
		}
		if (typeof v === 'object' && typeof v.other !== 'string')
			problems.push(`${l}: "${key}" has no "other" plural form`);
		if (typeof v !== typeof cats.en[key])
			problems.push(`${l}: "${key}" is ${typeof v}, English is ${typeof cats.en[key]}`);
		const a = placeholders(cats.en[key])
			.filter((p) => p !== 'count')
			.join(',');
		const b = placeholders(v)
			.filter((p) => p !== 'count')
			.join(',');
		if (a !== b) problems.push(`${l}: "${key}" placeholders {${b}} differ from English {${a}}`);
	}
}
for (const l of locales) {
	for (const key of Object.keys(cats[l]))
		if (!(key in cats.en)) problems.push(`${l}: "${key}" is not in en.json`);
}
if (problems.length) {
	console.error(`Message catalogues are out of step (${problems.length}):\n  ` + problems.join('\n  '));
	process.exit(1);
}
console.log(`messages: ${Object.keys(cats.en).length} keys in ${locales.join(', ')}`);
