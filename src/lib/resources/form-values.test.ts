import { describe, expect, it } from 'vitest';
import { formFieldErrors, formFieldOf, versionFormValues } from './form-values';
import { createdNoticeQuery, editNotice, historyNotice, savedNoticeQuery } from './notices';
import { accessibilityOptions, languageLabel, languageOptions, licenceOptions, typeOptions } from './options';

const t = (key: string) => `[${key}]`;

describe('versionFormValues', () => {
	it('writes lists the way people type them and leaves the change note empty', () => {
		const values = versionFormValues({
			title: 'T',
			summary: 'S',
			body: 'B',
			type: 'activity',
			themes: ['leadership'],
			tags: ['a', 'b'],
			audience: null,
			duration_minutes: 30,
			region: null,
			sdg: ['4.7', '16.b'],
			accessibility: ['captions'],
			license: 'CC-BY-4.0',
			authors: ['Ana', 'Bo, ed.'],
			source_url: null
		});
		expect(values).toMatchObject({
			tags: 'a, b',
			sdg: '4.7, 16.b',
			authors: 'Ana\nBo, ed.',
			duration_minutes: '30',
			audience: '',
			themes: ['leadership']
		});
		expect(values).not.toHaveProperty('change_note');
	});
});

describe('formFieldOf', () => {
	it('puts list items on their list and the attachment service’s fields on the file fields', () => {
		expect(formFieldOf('themes.0')).toBe('themes');
		expect(formFieldOf('attachment_ids.2')).toBe('attachment_ids');
		expect(formFieldOf('altText')).toBe('file_alt');
		expect(formFieldOf('uploads.0.altText')).toBe('file_alt');
		expect(formFieldOf('fileName')).toBe('file');
		expect(formFieldOf('transcript')).toBe('file_transcript');
		expect(formFieldOf('title')).toBe('title');
		expect(formFieldOf('license')).toBe('license');
	});

	it('keeps the first message of each control', () => {
		expect(formFieldErrors({ 'tags.1': 'first', 'tags.3': 'second', altText: 'alt' })).toEqual({
			tags: 'first',
			file_alt: 'alt'
		});
		expect(formFieldErrors(undefined)).toEqual({});
	});
});

describe('notices', () => {
	it('picks only known notices, with a version number when the sentence needs one', () => {
		expect(editNotice(new URLSearchParams('notice=proposed&version=3'))).toEqual({
			key: 'edit_notice_proposed',
			params: { number: 3 }
		});
		expect(editNotice(new URLSearchParams('notice=proposed'))).toBeNull();
		expect(editNotice(new URLSearchParams('notice=proposed&version=<b>'))).toBeNull();
		expect(editNotice(new URLSearchParams('notice=created_draft'))).toEqual({
			key: 'edit_notice_created_draft',
			params: {}
		});
		expect(editNotice(new URLSearchParams('notice=__proto__'))).toBeNull();
		expect(historyNotice(new URLSearchParams('notice=unpublished'))?.key).toBe('history_notice_unpublished');
		expect(historyNotice(new URLSearchParams('notice=proposed&version=1'))).toBeNull();
	});

	it('words a save by what happened', () => {
		expect(savedNoticeQuery({ number: 2, state: 'published' }, true)).toBe('notice=published&version=2');
		expect(savedNoticeQuery({ number: 2, state: 'draft' }, true)).toBe('notice=saved&version=2');
		expect(savedNoticeQuery({ number: 2, state: 'draft' }, false)).toBe('notice=proposed&version=2');
	});

	it('words a new resource by whether it was published at once', () => {
		const query = (published_version_id: string | null) =>
			editNotice(new URLSearchParams(createdNoticeQuery({ published_version_id })))?.key;
		expect(query('v1')).toBe('edit_notice_created');
		expect(query(null)).toBe('edit_notice_created_draft');
	});
});

describe('options', () => {
	it('labels every type and accessibility feature, "none" last', () => {
		expect(typeOptions(t).map((o) => o.label)).toContain('[read_type_case-story]');
		const a11y = accessibilityOptions(t, 'en');
		expect(a11y).toHaveLength(29);
		expect(a11y.at(-1)?.value).toBe('none');
	});

	it('names languages in the reader’s language and in their own', () => {
		expect(languageLabel('ar', 'en')).toBe('Arabic (العربية)');
		expect(languageLabel('en', 'en')).toBe('English');
		expect(languageLabel('fr', 'ar')).toMatch(/الفرنسية/);
		// A resource's own tag outside the common list is offered, never silently replaced.
		expect(languageOptions('en', 'fr-CA').map((o) => o.value)).toContain('fr-CA');
		expect(languageOptions('en', 'not a tag!').map((o) => o.value)).not.toContain('not a tag!');
	});

	it('lists the licences with their titles in the reader’s language and "all rights reserved" last', () => {
		const en = licenceOptions(t, 'en');
		expect(en.find((o) => o.value === 'CC-BY-NC-SA-4.0')?.label).toBe(
			'CC BY-NC-SA 4.0 · Attribution-NonCommercial-ShareAlike 4.0 International'
		);
		expect(en.at(-1)).toEqual({ value: 'all-rights-reserved', label: '[edit_licence_all_rights_reserved]' });
		const ar = licenceOptions(t, 'ar');
		expect(ar.find((o) => o.value === 'CC-BY-2.0')?.label).toBe('CC BY 2.0 · نسب المصنف 2.0 عام');
		expect(ar.find((o) => o.value === 'CC0-1.0')?.label).toBe('CC0 1.0 عام');
	});
});
