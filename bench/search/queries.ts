/**
 * The benchmark's queries, the same for every engine: what readers type in English, Arabic and
 * French, in the forms that make analysis matter (inflections, Arabic with and without the
 * article and vowel marks, loose hamza, French without accents). Each query is typed as in the
 * search box, without a trailing space, so its last word is also matched as a prefix.
 *
 * Kinds:
 * - single: one word;
 * - multi: two or three words (all must match);
 * - filtered: one word with a type, a theme and a licence chosen;
 * - faceted: a common word (a large hit set) with the reader's language and a duration band
 *   chosen, so the ten disjunctive facet counts run over many documents;
 * - browse: no text, nothing chosen: the newest resources and every facet over the whole index.
 * Every kind returns all ten facet counts (search() always computes them), a page of 20 hits,
 * snippets and "also in" translations.
 */
import type { Lang } from './generate';

export type Kind = 'single' | 'multi' | 'filtered' | 'faceted' | 'browse';
export const KINDS: readonly Kind[] = ['single', 'multi', 'filtered', 'faceted', 'browse'];

/** The subset of the search service's SearchQuery the benchmark uses. */
export interface BenchQuery {
	q: string;
	lang: Lang;
	type?: string[];
	theme?: string[];
	license?: string[];
	language?: string[];
	duration?: ('short' | 'medium' | 'long' | 'extended')[];
}

const SINGLE: Record<Lang, string[]> = {
	en: [
		'community',
		'organizing',
		'leadership',
		'volunteers',
		'budget',
		'assessment',
		'facilitator',
		'boycott',
		'refugees',
		'seasonal'
	],
	ar: [
		'المجتمع',
		'مجتمع',
		'القيادة',
		'التعبئة',
		'تضامن',
		'الميزانية',
		'اللاجئين',
		'مُجْتَمَع',
		'اسلام',
		'الاجتماعات'
	],
	fr: [
		'communautés',
		'mobilisation',
		'réunion',
		'reunion',
		'bénévoles',
		'animatrice',
		'budget',
		'grève',
		'évaluation',
		'solidarité'
	]
};

const MULTI: Record<Lang, string[]> = {
	en: [
		'community organizing',
		'women leadership training',
		'mutual aid kitchen',
		'problem tree analysis',
		'youth volunteers budget',
		'seasonal calendar',
		'group agreement feedback',
		'fundraising donors report'
	],
	ar: [
		'التعبئة المجتمعية',
		'حل المشكلات',
		'مجموعات النساء',
		'جمع التبرعات',
		'تقييم الوضع',
		'القيادة المشتركة',
		'خريطة المجتمع',
		'ورشة الميسرين'
	],
	fr: [
		'mobilisation communautaire',
		'groupes de femmes',
		'collecte de fonds',
		'arbre à problèmes',
		'prise de décision',
		'évaluation participative',
		'réunion des bénévoles',
		'carte du quartier'
	]
};

const BROAD: Record<Lang, string[]> = {
	en: ['community', 'people', 'group', 'work'],
	ar: ['مجتمع', 'مجموعة', 'العمل', 'الناس'],
	fr: ['communauté', 'groupe', 'personnes', 'travail']
};

const FILTERS: { type: string; theme: string; license: string }[] = [
	{ type: 'activity', theme: 'group-process', license: 'CC-BY-4.0' },
	{ type: 'handout', theme: 'leadership', license: 'CC-BY-SA-4.0' },
	{ type: 'reading', theme: 'what-is-community-mobilization', license: 'CC-BY-4.0' },
	{ type: 'module', theme: 'selecting-a-problem', license: 'CC-BY-NC-SA-4.0' },
	{ type: 'video', theme: 'who-is-my-community', license: 'CC-BY-4.0' }
];

const DURATIONS = ['short', 'medium', 'long'] as const;

export function queriesOf(kind: Kind): BenchQuery[] {
	const out: BenchQuery[] = [];
	for (const lang of ['en', 'ar', 'fr'] as const) {
		switch (kind) {
			case 'single':
				for (const q of SINGLE[lang]) out.push({ q, lang });
				break;
			case 'multi':
				for (const q of MULTI[lang]) out.push({ q, lang });
				break;
			case 'filtered':
				SINGLE[lang].slice(0, 5).forEach((q, i) => {
					const f = FILTERS[i % FILTERS.length]!;
					out.push({ q, lang, type: [f.type], theme: [f.theme], license: [f.license] });
				});
				break;
			case 'faceted':
				BROAD[lang].forEach((q, i) =>
					out.push({ q, lang, language: [lang], duration: [DURATIONS[i % DURATIONS.length]!] })
				);
				break;
			case 'browse':
				out.push({ q: '', lang });
				break;
		}
	}
	return out;
}
