/**
 * The search benchmark's corpus: a seeded, reproducible stream of resources in English, Arabic
 * and French with the lengths, vocabulary and metadata skew of a community-mobilization commons.
 *
 * Text is not grammatical, but its token statistics are what a search index sees: function words
 * dominate, content words follow a Zipf curve within each language, a resource's themes pull their
 * own words forward, and every word appears in the inflected forms a real text would carry
 * (English plurals and tenses; French genders, plurals, conjugations and elisions; Arabic clitics
 * و ف ب ل ال وال بال لل and pronoun suffixes). Some Arabic texts keep their vowel marks, some only
 * the shadda, some write the hamza loosely (ا for أ إ آ) or ة as ه; a few French texts lose their
 * accents. So stemming and normalisation decide what a query finds, as they do in production.
 *
 * The same seed and size always give the same resources (ids, dates and text), so every engine
 * in a run, and every run on every machine, indexes the same corpus. Bump CORPUS_VERSION when a
 * change here changes the output.
 *
 * Pure apart from reading the word lists in ./vocab once; loading into a database is load.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { SEED_THEME_KEYS, type ResourceType } from '../../src/lib/domain/resources';

export const CORPUS_VERSION = 1;
export const DEFAULT_SEED = 20260401;

export type Lang = 'en' | 'ar' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'ar', 'fr'];

export interface GeneratedResource {
	id: string;
	version_id: string;
	/** Index into libraries(). */
	library: number;
	language: Lang;
	/** The original's id for a translation, else null. */
	translation_of: string | null;
	created_at: string;
	title: string;
	summary: string;
	body: string;
	type: ResourceType;
	themes: string[];
	tags: string[];
	audience: string | null;
	duration_minutes: number | null;
	region: string | null;
	accessibility: string[];
	license: string;
	authors: string[];
	source_url: string | null;
}

export interface GeneratedLibrary {
	slug: string;
	name: string;
	description: string;
	language: Lang;
}

// --- Randomness ---------------------------------------------------------------------------

/** sfc32 seeded through splitmix32: fast, 128-bit state, the same sequence everywhere. */
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;
	constructor(seed: number) {
		let s = seed >>> 0;
		const next = () => {
			s = (s + 0x9e3779b9) >>> 0;
			let z = s;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.a = next();
		this.b = next();
		this.c = next();
		this.d = next();
	}
	next(): number {
		const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
		this.d = (this.d + 1) >>> 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) >>> 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) >>> 0;
		return t / 4294967296;
	}
	int(n: number): number {
		return Math.floor(this.next() * n);
	}
	between(lo: number, hi: number): number {
		return lo + this.int(hi - lo + 1);
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(xs: readonly T[]): T {
		return xs[this.int(xs.length)] as T;
	}
	/** A value from [value, weight] pairs. */
	weighted<T>(pairs: readonly (readonly [T, number])[]): T {
		let total = 0;
		for (const [, w] of pairs) total += w;
		let r = this.next() * total;
		for (const [v, w] of pairs) {
			r -= w;
			if (r < 0) return v;
		}
		return pairs[pairs.length - 1]![0];
	}
	/** Standard normal (Box–Muller). */
	normal(): number {
		const u = 1 - this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
	}
	/** A log-normal length with this median, clamped to [lo, hi]. */
	length(median: number, spread: number, lo: number, hi: number): number {
		return Math.max(lo, Math.min(hi, Math.round(median * Math.exp(spread * this.normal()))));
	}
	bytes(n: number): Uint8Array {
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i++) out[i] = this.int(256);
		return out;
	}
}

/** Zipf-distributed ranks over a list of n items (rank 0 most frequent). */
class Zipf {
	private readonly cdf: Float64Array;
	constructor(n: number, s: number) {
		this.cdf = new Float64Array(n);
		let sum = 0;
		for (let r = 0; r < n; r++) this.cdf[r] = sum += 1 / Math.pow(r + 1, s);
		for (let r = 0; r < n; r++) this.cdf[r]! /= sum;
	}
	sample(rng: Rng): number {
		const u = rng.next();
		let lo = 0;
		let hi = this.cdf.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.cdf[mid]! < u) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}

function shuffled<T>(xs: readonly T[], rng: Rng): T[] {
	const out = [...xs];
	for (let i = out.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

// --- Vocabulary -----------------------------------------------------------------------------

type Pos = 'n' | 'v' | 'a' | 'd' | 'f';
interface Entry {
	pos: Pos;
	/** The lemma first, then its other surface forms. */
	forms: string[];
}
interface Vocabulary {
	function: string[];
	functionZipf: Zipf;
	/** 'general' and each theme key → its entries, in a seeded frequency order. */
	lists: Map<string, { entries: Entry[]; zipf: Zipf }>;
}

const VOCAB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'vocab');

function enPlural(w: string): string {
	if (/(s|x|z|ch|sh)$/.test(w)) return w + 'es';
	if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
	return w + 's';
}
function enPast(w: string): string {
	if (w.endsWith('e')) return w + 'd';
	if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ied';
	return w + 'ed';
}
function enGerund(w: string): string {
	if (w.endsWith('ie')) return w.slice(0, -2) + 'ying';
	if (w.endsWith('e') && !w.endsWith('ee')) return w.slice(0, -1) + 'ing';
	return w + 'ing';
}
function frPlural(w: string): string {
	if (/[sxz]$/.test(w)) return w;
	if (w.endsWith('al')) return w.slice(0, -2) + 'aux';
	if (/(eau|eu)$/.test(w)) return w + 'x';
	return w + 's';
}
function frFeminine(w: string): string {
	if (w.endsWith('e')) return w;
	if (w.endsWith('if')) return w.slice(0, -1) + 've';
	if (w.endsWith('eux')) return w.slice(0, -1) + 'se';
	if (/(el|ien|on)$/.test(w)) return w + w.slice(-1) + 'e';
	return w + 'e';
}
function frVerb(w: string): string[] {
	if (w.endsWith('er')) {
		const s = w.slice(0, -2);
		// manger → mangeons, commencer → commençons: the stem keeps its sound before a and o.
		const hard = s.endsWith('g') ? s + 'e' : s.endsWith('c') ? s.slice(0, -1) + 'ç' : s;
		return [
			w,
			s + 'e',
			s + 'es',
			hard + 'ons',
			s + 'ez',
			s + 'ent',
			s + 'é',
			s + 'ée',
			s + 'és',
			hard + 'ant',
			s + 'era',
			hard + 'ait'
		];
	}
	if (w.endsWith('ir')) {
		const s = w.slice(0, -2);
		return [w, s + 'is', s + 'it', s + 'issons', s + 'issez', s + 'issent', s + 'i', s + 'ie', s + 'issant'];
	}
	return [w];
}

function expand(lang: Lang, pos: Pos, lemma: string, given: string[]): string[] {
	let forms: string[];
	if (lang === 'ar' || pos === 'd' || pos === 'f') forms = [lemma, ...given];
	else if (lang === 'en') {
		if (given.length > 0) forms = [lemma, ...given];
		else if (pos === 'n') forms = [lemma, enPlural(lemma)];
		else if (pos === 'v') forms = [lemma, enPlural(lemma), enPast(lemma), enGerund(lemma)];
		else forms = [lemma];
	} else {
		if (pos === 'n') forms = [lemma, given[0] ?? frPlural(lemma)];
		else if (given.length > 0) forms = [lemma, ...given];
		else if (pos === 'a') {
			const f = frFeminine(lemma);
			forms = [lemma, f, frPlural(lemma), frPlural(f)];
		} else forms = frVerb(lemma);
	}
	return [...new Set(forms)];
}

const vocabularies = new Map<Lang, Vocabulary>();

export function vocabulary(lang: Lang): Vocabulary {
	const cached = vocabularies.get(lang);
	if (cached) return cached;
	const lines = fs.readFileSync(path.join(VOCAB_DIR, `${lang}.txt`), 'utf8').split('\n');
	const fn: string[] = [];
	const raw = new Map<string, Entry[]>();
	let theme = 'general';
	for (const line of lines) {
		const t = line.trim();
		if (t === '' || t.startsWith('#')) continue;
		if (t.startsWith('@theme ')) {
			theme = t.slice(7).trim();
			continue;
		}
		const [pos, lemma, ...given] = t.split(/\s+/) as [Pos, string, ...string[]];
		if (pos === 'f') fn.push(lemma);
		else {
			const list = raw.get(theme) ?? [];
			list.push({ pos, forms: expand(lang, pos, lemma, given) });
			raw.set(theme, list);
		}
	}
	// The order in the files is by topic, not by frequency: a seeded shuffle makes the ranks.
	const rng = new Rng(0x5eed + lang.charCodeAt(0));
	const lists = new Map<string, { entries: Entry[]; zipf: Zipf }>();
	for (const [key, entries] of raw) {
		const order = shuffled(entries, rng);
		lists.set(key, { entries: order, zipf: new Zipf(order.length, 0.7) });
	}
	const v: Vocabulary = { function: fn, functionZipf: new Zipf(fn.length, 1.1), lists };
	vocabularies.set(lang, v);
	return v;
}

/** Every distinct surface form of a language's word lists (before clitics): its size is in the README. */
export function vocabularyForms(lang: Lang): string[] {
	const v = vocabulary(lang);
	const all = new Set<string>(v.function);
	for (const { entries } of v.lists.values()) for (const e of entries) for (const f of e.forms) all.add(f);
	return [...all];
}

interface Names {
	places: Record<Lang, string>[];
	given: Record<Lang, string>[];
	family: Record<Lang, string>[];
}
let names: Names | undefined;
function nameLists(): Names {
	if (names) return names;
	const out: Names = { places: [], given: [], family: [] };
	let section: keyof Names = 'places';
	for (const line of fs.readFileSync(path.join(VOCAB_DIR, 'names.txt'), 'utf8').split('\n')) {
		const t = line.trim();
		if (t === '' || t.startsWith('#')) continue;
		if (t.startsWith('@')) {
			section = t.slice(1) as keyof Names;
			continue;
		}
		const [en, ar, fr] = t.split('|') as [string, string, string];
		out[section].push({ en, ar, fr });
	}
	names = out;
	return out;
}

// --- Words and texts ------------------------------------------------------------------------

const HARAKAT = /[\u064B-\u0652\u0670]/g;
const HARAKAT_BUT_SHADDA = /[\u064B-\u0650\u0652\u0670]/g;

/** How one document spells things: the variation a search must see through. */
interface Style {
	lang: Lang;
	themes: string[];
	/** Arabic: keep every vowel mark, keep the shadda only, or strip them (most texts). */
	marks: 'all' | 'shadda' | 'none';
	looseHamza: boolean;
	haForTaMarbuta: boolean;
	/** French typed without accents. */
	noAccents: boolean;
	places: string[];
}

function arabicWord(rng: Rng, e: Entry): string {
	let w = e.forms.length > 1 && rng.chance(0.45) ? rng.pick(e.forms.slice(1)) : e.forms[0]!;
	if (e.pos === 'n' || e.pos === 'a') {
		const definite = rng.chance(0.45);
		if (!definite && e.pos === 'n' && rng.chance(0.1)) {
			// A pronoun suffix: مدرسة + ها → مدرستها.
			w = (w.endsWith('ة') ? w.slice(0, -1) + 'ت' : w) + rng.pick(['ه', 'ها', 'هم', 'نا', 'كم']);
		}
		if (definite) {
			const r = rng.next();
			w = r < 0.1 ? 'لل' + w : r < 0.2 ? 'بال' + w : r < 0.35 ? 'وال' + w : r < 0.38 ? 'فال' + w : 'ال' + w;
		} else {
			const r = rng.next();
			if (r < 0.1) w = 'و' + w;
			else if (r < 0.16) w = 'ب' + w;
			else if (r < 0.2) w = 'ل' + w;
		}
	} else if (e.pos === 'v') {
		const r = rng.next();
		if (r < 0.15) w = 'و' + w;
		else if (r < 0.18) w = 'ف' + w;
		else if (r < 0.22 && w.startsWith('ي')) w = 'س' + w;
	}
	return w;
}

function spell(w: string, style: Style): string {
	if (style.lang === 'ar') {
		if (style.marks === 'none') w = w.replace(HARAKAT, '');
		else if (style.marks === 'shadda') w = w.replace(HARAKAT_BUT_SHADDA, '');
		if (style.looseHamza) w = w.replace(/[أإآ]/g, 'ا');
		if (style.haForTaMarbuta && w.endsWith('ة')) w = w.slice(0, -1) + 'ه';
		return w;
	}
	if (style.noAccents) return w.normalize('NFD').replace(/\p{M}/gu, '');
	return w;
}

function contentWord(rng: Rng, style: Style): string {
	const v = vocabulary(style.lang);
	const key = style.themes.length > 0 && rng.chance(0.35) ? rng.pick(style.themes) : 'general';
	const list = v.lists.get(key) ?? v.lists.get('general')!;
	const e = list.entries[list.zipf.sample(rng)]!;
	if (style.lang === 'ar') return spell(arabicWord(rng, e), style);
	const w = e.forms.length > 1 && rng.chance(0.45) ? rng.pick(e.forms.slice(1)) : e.forms[0]!;
	return spell(w, style);
}

function functionWord(rng: Rng, style: Style): string {
	const v = vocabulary(style.lang);
	return spell(v.function[v.functionZipf.sample(rng)]!, style);
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const startsWithVowel = (s: string) => /^[aeiouyhâàéèêîôûœ]/i.test(s);

/** n words of running text: function and content words, a name or a number now and then. */
function words(rng: Rng, style: Style, n: number, functionShare = 0.42): string[] {
	const out: string[] = [];
	while (out.length < n) {
		const r = rng.next();
		let w: string;
		if (r < 0.012 && style.places.length > 0) w = rng.pick(style.places);
		else if (r < 0.02) w = String(rng.chance(0.5) ? rng.between(1990, 2026) : rng.between(2, 120));
		else if (r < 0.02 + functionShare) w = functionWord(rng, style);
		else {
			w = contentWord(rng, style);
			const prev = out[out.length - 1];
			// French elision: le/la/de/que before a vowel is written l’, d’, qu’ and joins the word.
			if (style.lang === 'fr' && prev && /^(le|la|de|que)$/.test(prev) && startsWithVowel(w)) {
				const apostrophe = rng.chance(0.6) ? '’' : "'";
				out[out.length - 1] = prev.slice(0, prev === 'que' ? 2 : 1) + apostrophe + w;
				continue;
			}
		}
		out.push(w);
	}
	return out;
}

function sentence(rng: Rng, style: Style, n: number): string {
	const ws = words(rng, style, n);
	if (ws.length > 7 && rng.chance(0.4)) {
		const at = rng.between(3, ws.length - 3);
		ws[at] += style.lang === 'ar' ? '،' : ',';
	}
	const end = rng.chance(0.08) ? (style.lang === 'ar' ? '؟' : style.lang === 'fr' ? ' ?' : '?') : '.';
	const text = ws.join(' ') + end;
	return style.lang === 'ar' ? text : capitalize(text);
}

/** Sentences until about n words. */
function prose(rng: Rng, style: Style, n: number): string {
	const out: string[] = [];
	let count = 0;
	while (count < n) {
		const len = Math.min(n - count, rng.between(6, 20));
		out.push(sentence(rng, style, Math.max(len, 3)));
		count += Math.max(len, 3);
	}
	return out.join(' ');
}

function title(rng: Rng, style: Style): string {
	const n = rng.weighted([
		[4, 2],
		[5, 4],
		[6, 5],
		[7, 5],
		[8, 4],
		[9, 3],
		[10, 2],
		[11, 1],
		[12, 1]
	]);
	const ws = words(rng, style, n, 0.3);
	const text = ws.join(' ');
	return style.lang === 'ar' ? text : capitalize(text);
}

/** A Markdown body of about n words: paragraphs, headings, a list now and then. */
function body(rng: Rng, style: Style, n: number): string {
	const blocks: string[] = [];
	let count = 0;
	let sinceHeading = 0;
	while (count < n) {
		if (sinceHeading >= 2 && rng.chance(0.35)) {
			const h = words(rng, style, rng.between(2, 6), 0.2).join(' ');
			blocks.push('## ' + (style.lang === 'ar' ? h : capitalize(h)));
			sinceHeading = 0;
			continue;
		}
		if (rng.chance(0.18)) {
			const items = rng.between(3, 6);
			const lines: string[] = [];
			for (let i = 0; i < items; i++) {
				const k = rng.between(3, 9);
				const item = words(rng, style, k, 0.3).join(' ');
				lines.push((rng.chance(0.5) ? '- ' : `${i + 1}. `) + (style.lang === 'ar' ? item : capitalize(item)));
				count += k;
			}
			blocks.push(lines.join('\n'));
		} else {
			const k = Math.min(n - count, rng.between(30, 110));
			blocks.push(prose(rng, style, Math.max(k, 10)));
			count += Math.max(k, 10);
		}
		sinceHeading++;
	}
	return blocks.join('\n\n');
}

// --- Metadata -------------------------------------------------------------------------------

const TYPE_WEIGHTS: [ResourceType, number][] = [
	['handout', 20],
	['activity', 18],
	['reading', 15],
	['module', 10],
	['case-story', 10],
	['facilitator-guide', 8],
	['video', 8],
	['toolkit', 6],
	['audio', 5]
];
const THEME_WEIGHTS: [string, number][] = SEED_THEME_KEYS.map((k, i) => [
	k,
	[22, 18, 16, 12, 11, 9, 7, 5][i]!
]);
const LICENCE_WEIGHTS: [string, number][] = [
	['CC-BY-4.0', 34],
	['CC-BY-SA-4.0', 24],
	['CC-BY-NC-SA-4.0', 15],
	['CC-BY-NC-4.0', 8],
	['CC0-1.0', 5],
	['CC-BY-NC-ND-4.0', 4],
	['CC-BY-SA-3.0', 3],
	['CC-BY-3.0', 2],
	['CC-BY-ND-4.0', 2],
	['CC-BY-NC-SA-3.0', 1],
	['PDM-1.0', 1]
];
const LANGUAGE_WEIGHTS: [Lang, number][] = [
	['en', 45],
	['ar', 33],
	['fr', 22]
];
const AUDIENCES: Record<Lang, string[]> = {
	en: [
		'community organizers',
		'youth groups',
		'facilitators',
		'women’s groups',
		'new volunteers',
		'teachers'
	],
	ar: ['المنظمون المجتمعيون', 'مجموعات الشباب', 'الميسرون', 'مجموعات النساء', 'المتطوعون الجدد', 'المعلمون'],
	fr: [
		'organisateurs communautaires',
		'groupes de jeunes',
		'animateurs',
		'groupes de femmes',
		'nouveaux bénévoles',
		'enseignants'
	]
};

function accessibilityFor(rng: Rng, type: ResourceType): string[] {
	const out = new Set<string>();
	if (type === 'video') {
		if (rng.chance(0.6)) out.add('captions');
		if (rng.chance(0.35)) out.add('transcript');
		if (rng.chance(0.08)) out.add('signLanguage');
		if (rng.chance(0.05)) out.add('audioDescription');
	} else if (type === 'audio') {
		if (rng.chance(0.55)) out.add('transcript');
	} else {
		if (rng.chance(0.3)) out.add('alternativeText');
		if (rng.chance(0.2)) out.add('structuralNavigation');
		if (rng.chance(0.15)) out.add('tableOfContents');
		if (rng.chance(0.1)) out.add('readingOrder');
		if (rng.chance(0.04)) out.add('largePrint');
		if (rng.chance(0.03)) out.add('highContrastDisplay');
	}
	return [...out];
}

function durationFor(rng: Rng, type: ResourceType): number | null {
	if (rng.chance(0.25)) return null;
	const median =
		type === 'module' ? 240 : type === 'video' || type === 'audio' ? 15 : type === 'activity' ? 45 : 30;
	return rng.length(median, 0.8, 3, 60 * 24);
}

/** The libraries the corpus lives in: a few large ones and a long tail. */
export function libraries(): GeneratedLibrary[] {
	const kinds: Record<Lang, [string, string]> = {
		en: ['Community Library', 'a shared library of the'],
		ar: ['مكتبة مجتمعية', 'مكتبة مشتركة لشبكة'],
		fr: ['Bibliothèque communautaire', 'une bibliothèque partagée du réseau de']
	};
	const places = nameLists().places;
	const out: GeneratedLibrary[] = [];
	for (let i = 0; i < 30; i++) {
		const place = places[i % places.length]!;
		const language = LANGS[i % 3]!;
		const [kind, about] = kinds[language];
		out.push({
			slug: `bench-${i + 1}-${place.en.toLowerCase().replace(/[^a-z]+/g, '-')}`,
			name: language === 'en' ? `${place.en} ${kind}` : `${kind} ${place[language]}`,
			description: `${about} ${place[language]}`,
			language
		});
	}
	return out;
}
const LIBRARY_ZIPF = new Zipf(30, 1.1);

// --- The stream -----------------------------------------------------------------------------

const START = Date.parse('2019-01-01T00:00:00.000Z');
const END = Date.parse('2026-03-01T00:00:00.000Z');

function styleFor(rng: Rng, lang: Lang, themes: string[], region: string | null): Style {
	const places = nameLists().places.map((p) => p[lang]);
	return {
		lang,
		themes,
		marks:
			lang !== 'ar'
				? 'none'
				: rng.weighted([
						['all', 8],
						['shadda', 15],
						['none', 77]
					] as const),
		looseHamza: lang === 'ar' && rng.chance(0.25),
		haForTaMarbuta: lang === 'ar' && rng.chance(0.05),
		noAccents: lang === 'fr' && rng.chance(0.04),
		places: region ? [region, ...places.slice(0, 3)] : places.slice(0, 6)
	};
}

function idAt(rng: Rng, msecs: number): string {
	return uuidv7({ msecs, random: rng.bytes(16) });
}

/**
 * `size` resources in creation order (so ids and dates increase). About one original in six
 * gets one or two translations right after it (same group, type, themes, licence, duration,
 * region and accessibility; its own text in the other language). ND and PDM works get none.
 */
export function* generateCorpus(size: number, seed = DEFAULT_SEED): Generator<GeneratedResource> {
	const rng = new Rng(seed ^ (size * 2654435761));
	const libs = libraries();
	const places = nameLists().places;
	const { given, family } = nameLists();
	const placeZipf = new Zipf(places.length, 1.0);
	let i = 0;
	const at = () => START + Math.floor(((END - START) * i) / size) + rng.int(60_000);

	while (i < size) {
		const library = LIBRARY_ZIPF.sample(rng);
		const language: Lang = rng.chance(0.7) ? libs[library]!.language : rng.weighted(LANGUAGE_WEIGHTS);
		const type = rng.weighted(TYPE_WEIGHTS);
		const themeCount = rng.weighted([
			[1, 50],
			[2, 35],
			[3, 15]
		]);
		const themes = new Set<string>();
		while (themes.size < themeCount) themes.add(rng.weighted(THEME_WEIGHTS));
		const linkOnly = rng.chance(0.01);
		const license = linkOnly ? 'all-rights-reserved' : rng.weighted(LICENCE_WEIGHTS);
		const place = rng.chance(0.55) ? places[placeZipf.sample(rng)]! : null;
		const shared = {
			type,
			themes: [...themes],
			duration_minutes: durationFor(rng, type),
			accessibility: accessibilityFor(rng, type),
			license,
			source_url: linkOnly || rng.chance(0.08) ? `https://example.org/resources/${seed}/${i}` : null
		};
		const bodyWords = linkOnly ? 0 : rng.length(320, 0.45, 150, 800);
		const make = (lang: Lang, lib: number, translationOf: string | null): GeneratedResource => {
			const style = styleFor(rng, lang, shared.themes, place ? place[lang] : null);
			const msecs = at();
			const authors: string[] = [];
			for (
				let a = rng.weighted([
					[1, 60],
					[2, 30],
					[3, 10]
				] as const);
				a > 0;
				a--
			) {
				authors.push(`${rng.pick(given)[lang]} ${rng.pick(family)[lang]}`);
			}
			const tags = new Set<string>();
			for (let t = rng.int(5); t > 0; t--) tags.add(contentWord(rng, style).slice(0, 60));
			return {
				id: idAt(rng, msecs),
				version_id: idAt(rng, msecs),
				library: lib,
				language: lang,
				translation_of: translationOf,
				created_at: new Date(msecs).toISOString(),
				title: title(rng, style).slice(0, 200),
				summary: prose(rng, style, rng.between(20, 60)).slice(0, 1000),
				body: linkOnly
					? ''
					: body(rng, style, Math.round(bodyWords * (translationOf ? 0.9 + rng.next() * 0.25 : 1))),
				...shared,
				tags: [...tags],
				audience: rng.chance(0.4) ? rng.pick(AUDIENCES[lang]) : null,
				region: place ? place[lang] : null,
				authors
			};
		};
		const original = make(language, library, null);
		yield original;
		i++;
		// The service refuses translations of ND works, and gives a translation of a public domain
		// mark another licence (an adaptation cannot be marked): those stay untranslated here.
		if (linkOnly || license.includes('-ND-') || license === 'PDM-1.0') continue;
		const translations = rng.weighted([
			[0, 83],
			[1, 12],
			[2, 5]
		]);
		const others = shuffled(
			LANGS.filter((l) => l !== language),
			rng
		);
		for (let t = 0; t < translations && i < size; t++) {
			yield make(others[t]!, rng.chance(0.8) ? library : LIBRARY_ZIPF.sample(rng), original.id);
			i++;
		}
	}
}

/** Run directly: print a few generated resources and the vocabulary sizes (a look at the corpus). */
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const n = Number(process.argv[2] ?? 3);
	for (const r of generateCorpus(Math.max(n, 1))) {
		console.log(JSON.stringify({ ...r, body: r.body.slice(0, 600) + '…' }, null, 1));
	}
	for (const l of LANGS) console.log(l, 'surface forms before clitics:', vocabularyForms(l).length);
}
