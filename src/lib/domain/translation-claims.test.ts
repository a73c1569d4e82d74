import { describe, expect, it } from 'vitest';
import { decideResource, stateOfSave } from './resources';
import { publishesAtOnce, translatorRole } from './translation-claims';

const actor = { id: 'a' };
const open = { suspended: false };

describe('translation claims', () => {
	it('lets the claimant create and publish, member or not', () => {
		for (const role of [null, 'contributor', 'curator'] as const) {
			const writer = translatorRole(role, true);
			expect(decideResource(actor, 'create', writer, open).ok).toBe(true);
			expect(stateOfSave(writer ?? 'contributor', true)).toBe('published');
		}
	});

	it('leaves the library rules alone without a claim', () => {
		expect(translatorRole(null, false)).toBeNull();
		expect(decideResource(actor, 'create', translatorRole(null, false), open)).toMatchObject({
			ok: false,
			reason: 'resource_not_member'
		});
		expect(translatorRole('contributor', false)).toBe('contributor');
	});

	it('never lets a claim write into a suspended library', () => {
		expect(decideResource(actor, 'create', translatorRole(null, true), { suspended: true }).ok).toBe(false);
	});

	it('publishes at once only for a claimant outside the library', () => {
		expect(publishesAtOnce(null, true)).toBe(true);
		expect(publishesAtOnce('contributor', true)).toBe(false);
		expect(publishesAtOnce(null, false)).toBe(false);
	});
});
