/**
 * Formatting of messages, dates and numbers for one locale. Plural forms come
 * from the platform's CLDR rules (Intl.PluralRules), so Arabic gets its six forms
 * (zero, one, two, few, many, other) without a hand-written table.
 */
import type { Catalogue, MessageKey, MessageParams, MessageValue } from './keys';
import type { Locale } from './locales';

export interface Translator {
	locale: Locale;
	t(key: MessageKey, params?: MessageParams): string;
	date(value: string | Date, style?: 'date' | 'datetime'): string;
	number(value: number): string;
}

function interpolate(template: string, params: MessageParams, nf: Intl.NumberFormat): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const v = params[name];
		if (v === undefined) return whole;
		return typeof v === 'number' ? nf.format(v) : v;
	});
}

export function formatMessage(
	value: MessageValue | undefined,
	params: MessageParams,
	plural: Intl.PluralRules,
	nf: Intl.NumberFormat,
	fallback: string
): string {
	if (value === undefined) return fallback;
	if (typeof value === 'string') return interpolate(value, params, nf);
	const count = Number(params.count ?? 0);
	const form = (count === 0 && value.zero) || value[plural.select(count)] || value.other || fallback;
	return interpolate(form, params, nf);
}

export function createTranslator(locale: Locale, catalogue: Partial<Catalogue>): Translator {
	const plural = new Intl.PluralRules(locale);
	const nf = new Intl.NumberFormat(locale);
	const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
	const dateTimeFmt = new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'UTC'
	});
	return {
		locale,
		t: (key, params = {}) => formatMessage(catalogue[key], params, plural, nf, key),
		date: (value, style = 'date') => {
			const d = typeof value === 'string' ? new Date(value) : value;
			if (Number.isNaN(d.getTime())) return '';
			return (style === 'date' ? dateFmt : dateTimeFmt).format(d);
		},
		number: (value) => nf.format(value)
	};
}
