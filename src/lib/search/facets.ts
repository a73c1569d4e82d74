/**
 * Facet values as a reader sees them: labels in the reader's language (types and
 * accessibility features from the reading pages' keys, languages and regions from
 * Intl, licences by their titles, themes and libraries from the server's names) with
 * the count beside each, in a stable alphabetical order so a box does not move under
 * the pointer as the counts change while someone types.
 */
import { licenceName } from '../domain/licence-words';
import { ALL_RIGHTS_RESERVED, isLicenceId, licence } from '../domain/licences';
import { DURATION_BANDS, type ListFilter } from '../domain/search-url';
import type { MessageKey } from '../i18n/keys';
import { ACCESSIBILITY_LABELS, TYPE_LABELS, languageLabel } from '../resources/options';

export interface FacetContext {
	t: (key: MessageKey, params?: Record<string, string | number>) => string;
	number: (n: number) => string;
	locale: string;
	themeLabels: Record<string, string>;
	libraryNames: Record<string, string>;
}

function regionName(code: string, locale: string): string | null {
	if (!/^([a-z]{2}|[0-9]{3})$/i.test(code)) return null;
	try {
		const name = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(code.toUpperCase());
		return name ?? null;
	} catch {
		return null;
	}
}

function licenceLabel(id: string, ctx: FacetContext): string {
	if (id === ALL_RIGHTS_RESERVED) return ctx.t('search_licence_reserved');
	if (!isLicenceId(id)) return id;
	const titles = licence(id).titles;
	const primary = ctx.locale.split('-')[0];
	const title = (primary === 'ar' || primary === 'fr' ? titles[primary] : undefined) ?? titles.en;
	const short = licenceName(id, ctx.locale);
	return short && !title.startsWith(short) ? `${short} · ${title}` : title;
}

/** The label of one value of a facet in the reader's language (the value itself when nothing better is known). */
export function facetValueLabel(facet: ListFilter, value: string, ctx: FacetContext): string {
	switch (facet) {
		case 'language':
			return languageLabel(value, ctx.locale);
		case 'type':
			return value in TYPE_LABELS ? ctx.t(TYPE_LABELS[value as keyof typeof TYPE_LABELS]) : value;
		case 'theme':
			return ctx.themeLabels[value] ?? value;
		case 'license':
			return licenceLabel(value, ctx);
		case 'duration':
			return (DURATION_BANDS as readonly string[]).includes(value)
				? ctx.t(`search_duration_${value}` as MessageKey)
				: value;
		case 'library':
			return ctx.libraryNames[value] ?? value;
		case 'region':
			return value === 'global' ? ctx.t('search_region_global') : (regionName(value, ctx.locale) ?? value);
		case 'accessibility':
			return value in ACCESSIBILITY_LABELS
				? ctx.t(ACCESSIBILITY_LABELS[value as keyof typeof ACCESSIBILITY_LABELS])
				: value;
	}
}

/** A facet's checkbox options: "label (count)", sorted by label in the reader's language. */
export function facetOptions(
	facet: ListFilter,
	counts: Record<string, number>,
	ctx: FacetContext
): { value: string; label: string }[] {
	const collator = new Intl.Collator(ctx.locale);
	return Object.entries(counts)
		.map(([value, n]) => ({ value, name: facetValueLabel(facet, value, ctx), n }))
		.sort((a, b) => collator.compare(a.name, b.name) || (a.value < b.value ? -1 : 1))
		.map(({ value, name, n }) => ({
			value,
			label: ctx.t('search_option_count', { label: name, n: ctx.number(n) })
		}));
}
