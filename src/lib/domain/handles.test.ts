/**
 * Handle rules: every line of the shared hostile-input fixture gets its expected
 * outcome, look-alikes are refused or collide, and the key is a stable function.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHandle, handleKey, handleSkeleton, isReservedHandle, type HandleProblem } from './handles';

// The shared fixtures sit beside the project (../shared), as DESIGN.md says; not copied in.
const FIXTURE = new URL('../../../../shared/fixtures/hostile-input/names.txt', import.meta.url);

function fixtureLines(): string[] {
	const lines = fs.readFileSync(FIXTURE, 'utf8').split('\n');
	// The file ends with a newline: the last "line" is the empty string after it.
	if (lines.at(-1) === '') lines.pop();
	return lines;
}

type Expected = { accept: string } | { refuse: HandleProblem };

// One entry per line of names.txt, in order. `accept` is the expected key.
const expected: { what: string; outcome: Expected }[] = [
	{ what: 'empty', outcome: { refuse: 'account_handle_required' } },
	{ what: 'a blank', outcome: { refuse: 'account_handle_required' } },
	{ what: 'SQL injection', outcome: { refuse: 'account_handle_whitespace' } },
	{ what: 'SQL tautology', outcome: { refuse: 'account_handle_whitespace' } },
	{ what: 'admin', outcome: { refuse: 'account_handle_reserved' } },
	{ what: 'ADMIN', outcome: { refuse: 'account_handle_reserved' } },
	{ what: 'Admin with a trailing space', outcome: { refuse: 'account_handle_reserved' } },
	{ what: 'Cyrillic а in admin', outcome: { refuse: 'account_handle_mixed_script' } },
	{ what: 'fullwidth admin', outcome: { refuse: 'account_handle_reserved' } },
	{ what: 'zero-width space in admin', outcome: { refuse: 'account_handle_invisible_chars' } },
	{ what: 'an email address', outcome: { refuse: 'account_handle_disallowed_chars' } },
	{ what: 'a path', outcome: { refuse: 'account_handle_disallowed_chars' } },
	{ what: 'percent-encoded NUL', outcome: { refuse: 'account_handle_disallowed_chars' } },
	{ what: 'escaped NUL', outcome: { refuse: 'account_handle_disallowed_chars' } },
	{ what: 'emoji', outcome: { refuse: 'account_handle_disallowed_chars' } },
	{ what: 'Arabic', outcome: { accept: 'مستخدم' } },
	{ what: 'Arabic with harakat', outcome: { accept: 'مستخدم' } },
	{ what: 'only tatweel', outcome: { refuse: 'account_handle_needs_letter' } },
	{ what: 'one letter', outcome: { refuse: 'account_handle_too_short' } },
	{ what: '10 kB', outcome: { refuse: 'account_handle_too_long' } },
	{ what: 'control characters', outcome: { refuse: 'account_handle_control_chars' } }
];

describe('hostile handles (names.txt)', () => {
	const lines = fixtureLines();

	it('has the lines this test knows about', () => {
		expect(lines).toHaveLength(expected.length);
	});

	lines.forEach((line, i) => {
		const { what, outcome } = expected[i] ?? { what: '?', outcome: { refuse: 'account_handle_required' } };
		it(`line ${i + 1} (${what})`, () => {
			const result = checkHandle(line);
			if ('accept' in outcome) {
				expect(result).toMatchObject({ ok: true, key: outcome.accept });
			} else {
				expect(result).toMatchObject({ ok: false, problem: outcome.refuse });
			}
		});
	});

	it('keeps the Arabic handle as typed, harakat included, while the key drops them', () => {
		const withMarks = lines[16]!;
		const result = checkHandle(withMarks);
		expect(result.ok && result.handle).toBe(withMarks.normalize('NFKC'));
		expect(handleKey(withMarks)).toBe(handleKey(lines[15]!));
	});

	it('gives the limits with the too-short and too-long messages', () => {
		expect(checkHandle('x')).toEqual({
			ok: false,
			problem: 'account_handle_too_short',
			params: { count: 2 }
		});
		expect(checkHandle('a'.repeat(33))).toEqual({
			ok: false,
			problem: 'account_handle_too_long',
			params: { count: 32 }
		});
		expect(checkHandle('a'.repeat(32)).ok).toBe(true);
	});

	it('lets `circles admin create` take a reserved handle', () => {
		expect(checkHandle('admin', { allowReserved: true })).toMatchObject({
			ok: true,
			reserved: true,
			key: 'admin'
		});
		expect(checkHandle('ａｄｍｉｎ', { allowReserved: true })).toMatchObject({ ok: true, handle: 'admin' });
	});
});

describe('look-alike handles', () => {
	it('folds fullwidth and case into the same key', () => {
		expect(handleKey('ＡＬＩＣＥ')).toBe('alice');
		expect(handleKey('Alice')).toBe('alice');
		expect(handleKey('Straße')).toBe(handleKey('STRASSE'));
	});

	it('refuses Latin mixed with Cyrillic or Greek', () => {
		expect(checkHandle('pаypal')).toMatchObject({ problem: 'account_handle_mixed_script' }); // Cyrillic а
		expect(checkHandle('αlice')).toMatchObject({ problem: 'account_handle_mixed_script' }); // Greek α
		expect(checkHandle('Ԁavid')).toMatchObject({ problem: 'account_handle_mixed_script' });
	});

	it('refuses other-script handles that read as Latin text', () => {
		expect(checkHandle('асе')).toMatchObject({ problem: 'account_handle_confusable' }); // all Cyrillic
		expect(checkHandle('РОР')).toMatchObject({ problem: 'account_handle_confusable' });
		expect(checkHandle('ορο')).toMatchObject({ problem: 'account_handle_confusable' }); // all Greek
	});

	it('accepts ordinary names in many scripts', () => {
		for (const name of [
			'amal',
			'Jean-Luc',
			'josé',
			'Nguyễn_Văn',
			'тест',
			'привет',
			'δοκιμή',
			'مستخدم',
			'أمل.٢٠٢٤',
			'שלום',
			'नमस्ते',
			'日本語テスト',
			'山田たろう',
			'홍길동',
			'ⵜⴰⵎⴰⵣⵉⵖⵜ',
			'user_42'
		]) {
			expect(checkHandle(name), name).toMatchObject({ ok: true });
		}
	});

	it('gives look-alikes the same skeleton, so the second one is taken', () => {
		const skel = (s: string) => handleSkeleton(handleKey(s));
		expect(skel('ɑlice')).toBe(skel('alice')); // Latin alpha
		expect(skel('josé')).toBe(skel('jose'));
		expect(skel('rnaria')).toBe(skel('maria'));
		expect(skel('user1')).toBe(skel('userl'));
		expect(skel('İstanbul')).toBe(skel('istanbul'));
		// Arabic is never turned into Latin letters.
		expect(skel('مستخدم')).toBe('مستخدم');
	});

	it('reserves look-alikes and punctuated forms of reserved handles', () => {
		expect(isReservedHandle('ɑdmin')).toBe(true);
		expect(isReservedHandle('Ad.min')).toBe(true);
		expect(isReservedHandle('former_member')).toBe(true);
		expect(isReservedHandle('Steward')).toBe(true);
		expect(isReservedHandle('المدير')).toBe(true);
		expect(isReservedHandle('amal')).toBe(false);
	});

	it('refuses invisible and direction characters wherever they are', () => {
		for (const c of [
			'\u200B',
			'\u200C',
			'\u200D',
			'\u200E',
			'\u200F',
			'\u2060',
			'\u2066',
			'\uFEFF',
			'\u00AD',
			'\u061C',
			'\u3164'
		])
			for (const s of [`${c}amal`, `am${c}al`, `amal${c}`])
				expect(checkHandle(s), JSON.stringify(s)).toMatchObject({
					problem: 'account_handle_invisible_chars'
				});
	});

	it('refuses a mark with nothing to sit on, and stacks of marks', () => {
		expect(checkHandle('\u0301amal')).toMatchObject({ problem: 'account_handle_disallowed_chars' });
		expect(checkHandle('a' + '\u0336'.repeat(6) + 'b')).toMatchObject({
			problem: 'account_handle_disallowed_chars'
		});
	});
});

describe('handle properties', () => {
	it('handleKey is idempotent', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
				const k = handleKey(s);
				expect(handleKey(k)).toBe(k);
			}),
			{ numRuns: 2000 }
		);
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
				const k = handleKey(s);
				expect(handleKey(k)).toBe(k);
			}),
			{ numRuns: 2000 }
		);
	});

	it('an accepted handle and its key contain no format, control or space characters', () => {
		const candidate = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 34 }),
			fc.string({ unit: 'grapheme', maxLength: 34 }),
			// Mostly-valid handles with one odd character slipped in.
			fc
				.tuple(
					fc.stringMatching(/^[a-z]{1,10}$/),
					fc.constantFrom(
						'\u200B',
						'\u00AD',
						'\uFEFF',
						'\u202E',
						'\u0640',
						'\u064E',
						' ',
						'\t',
						'а',
						'ａ',
						''
					),
					fc.stringMatching(/^[a-z]{0,10}$/)
				)
				.map(([a, b, c]) => a + b + c)
		);
		fc.assert(
			fc.property(candidate, (s) => {
				const r = checkHandle(s);
				if (!r.ok) return;
				for (const x of [r.handle, r.key]) {
					expect(x).not.toMatch(/[\p{Cf}\p{Cc}\p{White_Space}\p{Default_Ignorable_Code_Point}]/u);
				}
				expect([...r.handle].length).toBeLessThanOrEqual(32);
				expect([...r.key].length).toBeGreaterThanOrEqual(2);
				expect(handleKey(r.handle)).toBe(r.key);
			}),
			{ numRuns: 3000 }
		);
	});
});
