// The add-a-theme form: one label per interface language, empty ones left out, and the same
// refusals as the API (key shape, at least one label, hostile text).
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../http/validation';
import { addThemeForm } from './schemas';

const parse = (values: Record<string, string>) => parseOrThrow(addThemeForm, values);
const fieldsOf = (values: Record<string, string>) => {
	try {
		parse(values);
	} catch (e) {
		if (e instanceof DomainError)
			return Object.fromEntries((e.fields ?? []).map((f) => [f.field, f.message]));
		throw e;
	}
	return {};
};

describe('addThemeForm', () => {
	it('keeps the filled labels by language and lower-cases the key', () => {
		expect(
			parse({
				key: ' Food-Sovereignty ',
				label_en: ' Food sovereignty ',
				label_ar: 'السيادة الغذائية',
				label_fr: ''
			})
		).toEqual({
			key: 'food-sovereignty',
			labels: { en: 'Food sovereignty', ar: 'السيادة الغذائية' }
		});
	});

	it('refuses a bad key, no label at all, and control characters, each on its field', () => {
		expect(fieldsOf({ key: 'food sovereignty', label_en: 'Food' })).toEqual({ key: 'theme_key_invalid' });
		expect(fieldsOf({ key: 'food', label_en: ' ', label_ar: '' })).toEqual({ labels: 'field_required' });
		expect(Object.keys(fieldsOf({ key: 'food', label_en: 'Fo\u0000od' }))).toEqual(['labels.en']);
		expect(Object.keys(fieldsOf({ key: 'food', label_en: 'x'.repeat(5000) }))[0]).toMatch(
			/^label_en|labels\.en$/
		);
	});
});
