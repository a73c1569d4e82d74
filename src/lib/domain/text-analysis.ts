/**
 * Text analysis for search: the same code builds the index on the server and analyses queries in
 * the browser, so a document and a query always meet on identical terms.
 *
 * Pipeline, for every language:
 *  1. cap the input (MAX_INPUT_CHARS), Unicode NFKC (full-width letters, ligatures, Arabic
 *     presentation forms become plain letters), full case folding;
 *  2. drop format characters (zero-width joiners/spaces, bidi overrides and marks, soft hyphen) so
 *     they can neither split nor disguise a word; typographic apostrophes become `'`;
 *  3. tokenise: runs of letters, marks and digits, joined by inner apostrophes; a run that mixes
 *     Arabic script with another script is split where the script changes; runs of scripts written
 *     without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) go through Intl.Segmenter when present;
 *  4. per word, by its script (the tag only decides stemming of Latin words):
 *     - Arabic script, whatever the tag (the script is unambiguous): strip harakat, tanween, shadda,
 *       sukun, superscript alef, Quranic marks and tatweel; أ إ آ ٱ → ا, ى → ي, ة → ه; Arabic-Indic
 *       digits → 0-9; then the Lucene ArabicStemmer (Larkey's light stemmer): one prefix of
 *       ال وال بال كال فال لل و, then the suffixes ها ان ات ون ين يه ية ه ة ي, each only when
 *       at least two letters stay (three for و). The bare one-letter prefixes ف ب ك ل are removed
 *       only together with the article (فال بال كال لل), as in Lucene: alone they are too often
 *       the word's own first letter (كتاب, بيت, فكرة, لغة).
 *     - Latin script: diacritics stripped (NFD, combining marks dropped; œ æ ø ł đ ı folded too);
 *       French elision removed (l' d' qu' …) when the tag is fr; Snowball stemming when the tag is
 *       en (Porter2, npm `stemr`) or fr (Snowball French, npm `@orama/stemmers`), on the
 *       diacritic-free form so that "ecole" and "école" always give the same term.
 *     - any other script: normalisation only.
 *     Apostrophes left inside a word are removed, so every term is letters, marks and digits only.
 *
 * Bounds (hostile input): at most MAX_INPUT_CHARS characters are read, a word longer than
 * MAX_TERM_LENGTH is cut, and at most MAX_TERMS terms come out (MAX_QUERY_* for queries).
 */
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stem as englishStem } from 'stemr';

/** Characters of a text that are analysed; the rest is ignored (a resource body is ≤ 200,000). */
export const MAX_INPUT_CHARS = 300_000;
/** Terms one text yields at most. */
export const MAX_TERMS = 50_000;
/** A longer "word" (base64, a URL without separators) is cut to this many UTF-16 units. */
export const MAX_TERM_LENGTH = 64;
/** Queries: characters read and terms kept. */
export const MAX_QUERY_CHARS = 1_000;
export const MAX_QUERY_TERMS = 32;
/** A shorter prefix is not offered: it would expand to most of the vocabulary. */
export const MIN_PREFIX_LENGTH = 2;

/** Terms of a text in a language (BCP 47; 'ar', 'en', 'fr' get stemming, others normalisation). */
export function analyze(text: string, language: string): string[] {
	const terms: string[] = [];
	eachWord(prepare(text, MAX_INPUT_CHARS), stemmerFor(language), MAX_TERMS, (word) => {
		terms.push(word.term);
	});
	return terms;
}

/**
 * A query: the same analysis. When the query ends inside a word (not after a space or punctuation)
 * that last word is also returned as `prefix`, for search as you type. Its term stays in `terms`
 * (the engine matches the last word by term OR prefix).
 *
 * The prefix is the normalised, unstemmed word, cut back to where a stemmer could start cutting:
 * typing "organi" must reach the indexed stem "organ" of "organizing", so an unstemmed prefix
 * alone is too long. For en/fr the cut is at the word's R2 region (R1 when R2 is not reached yet),
 * the regions Snowball works in; a stem removes at most what lies beyond them. For Arabic it is the
 * light stem (the article goes, as in the index) minus a trailing letter that may begin a suffix
 * (ا of ات/ان, و of ون). Other languages: the normalised word. Null when shorter than
 * MIN_PREFIX_LENGTH.
 */
export function analyzeQuery(query: string, language: string): { terms: string[]; prefix: string | null } {
	const input = prepare(query, MAX_QUERY_CHARS);
	const stemmer = stemmerFor(language);
	const terms: string[] = [];
	let last: Word | null = null;
	let lastEnd = -1;
	eachWord(input, stemmer, MAX_QUERY_TERMS, (word, end) => {
		terms.push(word.term);
		last = word;
		lastEnd = end;
	});
	const final = last as Word | null;
	if (!final || lastEnd !== input.length) return { terms, prefix: null };
	const prefix = prefixOf(final, stemmer);
	return { terms, prefix: prefix.length >= MIN_PREFIX_LENGTH ? prefix : null };
}

/** Normalisation only (NFKC, case fold, diacritics, Arabic letter unification): for snippets/highlights. */
export function normalize(text: string, language: string): string {
	void language; // the same normalisation for every language today; kept for the contract
	return prepare(text, MAX_INPUT_CHARS)
		.replace(LONE_SURROGATE, '\uFFFD')
		.replace(CONTROL, ' ')
		.replace(TOKEN, (token) => {
			let out = '';
			for (const run of scriptRuns(token)) out += ARABIC_LETTER.test(run) ? run : foldLatin(run);
			return out;
		});
}

// ---------------------------------------------------------------------------------------------

interface Stemmer {
	/** Stems a lower-case, diacritic-free Latin word. */
	stem(word: string): string;
	vowels: RegExp;
	elide: boolean;
	/** Analysed words by token. */
	tokens: Map<string, Word[]>;
}

interface Word {
	term: string;
	/** The normalised word before stemming (elision and apostrophes already gone). */
	plain: string;
	arabic: boolean;
}

// Per stemmer; only tokens up to MEMO_TOKEN_LENGTH are kept, so a full memo stays around 10 MB.
const WORD_MEMO_SIZE = 50_000;
const MEMO_TOKEN_LENGTH = 48;
const unstemmedTokens = new Map<string, Word[]>();
const english: Stemmer = { stem: englishStem, vowels: /[aeiouy]/, elide: false, tokens: new Map() };
const french: Stemmer = { stem: stemUnaccentedFrench, vowels: /[aeiouy]/, elide: true, tokens: new Map() };

/**
 * Snowball French reads accents (-ée, -èrent, -ité are suffixes, -ee is not), but the index must
 * give "ecole" and "école" the same term. So the word is stemmed without its accents, after putting
 * back the accent of four endings that are unambiguous in French. Measured on the Snowball French
 * vocabulary (accents compared out): 94.5% agreement where plain unaccented stemming has 88.8%,
 * 98.1% through the whole analysis (elision included), and every accented word's term equals its
 * unaccented spelling's (stemming the accented word would agree 96.1% but match only 77%).
 */
function stemUnaccentedFrench(word: string): string {
	const accented = word
		.replace(/ee(s?)$/, 'ée$1')
		.replace(/erent$/, 'èrent')
		.replace(/ite(s?)$/, 'ité$1')
		.replace(/iere(s?)$/, 'ière$1');
	const stem = frenchStem(accented);
	return NON_ASCII.test(stem) ? foldLatin(stem) : stem;
}

function stemmerFor(language: string): Stemmer | null {
	if (typeof language !== 'string') return null;
	const primary = language.slice(0, 3).toLowerCase().split(/[-_]/)[0];
	return primary === 'en' ? english : primary === 'fr' ? french : null;
}

const FORMAT = /\p{Cf}/gu;
const APOSTROPHES = /[\u2018\u2019\u02BC\u02BB\u2032\uFF07]/g;
const FINAL_SIGMA = /ς/g;
const TATWEEL = /\u0640/g;
const ARABIC_BLOCK = /[\u0600-\u06FF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Cap, NFKC, full case folding, format characters out, one apostrophe. */
function prepare(text: string, max: number): string {
	let s = typeof text === 'string' ? text : '';
	if (s.length > max) s = s.slice(0, max);
	s = s.normalize('NFKC');
	// Upper then lower is full case folding for everything search cares about (ß → ss,
	// ﬃ → ffi, ᾳ → αι), except the final sigma that lowering puts back.
	s = s.toUpperCase().toLowerCase().replace(FINAL_SIGMA, 'σ');
	// Tatweel only stretches a word; left in, it would split "والـ" into two runs of scripts.
	s = s.replace(FORMAT, '').replace(TATWEEL, '').replace(APOSTROPHES, "'");
	// Arabic normalisation touches Arabic code points only, so one pass over the text does it.
	return ARABIC_BLOCK.test(s) ? normalizeArabic(s) : s;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*/gu;
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const OTHER_THAN_ARABIC = /[^\p{Script=Arabic}\p{M}']/u;
const MIXED = /[\p{Script=Arabic}\p{M}']+|[^\p{Script=Arabic}]+/gu;
const NO_SPACES =
	/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const NON_ASCII = /[\u0080-\uFFFF]/;

let segmenter: Intl.Segmenter | null | undefined;
function wordSegmenter(): Intl.Segmenter | null {
	if (segmenter === undefined) {
		segmenter =
			typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
	}
	return segmenter;
}

/** A token split where Arabic script meets another script ("APIات", "عربيEnglish"). */
function scriptRuns(token: string): string[] {
	if (!ARABIC_LETTER.test(token) || !OTHER_THAN_ARABIC.test(token)) return [token];
	return token.match(MIXED) ?? [token];
}

function eachWord(
	input: string,
	stemmer: Stemmer | null,
	max: number,
	emit: (word: Word, end: number) => void
): void {
	const memo = stemmer?.tokens ?? unstemmedTokens;
	let count = 0;
	TOKEN.lastIndex = 0;
	for (let m = TOKEN.exec(input); m !== null && count < max; m = TOKEN.exec(input)) {
		const token = m[0];
		// Analysing a token is pure, and tokens repeat (Zipf): most tokens end in this lookup,
		// which skips the script, segmentation and stemming work (measured: half of indexing).
		let words = memo.get(token);
		if (words === undefined) {
			words = tokenWords(token, stemmer);
			// Long tokens (hostile input, run-on scripts) are rare and would make the memo's size unbounded.
			if (token.length <= MEMO_TOKEN_LENGTH) {
				if (memo.size >= WORD_MEMO_SIZE) memo.clear();
				memo.set(token, words);
			}
		}
		const end = m.index + token.length;
		for (let i = 0; i < words.length && count < max; i++, count++) emit(words[i]!, end);
	}
}

/** A token's words: split where scripts meet and where a script has no spaces, each analysed. */
function tokenWords(token: string, stemmer: Stemmer | null): Word[] {
	const out: Word[] = [];
	const ascii = !NON_ASCII.test(token);
	for (const run of ascii ? [token] : scriptRuns(token)) {
		const pieces = !ascii && NO_SPACES.test(run) ? segment(run) : [run];
		for (const whole of pieces) {
			const word = analyzeWord(cut(whole), stemmer);
			if (word !== null) out.push(word);
		}
	}
	return out;
}

function segment(run: string): string[] {
	const seg = wordSegmenter();
	if (!seg) return [run];
	const out: string[] = [];
	for (const s of seg.segment(run)) if (s.isWordLike) out.push(s.segment);
	return out;
}

function analyzeWord(token: string, stemmer: Stemmer | null): Word | null {
	if (NON_ASCII.test(token) && ARABIC_LETTER.test(token)) {
		// Already normalised with the whole text (prepare).
		const plain = token.includes("'") ? token.replace(/'/g, '') : token;
		if (plain === '') return null;
		return { term: arabicStem(plain), plain, arabic: true };
	}
	const plain = normalizeOther(token, stemmer?.elide ?? false);
	if (plain === '') return null;
	const term = stemmer && LATIN.test(plain) ? stemmer.stem(plain) || plain : plain;
	return { term, plain, arabic: false };
}

/** At most MAX_TERM_LENGTH UTF-16 units, never half of a surrogate pair. */
function cut(token: string): string {
	if (token.length <= MAX_TERM_LENGTH) return token;
	const code = token.charCodeAt(MAX_TERM_LENGTH - 1);
	return token.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_TERM_LENGTH - 1 : MAX_TERM_LENGTH);
}

// --- Latin and other scripts ------------------------------------------------------------------

const LATIN = /\p{Script=Latin}/u;
const LETTER_FOLDS: Record<string, string> = {
	œ: 'oe',
	æ: 'ae',
	ø: 'o',
	ł: 'l',
	đ: 'd',
	ı: 'i',
	ð: 'd',
	þ: 'th'
};
const UNDECOMPOSABLE = /[œæøłđıðþ]/g;
const ELISION = /^(?:qu|jusqu|lorsqu|puisqu|quoiqu|[cdjlmnst])'(?=.)/;

function normalizeOther(token: string, elide: boolean): string {
	let s = foldLatin(token);
	if (elide) s = s.replace(ELISION, '');
	return s.includes("'") ? s.replace(/'/g, '') : s;
}

function foldLatin(token: string): string {
	let s = token;
	if (NON_ASCII.test(s) && LATIN.test(s)) {
		// Only marks on Latin letters go: in Devanagari or Hebrew the marks are the vowels.
		s = s
			.normalize('NFD')
			.replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
			.normalize('NFC')
			.replace(UNDECOMPOSABLE, (c) => LETTER_FOLDS[c] ?? c);
	}
	return s;
}

// --- Arabic (Lucene ArabicNormalizer + ArabicStemmer) ---------------------------------------

// Harakat, tanween, shadda, sukun (064B–065F), superscript alef (0670), Quranic marks, tatweel.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const ALEFS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g;
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

function normalizeArabic(token: string): string {
	return token
		.replace(ARABIC_MARKS, '')
		.replace(ALEFS, 'ا')
		.replace(/ى/g, 'ي')
		.replace(/ة/g, 'ه')
		.replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
}

// Lucene's order matters: the first matching prefix is the only one removed; suffixes are tried
// in turn and several may go (ساهدهات → ساهده → ساهد).
const ARABIC_PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
const ARABIC_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

function arabicStem(word: string): string {
	let s = word;
	for (const prefix of ARABIC_PREFIXES) {
		if (prefix.length === 1 ? s.length >= 4 : s.length >= prefix.length + 2) {
			if (s.startsWith(prefix)) {
				s = s.slice(prefix.length);
				break;
			}
		}
	}
	for (const suffix of ARABIC_SUFFIXES) {
		if (s.length >= suffix.length + 2 && s.endsWith(suffix)) s = s.slice(0, -suffix.length);
	}
	return s;
}

// --- Prefixes for search as you type ----------------------------------------------------------

function prefixOf(word: Word, stemmer: Stemmer | null): string {
	if (word.arabic) {
		const stem = arabicStem(word.plain);
		return stem.length >= 4 && /[او]$/.test(stem) ? stem.slice(0, -1) : stem;
	}
	if (!stemmer || !LATIN.test(word.plain)) return word.plain;
	return word.plain.slice(0, stemSafeLength(word.plain, stemmer.vowels));
}

/**
 * Snowball removes suffixes only inside R1 (and most of them inside R2): the letters before R2 —
 * before R1 while R2 is not reached — survive in the stem of every word that begins like this one.
 * Never fewer than three letters (a prefix that short matches too much).
 */
function stemSafeLength(word: string, vowels: RegExp): number {
	const r1 = regionStart(word, 0, vowels);
	const r2 = regionStart(word, r1, vowels);
	const keep = r2 < word.length ? r2 : r1 < word.length ? r1 : word.length;
	return Math.max(keep, Math.min(3, word.length));
}

/** The Snowball region start: just past the first non-vowel that follows a vowel, from `from`. */
function regionStart(word: string, from: number, vowels: RegExp): number {
	for (let i = from + 1; i < word.length; i++) {
		if (!vowels.test(word[i] ?? '') && vowels.test(word[i - 1] ?? '')) return i + 1;
	}
	return word.length;
}
