import { expect, it } from 'vitest';
import { deleteAccount, exportMyData, signUp } from '../accounts/service';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import './register';
import { addMember, createLibrary, getLibrary } from './service';

const PASS = 'correct horse battery staple 42';

function ctxFor(db: Db, actor: Actor | null): Ctx {
	return { db, actor, addressHash: 'test', now: () => new Date() };
}

async function person(db: Db, handle: string): Promise<Actor> {
	const { account } = await signUp(ctxFor(db, null), { handle, passphrase: PASS, locale: 'en' });
	return { id: account.id, handle, isAdmin: false };
}

describeEachDialect('libraries in the account use cases', ({ db }) => {
	it('exports memberships and removes them with the account, in one transaction', async () => {
		const amina = await person(db(), 'amina');
		await person(db(), 'bilal');
		const lib = await createLibrary(ctxFor(db(), amina), { name: 'Shared shelf' });
		await addMember(ctxFor(db(), amina), lib.slug, { handle: 'bilal', role: 'contributor' });

		const data = await exportMyData(ctxFor(db(), amina), null);
		expect(data.library_memberships).toEqual([
			{
				library_slug: 'shared-shelf',
				library_name: 'Shared shelf',
				role: 'curator',
				joined_at: expect.any(String)
			}
		]);

		await deleteAccount(ctxFor(db(), amina), { passphrase: PASS });
		const detail = await getLibrary(ctxFor(db(), null), lib.slug);
		expect(detail.members).toMatchObject([{ handle: 'bilal', role: 'curator' }]);
		expect(detail.events.find((e) => e.action === 'member_left')).toMatchObject({
			member: { handle: null },
			cause: 'account_deleted'
		});
	});
});
