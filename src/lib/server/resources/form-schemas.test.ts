// The resource form schemas: form strings in, the service's input out, and hostile input
// (oversized, control characters, wrong types, script payloads) refused with a clear
// message on the right field, or kept as plain text.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCE_LIMITS as L } from '../../domain/resources';
import { parseOrThrow } from '../http/validation';
import { refusedFields } from '../testing/refusals';
import {
	createResourceBody,
	createResourceForm,
	saveVersionBody,
	saveVersionForm,
	versionActionForm
} from './schemas';

const LIBRARY = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const ATTACHMENT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c';

const base = {
	library_id: LIBRARY,
	language: 'en',
	title: 'Mapping who is in the room',
	type: 'activity',
	license: 'CC-BY-NC-SA-4.0'
};

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/hostile-input');
const hostile = fs
	.readFileSync(path.join(FIXTURES, 'xss.txt'), 'utf8')
	.split('\n')
	.filter((l) => l.trim() !== '');

describe('createResourceForm', () => {
	it('turns form strings into the service input, which the API schema accepts as it is', () => {
		const { input, upload } = parseOrThrow(createResourceForm, {
			...base,
			summary: ' A warm-up. ',
			body: '# Steps\r\n\r\n1. Draw a circle',
			themes: ['group-process', 'leadership', 'group-process'],
			tags: 'warm-up, mapping،  trust ;; ',
			sdg: '4.7, 16.b',
			accessibility: 'captions',
			authors: 'Amina K.\r\n\r\nJ. Doe, editor\n',
			duration_minutes: ' ٤٥ ',
			audience: '',
			region: 'Levant',
			source_url: '',
			publish: '1',
			file_alt: 'A circle of chairs',
			file_title: '',
			file_transcript: ''
		});
		expect(input).toMatchObject({
			library_id: LIBRARY,
			language: 'en',
			summary: 'A warm-up.',
			body: '# Steps\n\n1. Draw a circle',
			themes: ['group-process', 'leadership'],
			tags: ['warm-up', 'mapping', 'trust'],
			sdg: ['4.7', '16.b'],
			accessibility: ['captions'],
			authors: ['Amina K.', 'J. Doe, editor'],
			duration_minutes: 45,
			region: 'Levant',
			publish: true
		});
		expect(input.audience).toBeUndefined();
		expect(input.source_url).toBeUndefined();
		expect(input).not.toHaveProperty('file_alt');
		expect(upload).toEqual({ altText: 'A circle of chairs', title: undefined, transcript: '' });
		// The service parses the input again with the API schema: it must pass unchanged.
		expect(parseOrThrow(createResourceBody, input)).toMatchObject(input);
	});

	it('reads nothing ticked as empty lists, an empty duration as none and no publish box as a draft', () => {
		const { input } = parseOrThrow(createResourceForm, { ...base, duration_minutes: '' });
		expect(input).toMatchObject({ themes: [], accessibility: [], tags: [], sdg: [], authors: [] });
		expect(input.duration_minutes).toBeNull();
		expect(input.publish).toBe(false);
	});

	it('names the field for missing and wrong-type values', () => {
		expect(refusedFields(createResourceForm, { ...base, title: '   ' })).toMatchObject({
			title: 'field_required'
		});
		expect(refusedFields(createResourceForm, { ...base, title: ['a', 'b'] })).toMatchObject({
			title: 'field_wrong_type'
		});
		expect(refusedFields(createResourceForm, { ...base, type: 'podcast' })).toMatchObject({
			type: 'field_invalid_choice'
		});
		expect(refusedFields(createResourceForm, { ...base, license: 'GPL' })).toMatchObject({
			license: 'resource_licence_invalid'
		});
		expect(refusedFields(createResourceForm, { ...base, language: 'english please' })).toMatchObject({
			language: 'resource_language_invalid'
		});
		expect(refusedFields(createResourceForm, { ...base, library_id: 'demo' })).toMatchObject({
			library_id: 'field_invalid_id'
		});
	});

	it('refuses oversized text with the limit', () => {
		const f = refusedFields(createResourceForm, {
			...base,
			title: 'x'.repeat(L.title + 1),
			summary: 's'.repeat(L.summary + 1),
			change_note: 'n'.repeat(L.changeNote + 1),
			file_alt: 'a'.repeat(5000)
		});
		expect(f).toMatchObject({
			title: 'field_too_long',
			summary: 'field_too_long',
			change_note: 'field_too_long',
			file_alt: 'field_too_long'
		});
		const many = Array.from({ length: L.tags + 1 }, (_, i) => `tag${i}`).join(',');
		expect(refusedFields(createResourceForm, { ...base, tags: many })).toMatchObject({
			tags: 'field_too_many'
		});
	});

	it('refuses control characters in text, lists and file texts', () => {
		const f = refusedFields(createResourceForm, {
			...base,
			title: 'A\u0000title',
			body: 'line\u0007bell',
			tags: 'ok, bad\u001b[31m',
			authors: 'Ana\u0008',
			file_title: 'x\u007f'
		});
		expect(f).toMatchObject({
			title: 'resource_forbidden_characters',
			body: 'resource_forbidden_characters',
			'tags.1': 'resource_forbidden_characters',
			'authors.0': 'resource_forbidden_characters',
			file_title: 'resource_forbidden_characters'
		});
	});

	it('gives the duration its own message for words, decimals and huge numbers', () => {
		for (const bad of ['an hour', '1.5', '-3', '1e3', '9'.repeat(30)]) {
			expect(refusedFields(createResourceForm, { ...base, duration_minutes: bad }), bad).toMatchObject({
				duration_minutes: bad.length > 20 ? 'field_too_long' : 'edit_duration_invalid'
			});
		}
		expect(refusedFields(createResourceForm, { ...base, duration_minutes: '0' })).toMatchObject({
			duration_minutes: 'field_number_too_small'
		});
		expect(
			refusedFields(createResourceForm, { ...base, duration_minutes: String(L.durationMax + 1) })
		).toMatchObject({ duration_minutes: 'field_number_too_large' });
	});

	it('refuses bad SDG targets, unknown accessibility features and non-web source addresses', () => {
		const f = refusedFields(createResourceForm, {
			...base,
			sdg: '4.7, 18.1',
			accessibility: ['captions', 'telepathy'],
			source_url: 'javascript:alert(1)'
		});
		expect(f).toMatchObject({
			'sdg.1': 'resource_sdg_invalid',
			'accessibility.1': 'resource_accessibility_invalid',
			source_url: 'resource_url_invalid'
		});
	});

	it('keeps every script payload as plain text (escaping is the page’s job)', () => {
		expect(hostile.length).toBeGreaterThan(20);
		for (const payload of hostile.filter((p) => p.length <= L.title)) {
			const { input } = parseOrThrow(createResourceForm, { ...base, title: payload, body: payload });
			expect(input.title).toBe(payload.normalize('NFC').trim());
		}
	});
	it('gives each hostile name a clean accept or a field message, never a crash', () => {
		const names = fs.readFileSync(path.join(FIXTURES, 'names.txt'), 'utf8').split('\n');
		expect(names.length).toBeGreaterThan(10);
		for (const name of names) {
			const result = createResourceForm.safeParse({ ...base, title: name, tags: name, authors: name });
			if (result.success) continue;
			for (const issue of result.error.issues) expect(issue.path.length).toBeGreaterThan(0);
		}
	});
});

describe('saveVersionForm', () => {
	const edit = { title: 'v2', type: 'handout', license: 'CC-BY-4.0' };

	it('leaves attachment_ids out unless the form listed the files', () => {
		const { input } = parseOrThrow(saveVersionForm, { ...edit, attachment_ids: ATTACHMENT });
		expect(input).not.toHaveProperty('attachment_ids');
		expect(parseOrThrow(saveVersionBody, input)).toMatchObject({ title: 'v2' });
	});

	it('reads "listed, none ticked" as keep none and ticked boxes as the ones to keep', () => {
		expect(parseOrThrow(saveVersionForm, { ...edit, attachments_listed: '1' }).input.attachment_ids).toEqual(
			[]
		);
		const { input } = parseOrThrow(saveVersionForm, {
			...edit,
			attachments_listed: '1',
			attachment_ids: [ATTACHMENT.toUpperCase()]
		});
		expect(input.attachment_ids).toEqual([ATTACHMENT]);
		expect(parseOrThrow(saveVersionBody, input).attachment_ids).toEqual([ATTACHMENT]);
	});

	it('refuses an attachment id that is not an id', () => {
		expect(
			refusedFields(saveVersionForm, {
				...edit,
				attachments_listed: '1',
				attachment_ids: ['../../etc/passwd']
			})
		).toMatchObject({ 'attachment_ids.0': 'field_invalid_id' });
	});

	it('does not accept a library or a language: an edit keeps them', () => {
		const { input } = parseOrThrow(saveVersionForm, { ...edit, library_id: LIBRARY, language: 'ar' });
		expect(input).not.toHaveProperty('library_id');
		expect(input).not.toHaveProperty('language');
	});
});

describe('versionActionForm', () => {
	it('needs a version id and reads the number only when it is one', () => {
		expect(parseOrThrow(versionActionForm, { version_id: ATTACHMENT, number: '3' })).toEqual({
			version_id: ATTACHMENT,
			number: 3
		});
		expect(
			parseOrThrow(versionActionForm, { version_id: ATTACHMENT, number: '3; DROP' }).number
		).toBeUndefined();
		expect(refusedFields(versionActionForm, {})).toMatchObject({ version_id: 'field_required' });
	});
});
