import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOrThrow } from '../http/validation';
import { refusedFields } from '../testing/refusals';
import { addForm, editForm, formField, inviteForm, newProgramForm, visibilityForm } from './forms';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/hostile-input');
const read = (name: string) =>
	fs
		.readFileSync(path.join(FIXTURES, name), 'utf8')
		.split('\n')
		.filter((l) => l !== '');
const xss = read('xss.txt');
const names = read('names.txt');

const S = '0190a000-0000-7000-8000-000000000001';
const I = '0190a000-0000-7000-8000-000000000002';
const V = '0190a000-0000-7000-8000-000000000003';

describe('editForm', () => {
	it('turns a session form into one edit_session, lines into questions, Arabic digits into minutes', () => {
		expect(
			parseOrThrow(editForm, {
				op: 'edit_session',
				version_id: V,
				session_id: S,
				title: ' Listening ',
				duration_minutes: '٩٠',
				reflection_questions: 'What did you hear?\n\n  What surprised you? \r\nWhat next?'
			})
		).toEqual({
			version_id: V,
			edit: {
				op: 'edit_session',
				session_id: S,
				fields: {
					title: ' Listening ',
					duration_minutes: 90,
					reflection_questions: ['What did you hear?', 'What surprised you?', 'What next?']
				}
			}
		});
	});

	it('keeps what is not posted out of the patch, and clears a blank duration', () => {
		expect(parseOrThrow(editForm, { op: 'edit_session', session_id: S, duration_minutes: '' })).toEqual({
			edit: { op: 'edit_session', session_id: S, fields: { duration_minutes: null } }
		});
	});

	it('program fields: languages from commas or spaces, outcomes from lines', () => {
		const r = parseOrThrow(editForm, {
			op: 'edit_program',
			title: 'Organising',
			languages: 'ar، en fr',
			outcomes: 'one\ntwo',
			licence: 'CC-BY-SA-4.0',
			format: 'open_circle'
		});
		expect(r.edit).toEqual({
			op: 'edit_program',
			fields: {
				title: 'Organising',
				languages: ['ar', 'en', 'fr'],
				outcomes: ['one', 'two'],
				licence: 'CC-BY-SA-4.0',
				format: 'open_circle'
			}
		});
	});

	it('moves, and follows the latest or pins the shown version', () => {
		expect(
			parseOrThrow(editForm, { op: 'move_item', item_id: I, session_id: S, position: '2' }).edit
		).toEqual({ op: 'move_item', item_id: I, session_id: S, position: 2 });
		expect(parseOrThrow(editForm, { op: 'edit_item', item_id: I, follow: 'latest' }).edit).toEqual({
			op: 'edit_item',
			item_id: I,
			fields: { version_id: null }
		});
		expect(
			parseOrThrow(editForm, { op: 'edit_item', item_id: I, follow: 'pinned', pin_version_id: V }).edit
		).toEqual({ op: 'edit_item', item_id: I, fields: { version_id: V } });
	});

	it('refuses bad input field by field, named after the form controls', () => {
		expect(refusedFields(editForm, { op: 'drop_tables' })).toEqual({ op: 'field_invalid_choice' });
		expect(refusedFields(editForm, { op: 'add_session', title: '', duration_minutes: 'soon' })).toEqual({
			duration_minutes: 'prog_minutes_invalid'
		});
		expect(refusedFields(editForm, { op: 'add_session', title: '  ' })).toEqual({ title: 'field_required' });
		expect(refusedFields(editForm, { op: 'add_session', title: 'x', duration_minutes: '100000' })).toEqual({
			duration_minutes: 'field_number_too_large'
		});
		expect(
			refusedFields(editForm, { op: 'add_link', session_id: S, url: 'javascript:alert(1)', title: 'x' })
		).toEqual({ url: 'program_link_url_invalid' });
		expect(refusedFields(editForm, { op: 'move_session', session_id: "1' OR 1=1", position: '-3' })).toEqual({
			session_id: 'field_invalid_id',
			position: 'field_number_too_small'
		});
		expect(refusedFields(editForm, { op: 'edit_program', licence: 'WTFPL', languages: '<script>' })).toEqual({
			licence: 'program_licence_invalid',
			languages: expect.any(String)
		});
		expect(refusedFields(editForm, { op: 'edit_program', title: 'a'.repeat(201) })).toEqual({
			title: 'field_too_long'
		});
		expect(refusedFields(editForm, { op: 'set_layout', layout: 'spiral' })).toEqual({
			layout: 'field_invalid_choice'
		});
	});

	it('accepts every xss.txt payload as plain text (rendering escapes it) or refuses it with a field message', () => {
		for (const payload of xss) {
			for (const field of ['title', 'objectives', 'facilitator_notes', 'reflection_questions']) {
				const input = { op: 'edit_session', session_id: S, [field]: payload };
				try {
					const r = parseOrThrow(editForm, input);
					expect(r.edit.op).toBe('edit_session');
				} catch {
					expect(Object.keys(refusedFields(editForm, input))).toEqual([field]);
				}
			}
		}
	});

	it('refuses oversized posts before any work', () => {
		expect(refusedFields(editForm, { op: 'add_session', title: 'x'.repeat(200_000) })).toEqual({
			title: 'field_too_long'
		});
		expect(Object.keys(refusedFields(editForm, { op: Array(500).fill('add_session') }))).toEqual(['op']);
	});

	it('maps service paths to form controls', () => {
		expect(formField(['edit', 'fields', 'outcomes', 2])).toBe('outcomes');
		expect(formField(['edit', 'item', 'url'])).toBe('url');
		expect(formField(['edit'])).toBe('_');
	});
});

describe('newProgramForm, visibilityForm, inviteForm', () => {
	it('creates from a template in the page language', () => {
		expect(
			parseOrThrow(newProgramForm('ar'), {
				title: 'دائرة',
				format: 'open_circle',
				languages: 'ar',
				template: '1'
			})
		).toEqual({
			title: 'دائرة',
			format: 'open_circle',
			languages: ['ar'],
			summary: '',
			template: true,
			locale: 'ar'
		});
	});

	it('refuses hostile titles and unknown formats by field', () => {
		expect(refusedFields(newProgramForm('en'), { title: '', format: 'bootcamp' })).toEqual({
			title: 'field_required',
			format: 'field_invalid_choice'
		});
		expect(refusedFields(visibilityForm, { visibility: 'secret' })).toEqual({
			visibility: 'field_invalid_choice'
		});
	});

	it('every names.txt line is a handle to look up or a field refusal, never a crash', () => {
		for (const name of names) {
			try {
				const r = parseOrThrow(inviteForm, { handle: name });
				expect(typeof r.handle).toBe('string');
			} catch {
				expect(Object.keys(refusedFields(inviteForm, { handle: name }))).toEqual(['handle']);
			}
		}
	});
});

describe('addForm', () => {
	const base = { resource_id: I, follow: 'pinned', resource_version_id: V };
	it('a new program with a first session', () => {
		const r = parseOrThrow(addForm('fr'), {
			...base,
			target: 'new',
			new_program_title: 'Cercle',
			new_program_format: 'open_circle',
			new_session_title: 'Séance 1'
		});
		expect(r.program).toEqual({ new: { title: 'Cercle', format: 'open_circle', locale: 'fr' } });
		expect(r.session).toEqual({ new: { id: undefined, title: 'Séance 1' } });
		expect(r.pin).toBe(true);
		expect(r.resource_version_id).toBe(V);
	});

	it('an existing session; following the latest drops the version', () => {
		const r = parseOrThrow(addForm('en'), { ...base, follow: 'latest', target: `${V}:${S}` });
		expect(r.program).toEqual({ id: V });
		expect(r.session).toEqual({ id: S });
		expect(r.resource_version_id).toBeUndefined();
	});

	it('refuses a missing choice, a hostile target and a blank new session', () => {
		expect(refusedFields(addForm('en'), { ...base, target: '<img src=x onerror=alert(1)>' })).toEqual({
			target: 'prog_add_pick'
		});
		expect(refusedFields(addForm('en'), { ...base, target: `${V}:new`, new_session_title: ' ' })).toEqual({
			new_session_title: 'field_required'
		});
		expect(
			refusedFields(addForm('en'), {
				resource_id: 'x',
				follow: 'sideways',
				target: 'new',
				new_program_title: '',
				new_program_format: 'x',
				new_session_title: 'a'
			})
		).toEqual({
			new_program_title: 'field_required',
			new_program_format: 'field_invalid_choice',
			resource_id: 'field_invalid_id',
			follow: 'field_invalid_choice'
		});
	});
});
