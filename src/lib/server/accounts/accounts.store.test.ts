/**
 * Account use cases against real databases (SQLite and PostgreSQL): sign up and
 * look-alike handles, log in and rate limits, passphrase change, export, deletion
 * ("former member") and administrators.
 */
import { domainErrorOf } from '../testing/factories';
import { beforeAll, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import { publicAccounts } from './directory';
import { registerAccountDeletionHook, registerDataExporter, unregister } from './export';
import { setHashCost } from './passwords';
import * as accounts from './service';
import { resolveSession } from './sessions';

beforeAll(() => setHashCost('test'));

const PASS = 'correct horse battery';
const T0 = new Date('2025-03-01T10:00:00.000Z');

function makeCtx(db: Db, over: Partial<Ctx> = {}): Ctx & { clock: { t: Date } } {
	const clock = { t: T0 };
	return { db, actor: null, addressHash: 'addr-1', now: () => clock.t, clock, ...over };
}

const caught = domainErrorOf;

const session = { userAgent: 'test', currentToken: null };

async function signUp(ctx: Ctx, handle: string, extra: Partial<accounts.SignUpInput> = {}) {
	const { account } = await accounts.signUp(ctx, { handle, passphrase: PASS, locale: 'en', ...extra });
	return account;
}

async function loggedIn(ctx: Ctx, handle: string): Promise<{ ctx: Ctx; token: string; actor: Actor }> {
	const s = await accounts.logIn(ctx, { handle, passphrase: PASS }, session);
	return { ctx: { ...ctx, actor: s.actor }, token: s.token, actor: s.actor };
}

describeEachDialect('accounts', ({ db }) => {
	it('signs up with a pseudonym, NFKC handle, optional email and the UI language', async () => {
		const ctx = makeCtx(db());
		const { account, session: s } = await accounts.signUp(
			ctx,
			{ handle: 'Ａｍａｌ', passphrase: PASS, locale: 'ar' },
			{ session }
		);
		expect(account).toMatchObject({ handle: 'Amal', locale: 'ar', created_at: T0.toISOString() });
		expect(s?.actor).toEqual({ id: account.id, handle: 'Amal', isAdmin: false });
		expect(await resolveSession(db(), s!.token, T0)).toEqual(s!.actor);
		const row = await db().kysely.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ handle_key: 'amal', email: null, is_admin: 0, deleted_at: null });
		expect(row.passphrase_hash).toMatch(/^\$argon2id\$/);
	});

	it('refuses a handle that is taken or looks like one that is', async () => {
		const ctx = makeCtx(db());
		await signUp(ctx, 'alice');
		await signUp(ctx, 'مستخدم');
		for (const lookalike of ['ALICE', 'ａｌｉｃｅ', 'ɑlice', 'Alice ', 'مُسْتَخْدِم', 'مـسـتـخـدم']) {
			const e = await caught(signUp(ctx, lookalike));
			expect(e.kind, lookalike).toBe('conflict');
			expect(e.fields).toEqual([{ field: 'handle', message: 'account_handle_taken' }]);
		}
		const mixed = await caught(signUp(ctx, 'аlice')); // Cyrillic а
		expect(mixed.fields[0]).toMatchObject({ field: 'handle', message: 'account_handle_mixed_script' });
		const rows = await db().kysely.selectFrom('accounts').select('id').execute();
		expect(rows).toHaveLength(2);
	});

	it('reserves admin, and says "taken" once an administrator holds it', async () => {
		const ctx = makeCtx(db());
		expect((await caught(signUp(ctx, 'admin'))).fields[0]?.message).toBe('account_handle_reserved');
		await accounts.createAdmin(ctx, { handle: 'admin', passphrase: PASS });
		for (const h of ['admin', 'ａｄｍｉｎ', 'ADMIN']) {
			expect((await caught(signUp(ctx, h))).fields[0]?.message, h).toBe('account_handle_taken');
		}
	});

	it('checks handle and passphrase together and names each field', async () => {
		const ctx = makeCtx(db());
		const e = await caught(accounts.signUp(ctx, { handle: 'x', passphrase: 'short', locale: 'en' }));
		expect(e.kind).toBe('invalid');
		expect(e.fields).toEqual([
			{ field: 'handle', message: 'account_handle_too_short', params: { count: 2 } },
			{ field: 'passphrase', message: 'account_passphrase_too_short', params: { count: 10 } }
		]);
		const same = await caught(
			accounts.signUp(ctx, { handle: 'Longhandle', passphrase: 'longhandle', locale: 'en' })
		);
		expect(same.fields).toEqual([{ field: 'passphrase', message: 'account_passphrase_same_as_handle' }]);
	});

	it('replays a sign-up with the same client id instead of refusing it', async () => {
		const ctx = makeCtx(db());
		const id = newId();
		const first = await signUp(ctx, 'samira', { id });
		const again = await signUp(ctx, 'Samira', { id });
		expect(again).toEqual(first);
		expect(await db().kysely.selectFrom('accounts').select('id').execute()).toHaveLength(1);
		const otherHandle = await caught(signUp(ctx, 'someone', { id }));
		expect(otherHandle).toMatchObject({ kind: 'conflict', messageKey: 'account_id_conflict' });
		const otherPass = await caught(
			accounts.signUp(ctx, { id, handle: 'samira', passphrase: 'another one!', locale: 'en' })
		);
		expect(otherPass.messageKey).toBe('account_id_conflict');
	});

	it('logs in, rotates the session, and logs out', async () => {
		const ctx = makeCtx(db());
		const account = await signUp(ctx, 'Karim');
		const first = await accounts.logIn(ctx, { handle: 'karim', passphrase: PASS }, session);
		expect(first.actor).toEqual({ id: account.id, handle: 'Karim', isAdmin: false });
		const second = await accounts.logIn(
			ctx,
			{ handle: 'KARIM', passphrase: PASS },
			{ userAgent: null, currentToken: first.token }
		);
		expect(second.token).not.toBe(first.token);
		expect(await resolveSession(db(), first.token, T0)).toBeNull();
		expect(await resolveSession(db(), second.token, T0)).not.toBeNull();
		await accounts.logOut(ctx, second.token);
		expect(await resolveSession(db(), second.token, T0)).toBeNull();
	});

	it('gives the same answer for a wrong passphrase and an unknown handle, and records both', async () => {
		const ctx = makeCtx(db());
		await signUp(ctx, 'karim');
		const wrong = await caught(accounts.logIn(ctx, { handle: 'karim', passphrase: 'not the one!' }, session));
		const unknown = await caught(accounts.logIn(ctx, { handle: 'nobody', passphrase: PASS }, session));
		for (const e of [wrong, unknown])
			expect(e).toMatchObject({ kind: 'unauthenticated', messageKey: 'account_login_failed' });
		const attempts = await db()
			.kysely.selectFrom('login_attempts')
			.select(['handle_key', 'succeeded'])
			.execute();
		expect(attempts.map((a) => a.handle_key).sort()).toEqual(['karim', 'nobody']);
		expect(attempts.every((a) => a.succeeded === 0)).toBe(true);
	});

	it('limits failures per handle, says when to retry, and clears them on success', async () => {
		const ctx = makeCtx(db());
		await signUp(ctx, 'karim');
		for (let i = 0; i < accounts.HANDLE_FAILURE_LIMIT; i++) {
			ctx.clock.t = new Date(T0.getTime() + i * 60_000);
			await caught(accounts.logIn(ctx, { handle: 'karim', passphrase: 'wrong passphrase' }, session));
		}
		// Even the right passphrase is refused while the handle is limited.
		const limited = await caught(accounts.logIn(ctx, { handle: 'Karim', passphrase: PASS }, session));
		expect(limited).toMatchObject({ kind: 'rate_limited', messageKey: 'error_rate_limited' });
		// The first failure (at T0) leaves the 15-minute window at T0 + 15 min; now is T0 + 4 min.
		expect(limited.retryAfter).toBe(11 * 60);
		// Another address does not help: the limit is on the handle.
		const elsewhere = await caught(
			accounts.logIn({ ...ctx, addressHash: 'addr-2' }, { handle: 'karim', passphrase: PASS }, session)
		);
		expect(elsewhere.kind).toBe('rate_limited');

		ctx.clock.t = new Date(T0.getTime() + 15 * 60_000 + 1000);
		await accounts.logIn(ctx, { handle: 'karim', passphrase: PASS }, session);
		const left = await db()
			.kysely.selectFrom('login_attempts')
			.select('id')
			.where('handle_key', '=', 'karim')
			.execute();
		expect(left).toHaveLength(0);
	});

	it('limits failures per address across handles', async () => {
		const ctx = makeCtx(db());
		await signUp(ctx, 'karim');
		for (let i = 0; i < accounts.ADDRESS_FAILURE_LIMIT; i++) {
			await caught(accounts.logIn(ctx, { handle: `guess${i}`, passphrase: PASS }, session));
		}
		const e = await caught(accounts.logIn(ctx, { handle: 'karim', passphrase: PASS }, session));
		expect(e.kind).toBe('rate_limited');
		expect(e.retryAfter).toBe(15 * 60);
		// The same person from another address is not locked out by this one.
		await accounts.logIn({ ...ctx, addressHash: 'addr-2' }, { handle: 'karim', passphrase: PASS }, session);
	});

	it('prunes login attempts older than a day', async () => {
		const ctx = makeCtx(db());
		await caught(accounts.logIn(ctx, { handle: 'old', passphrase: PASS }, session));
		ctx.clock.t = new Date(T0.getTime() + 86_400_000 + 1000);
		await caught(accounts.logIn(ctx, { handle: 'new', passphrase: PASS }, session));
		await accounts.pruneLoginAttempts(ctx);
		const rows = await db().kysely.selectFrom('login_attempts').select('handle_key').execute();
		expect(rows.map((r) => r.handle_key)).toEqual(['new']);
	});

	it('changes the passphrase and ends every other session', async () => {
		const base = makeCtx(db());
		await signUp(base, 'nadia');
		const here = await loggedIn(base, 'nadia');
		const phone = await loggedIn(base, 'nadia');
		const wrong = await caught(
			accounts.changePassphrase(
				here.ctx,
				{ current_passphrase: 'not it at all', new_passphrase: 'a brand new one' },
				here.token
			)
		);
		expect(wrong.fields).toEqual([{ field: 'current_passphrase', message: 'account_passphrase_wrong' }]);
		const weak = await caught(
			accounts.changePassphrase(here.ctx, { current_passphrase: PASS, new_passphrase: 'short' }, here.token)
		);
		expect(weak.fields[0]).toMatchObject({
			field: 'new_passphrase',
			message: 'account_passphrase_too_short'
		});
		const mismatch = await caught(
			accounts.changePassphrase(
				here.ctx,
				{
					current_passphrase: PASS,
					new_passphrase: 'a brand new one',
					new_passphrase_confirm: 'a brand new two'
				},
				here.token
			)
		);
		expect(mismatch.fields).toEqual([
			{ field: 'new_passphrase_confirm', message: 'account_passphrase_mismatch' }
		]);

		await accounts.changePassphrase(
			here.ctx,
			{ current_passphrase: PASS, new_passphrase: 'a brand new one' },
			here.token
		);
		expect(await resolveSession(db(), here.token, T0)).not.toBeNull();
		expect(await resolveSession(db(), phone.token, T0)).toBeNull();
		expect((await caught(accounts.logIn(base, { handle: 'nadia', passphrase: PASS }, session))).kind).toBe(
			'unauthenticated'
		);
		await accounts.logIn(base, { handle: 'nadia', passphrase: 'a brand new one' }, session);
	});

	it('updates email and language', async () => {
		const base = makeCtx(db());
		await signUp(base, 'nadia');
		const { ctx } = await loggedIn(base, 'nadia');
		expect(await accounts.updateProfile(ctx, { email: 'n@example.org', locale: 'fr' })).toMatchObject({
			email: 'n@example.org',
			locale: 'fr'
		});
		expect(await accounts.getMe(ctx)).toMatchObject({
			handle: 'nadia',
			email: 'n@example.org',
			locale: 'fr'
		});
		expect((await accounts.updateProfile(ctx, { locale: 'fr' })).email).toBeNull();
		expect((await caught(accounts.getMe(base))).kind).toBe('unauthenticated');
	});

	it('exports everything stored about the person, with other features’ parts', async () => {
		const base = makeCtx(db());
		await signUp(base, 'nadia', { email: 'n@example.org' });
		await caught(accounts.logIn(base, { handle: 'nadia', passphrase: 'wrong passphrase' }, session));
		const { ctx, token } = await loggedIn(base, 'nadia');
		await caught(accounts.logIn(base, { handle: 'nadia', passphrase: 'wrong again!!' }, session));
		registerDataExporter('test_feature', async (_k, accountId) => ({ owner: accountId }));
		try {
			const data = await accounts.exportMyData(ctx, token);
			expect(data).toMatchObject({
				format: 'circles-account-export',
				version: 1,
				account: {
					id: ctx.actor!.id,
					handle: 'nadia',
					email: 'n@example.org',
					is_admin: false,
					locale: 'en'
				},
				sessions: [{ current: true, user_agent: 'test' }],
				login_attempts: [{ succeeded: false }],
				test_feature: { owner: ctx.actor!.id }
			});
			const json = JSON.stringify(data);
			expect(json).not.toContain('argon2');
			expect(json).not.toContain(token);
			expect(json).not.toContain('addr-1');
		} finally {
			unregister('test_feature');
		}
	});

	it('deletes an account: personal data gone, row kept for authorship, handle free again', async () => {
		const base = makeCtx(db());
		await signUp(base, 'Nadia', { email: 'n@example.org' });
		const { ctx, token, actor } = await loggedIn(base, 'nadia');
		const other = await loggedIn(base, 'nadia');
		const seen: string[] = [];
		registerAccountDeletionHook('test_feature', async (trx, accountId) => {
			const row = await trx
				.selectFrom('accounts')
				.select('handle')
				.where('id', '=', accountId)
				.executeTakeFirst();
			seen.push(`${accountId}:${row?.handle}`);
		});
		try {
			const wrong = await caught(accounts.deleteAccount(ctx, { passphrase: 'not my passphrase' }));
			expect(wrong.fields).toEqual([{ field: 'passphrase', message: 'account_passphrase_wrong' }]);
			await accounts.deleteAccount(ctx, { passphrase: PASS });
		} finally {
			unregister('test_feature');
		}
		expect(seen).toEqual([`${actor.id}:Nadia`]);
		const row = await db()
			.kysely.selectFrom('accounts')
			.selectAll()
			.where('id', '=', actor.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			handle: null,
			handle_key: null,
			handle_skeleton: null,
			passphrase_hash: null,
			email: null,
			deleted_at: T0.toISOString()
		});
		expect(await db().kysely.selectFrom('sessions').select('id_hash').execute()).toHaveLength(0);
		expect(await db().kysely.selectFrom('login_attempts').select('id').execute()).toHaveLength(0);
		expect(await resolveSession(db(), token, T0)).toBeNull();
		expect(await resolveSession(db(), other.token, T0)).toBeNull();
		expect((await publicAccounts(db().kysely, [actor.id])).get(actor.id)).toEqual({
			id: actor.id,
			handle: null
		});
		// The deleted person cannot log in, and the handle can be taken by someone new.
		expect((await caught(accounts.logIn(base, { handle: 'nadia', passphrase: PASS }, session))).kind).toBe(
			'unauthenticated'
		);
		await signUp(base, 'nadia');
	});

	it('keeps the account when a feature refuses its deletion', async () => {
		const base = makeCtx(db());
		await signUp(base, 'nadia');
		const { ctx, token } = await loggedIn(base, 'nadia');
		registerAccountDeletionHook('test_refuse', async () => {
			throw new DomainError('conflict', 'error_forbidden');
		});
		try {
			expect((await caught(accounts.deleteAccount(ctx, { passphrase: PASS }))).messageKey).toBe(
				'error_forbidden'
			);
		} finally {
			unregister('test_refuse');
		}
		expect(await resolveSession(db(), token, T0)).not.toBeNull();
		expect((await accounts.getMe(ctx)).handle).toBe('nadia');
	});

	it('makes administrators, on a reserved handle or by promoting an account', async () => {
		const ctx = makeCtx(db());
		const made = await accounts.createAdmin(ctx, { handle: 'steward', passphrase: PASS });
		expect(made).toMatchObject({ promoted: false, account: { handle: 'steward' } });
		const s = await accounts.logIn(ctx, { handle: 'steward', passphrase: PASS }, session);
		expect(s.actor.isAdmin).toBe(true);

		await signUp(ctx, 'amal');
		expect(await accounts.createAdmin(ctx, { handle: 'AMAL', promote: true })).toMatchObject({
			promoted: true,
			account: { handle: 'amal' }
		});
		const amal = await accounts.logIn(ctx, { handle: 'amal', passphrase: PASS }, session);
		expect(amal.actor.isAdmin).toBe(true);

		expect((await caught(accounts.createAdmin(ctx, { handle: 'nobody', promote: true }))).messageKey).toBe(
			'account_admin_not_found'
		);
		expect((await caught(accounts.createAdmin(ctx, { handle: 'amal', passphrase: PASS }))).fields).toEqual([
			{ field: 'handle', message: 'account_handle_taken' }
		]);
		expect(
			(await caught(accounts.createAdmin(ctx, { handle: 'root', passphrase: '' }))).fields[0]?.message
		).toBe('account_passphrase_too_short');
	});
});
