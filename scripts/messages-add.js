#!/usr/bin/env node
// Merges new or changed UI strings into messages/{en,ar,fr}.json in one go, so the
// three catalogues never drift while several people add keys.
// Usage: node scripts/messages-add.js patch.json   where patch.json is
//   { "key": { "en": "…", "ar": "…", "fr": "…" }, … }   (a value may be a plural object)
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', 'messages');
const locales = ['en', 'ar', 'fr'];
const file = process.argv[2];
if (!file) {
	console.error('usage: node scripts/messages-add.js patch.json');
	process.exit(2);
}
const patch = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const [key, byLocale] of Object.entries(patch)) {
	for (const l of locales) {
		if (byLocale[l] === undefined) {
			console.error(`key ${key} has no ${l} text`);
			process.exit(1);
		}
	}
}
for (const l of locales) {
	const p = path.join(dir, `${l}.json`);
	const current = fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : {};
	for (const [key, byLocale] of Object.entries(patch)) current[key] = byLocale[l];
	const sorted = Object.fromEntries(
		Object.keys(current)
			.sort()
			.map((k) => [k, current[k]])
	);
	fs.writeFileSync(p + '.tmp', JSON.stringify(sorted, null, '\t') + '\n');
	fs.renameSync(p + '.tmp', p);
}
console.log(`merged ${Object.keys(patch).length} keys`);
