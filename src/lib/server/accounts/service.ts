/**
 * Account use cases: sign up, log in and out, change passphrase, profile,
 * download my data, delete my account, and making administrators. Every rule
 * about handles and passphrases comes from domain/; this module adds what needs
 * the database (taken handles, rate limits, sessions) and throws DomainErrors.
 */
import { forgetIdempotencyScope } from '../http/idempotency';
import { DomainError, invalid, notFound, unauthenticated, type FieldIssue } from '../../domain/errors';
import { checkHandle, handleKey } from '../../domain/handles';
import { newId } from '../../domain/ids';
import { checkPassphrase } from '../../domain/passphrase';
import { isLocale, type Locale } from '../../i18n/locales';
import type { Actor, Ctx } from '../context';
import { accountDeletionHooks, dataExporters } from './export';
import { hashPassphrase, needsRehash, verifyPassphrase } from './passwords';
import {
	createSession,
	destroyAllSessions,
	destroyOtherSessions,
	destroySession,
	listSessions,
	pruneExpiredSessions,
	type SessionView
} from './sessions';
import * as store from './store';

// --- Rate limits -----------------------------------------------------------------

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failures per handle in the window: enough for typos, too few for guessing. */
export const HANDLE_FAILURE_LIMIT = 5;
/** Failures per address: higher, because a shared address (a community centre) serves many people. */
export const ADDRESS_FAILURE_LIMIT = 20;
const ATTEMPT_RETENTION_MS = 86_400_000;
/** Share of attempts that also prune day-old rows: enough to keep the table small, cheap per call. */
const PRUNE_SHARE = 0.05;

/** login_attempts.handle_key holds 64 characters; a longer typed "handle" is keyed by its start. */
const attemptKey = (handle: string) => [...handleKey(handle)].slice(0, 64).join('');

async function assertNotRateLimited(ctx: Ctx, key: string): Promise<void> {
	const now = ctx.now().getTime();
	const since = new Date(now - LOGIN_WINDOW_MS).toISOString();
	const checks = [
		{ by: { handleKey: key }, limit: HANDLE_FAILURE_LIMIT },
		{ by: { addressHash: ctx.addressHash }, limit: ADDRESS_FAILURE_LIMIT }
	];
	let retryAfter = 0;
	for (const { by, limit } of checks) {
		const times = await store.failuresSince(ctx.db.kysely, by, since, limit);
		if (times.length < limit) continue;
		// When the oldest of the last `limit` failures leaves the window, one more try is allowed.
		const freeAt = new Date(times[0]!).getTime() + LOGIN_WINDOW_MS;
		retryAfter = Math.max(retryAfter, Math.ceil((freeAt - now) / 1000));
	}
	if (retryAfter > 0) throw new DomainError('rate_limited', 'error_rate_limited', { retryAfter });
}

async function recordFailure(ctx: Ctx, key: string): Promise<void> {
	await store.recordFailure(ctx.db.kysely, key, ctx.addressHash, ctx.now().toISOString());
	if (Math.random() < PRUNE_SHARE) await pruneLoginAttempts(ctx);
}

export async function pruneLoginAttempts(ctx: Pick<Ctx, 'db' | 'now'>): Promise<void> {
	await store.pruneAttempts(
		ctx.db.kysely,
		new Date(ctx.now().getTime() - ATTEMPT_RETENTION_MS).toISOString()
	);
}

/**
 * Checks `passphrase` for the account with handle key `key` under the login rate
 * limits. Unknown handles cost the same time and count as failures too.
 */
async function verifyLimited(ctx: Ctx, key: string, passphrase: string): Promise<store.AccountRow | null> {
	await assertNotRateLimited(ctx, key);
	const account = key ? await store.accountByKey(ctx.db.kysely, key) : undefined;
	const ok = await verifyPassphrase(account?.passphrase_hash ?? null, passphrase);
	if (!ok || !account) {
		await recordFailure(ctx, key);
		return null;
	}
	await store.clearFailures(ctx.db.kysely, key);
	return account;
}

// --- Shapes ------------------------------------------------------------------------

export interface AccountCreated {
	id: string;
	handle: string;
	locale: Locale;
	created_at: string;
}

export interface Me extends AccountCreated {
	email: string | null;
	is_admin: boolean;
}

export interface SessionStarted {
	actor: Actor;
	token: string;
	expires: Date;
	locale: Locale;
}

/** What the route knows about the request's session, for rotation and "log out elsewhere". */
export interface SessionRequest {
	userAgent: string | null;
	/** The session cookie that came with the request, if any: replaced on login. */
	currentToken: string | null;
}

const localeOf = (value: string): Locale => (isLocale(value) ? value : 'en');

function created(row: store.AccountRow): AccountCreated {
	return { id: row.id, handle: row.handle ?? '', locale: localeOf(row.locale), created_at: row.created_at };
}

function meOf(row: store.AccountRow): Me {
	return { ...created(row), email: row.email, is_admin: row.is_admin === 1 };
}

const actorOf = (row: store.AccountRow): Actor => ({
	id: row.id,
	handle: row.handle ?? '',
	isAdmin: row.is_admin === 1
});

function requireActor(ctx: Ctx): Actor {
	if (!ctx.actor) throw unauthenticated();
	return ctx.actor;
}

async function liveAccount(ctx: Ctx): Promise<store.AccountRow> {
	const actor = requireActor(ctx);
	const row = await store.accountById(ctx.db.kysely, actor.id);
	if (!row || row.deleted_at || !row.handle_key) throw unauthenticated();
	return row;
}

const handleTaken = () =>
	new DomainError('conflict', 'error_invalid_input', {
		fields: [{ field: 'handle', message: 'account_handle_taken' }]
	});

// --- Sign up -------------------------------------------------------------------------

export interface SignUpInput {
	id?: string;
	handle: string;
	passphrase: string;
	/** The form's second copy of the passphrase; the API has none. */
	passphrase_confirm?: string;
	email?: string;
	locale: Locale;
}

export interface SignUpOptions {
	/** `circles admin create`: reserved handles allowed, the account is an administrator. */
	admin?: boolean;
	/** Log the new account in on this request. */
	session?: SessionRequest;
}

/**
 * Creates an account. Replaying the same client id with the same handle and
 * passphrase returns the account made the first time (offline clients retry).
 */
export async function signUp(
	ctx: Ctx,
	input: SignUpInput,
	options: SignUpOptions = {}
): Promise<{ account: AccountCreated; session?: SessionStarted }> {
	const issues: FieldIssue[] = [];
	const handle = checkHandle(input.handle, { allowReserved: true });
	if (!handle.ok) issues.push({ field: 'handle', message: handle.problem, params: handle.params });
	const pass = checkPassphrase(input.passphrase, input.handle);
	if (pass) issues.push({ field: 'passphrase', message: pass.problem, params: pass.params });
	if (input.passphrase_confirm !== undefined && input.passphrase_confirm !== input.passphrase)
		issues.push({ field: 'passphrase_confirm', message: 'account_passphrase_mismatch' });
	if (!handle.ok || issues.length) throw invalid(issues);

	const k = ctx.db.kysely;
	if (input.id) {
		const existing = await store.accountById(k, input.id);
		if (existing) {
			const same =
				existing.handle_key === handle.key &&
				(await verifyPassphrase(existing.passphrase_hash, input.passphrase));
			if (!same) throw new DomainError('conflict', 'account_id_conflict');
			return { account: created(existing), session: await startSession(ctx, existing, options.session) };
		}
	}
	if (await store.handleInUse(k, handle.key, handle.skeleton)) throw handleTaken();
	// Taken is the more useful answer when the reserved name already exists, so it comes first.
	if (handle.reserved && !options.admin)
		throw invalid([{ field: 'handle', message: 'account_handle_reserved' }], 'account_handle_reserved');

	const row: store.AccountRow = {
		id: input.id ?? newId(),
		handle: handle.handle,
		handle_key: handle.key,
		handle_skeleton: handle.skeleton.slice(0, 128),
		passphrase_hash: await hashPassphrase(input.passphrase),
		email: input.email ?? null,
		locale: input.locale,
		is_admin: options.admin ? 1 : 0,
		created_at: ctx.now().toISOString(),
		deleted_at: null
	};
	try {
		await store.insertAccount(k, row);
	} catch (e) {
		if (!store.isUniqueViolation(e)) throw e;
		// Lost a race: another request took the id or a look-alike handle in between.
		if (input.id && (await store.accountById(k, input.id)))
			throw new DomainError('conflict', 'account_id_conflict');
		throw handleTaken();
	}
	return { account: created(row), session: await startSession(ctx, row, options.session) };
}

async function startSession(
	ctx: Ctx,
	row: store.AccountRow,
	request: SessionRequest | undefined
): Promise<SessionStarted | undefined> {
	if (!request) return undefined;
	const k = ctx.db.kysely;
	// Rotation: whatever session the browser had before is ended, so a token planted
	// before login (session fixation) is worth nothing after it.
	if (request.currentToken) await destroySession(k, request.currentToken);
	const { token, expires } = await createSession(k, row.id, ctx.now(), request.userAgent);
	return { actor: actorOf(row), token, expires, locale: localeOf(row.locale) };
}

// --- Log in / out ----------------------------------------------------------------------

export async function logIn(
	ctx: Ctx,
	input: { handle: string; passphrase: string },
	request: SessionRequest
): Promise<SessionStarted> {
	const key = attemptKey(input.handle);
	const account = await verifyLimited(ctx, key, input.passphrase);
	if (!account) throw new DomainError('unauthenticated', 'account_login_failed');
	if (account.passphrase_hash && needsRehash(account.passphrase_hash)) {
		await store.updateAccount(ctx.db.kysely, account.id, {
			passphrase_hash: await hashPassphrase(input.passphrase)
		});
	}
	if (Math.random() < PRUNE_SHARE) {
		await pruneLoginAttempts(ctx);
		await pruneExpiredSessions(ctx.db.kysely, ctx.now());
	}
	return (await startSession(ctx, account, request))!;
}

export async function logOut(ctx: Ctx, token: string | null): Promise<void> {
	if (token) await destroySession(ctx.db.kysely, token);
}

// --- My account --------------------------------------------------------------------------

export async function getMe(ctx: Ctx): Promise<Me> {
	return meOf(await liveAccount(ctx));
}

/** The account page: the account and where it is logged in. */
export async function getAccountOverview(
	ctx: Ctx,
	currentToken: string | null
): Promise<{ me: Me; sessions: SessionView[] }> {
	const row = await liveAccount(ctx);
	return { me: meOf(row), sessions: await listSessions(ctx.db.kysely, row.id, ctx.now(), currentToken) };
}

export async function updateProfile(ctx: Ctx, input: { email?: string; locale: Locale }): Promise<Me> {
	const row = await liveAccount(ctx);
	const patch = { email: input.email ?? null, locale: input.locale };
	await store.updateAccount(ctx.db.kysely, row.id, patch);
	return meOf({ ...row, ...patch });
}

/** Changes the passphrase and ends every other session of the account. */
export async function changePassphrase(
	ctx: Ctx,
	input: { current_passphrase: string; new_passphrase: string; new_passphrase_confirm?: string },
	currentToken: string | null
): Promise<void> {
	const row = await liveAccount(ctx);
	const issues: FieldIssue[] = [];
	const problem = checkPassphrase(input.new_passphrase, row.handle ?? '');
	if (problem) issues.push({ field: 'new_passphrase', message: problem.problem, params: problem.params });
	if (input.new_passphrase_confirm !== undefined && input.new_passphrase_confirm !== input.new_passphrase)
		issues.push({ field: 'new_passphrase_confirm', message: 'account_passphrase_mismatch' });
	if (issues.length) throw invalid(issues);
	const verified = await verifyLimited(ctx, row.handle_key!, input.current_passphrase);
	if (!verified || verified.id !== row.id)
		throw invalid(
			[{ field: 'current_passphrase', message: 'account_passphrase_wrong' }],
			'account_passphrase_wrong'
		);
	const hash = await hashPassphrase(input.new_passphrase);
	await ctx.db.kysely.transaction().execute(async (trx) => {
		await store.updateAccount(trx, row.id, { passphrase_hash: hash });
		await destroyOtherSessions(trx, row.id, currentToken);
	});
}

/** "Download my data": everything stored about the account, with each feature's part. */
export async function exportMyData(ctx: Ctx, currentToken: string | null): Promise<Record<string, unknown>> {
	const row = await liveAccount(ctx);
	const k = ctx.db.kysely;
	const data: Record<string, unknown> = {
		format: 'circles-account-export',
		version: 1,
		exported_at: ctx.now().toISOString(),
		account: meOf(row),
		sessions: await listSessions(k, row.id, ctx.now(), currentToken),
		// Failed logins are kept a day for rate limiting; the address hash is left out
		// because a failure may have come from someone else's machine.
		login_attempts: (await store.attemptsForHandle(k, row.handle_key!)).map((a) => ({
			created_at: a.created_at,
			succeeded: a.succeeded === 1
		}))
	};
	for (const [name, exporter] of dataExporters()) data[name] = await exporter(k, row.id);
	return data;
}

/**
 * Deletes the account: handle, key, email and passphrase hash are erased, sessions
 * and login attempts removed, other features clean up in the same transaction. The
 * row stays (with deleted_at) so contributions keep an author id, shown as
 * "former member".
 */
export async function deleteAccount(ctx: Ctx, input: { passphrase: string }): Promise<void> {
	const row = await liveAccount(ctx);
	const verified = await verifyLimited(ctx, row.handle_key!, input.passphrase);
	if (!verified || verified.id !== row.id)
		throw invalid([{ field: 'passphrase', message: 'account_passphrase_wrong' }], 'account_passphrase_wrong');
	const now = ctx.now();
	await ctx.db.kysely.transaction().execute(async (trx) => {
		for (const [, hook] of accountDeletionHooks()) await hook(trx, row.id, now);
		await store.updateAccount(trx, row.id, {
			handle: null,
			handle_key: null,
			handle_skeleton: null,
			passphrase_hash: null,
			email: null,
			is_admin: 0,
			deleted_at: now.toISOString()
		});
		await destroyAllSessions(trx, row.id);
		await store.clearFailures(trx, row.handle_key!);
		// Stored API answers may quote the handle; they go with the person.
		await forgetIdempotencyScope(trx, `account:${row.id}`);
	});
}

// --- Administration -------------------------------------------------------------------------

/** `circles admin create`: a new administrator, or `promote` an existing account. */
export async function createAdmin(
	ctx: Ctx,
	input: { handle: string; passphrase?: string; promote?: boolean; locale?: Locale }
): Promise<{ account: AccountCreated; promoted: boolean }> {
	if (input.promote) {
		const row = await store.accountByKey(ctx.db.kysely, handleKey(input.handle));
		if (!row) throw notFound('account_admin_not_found');
		await store.updateAccount(ctx.db.kysely, row.id, { is_admin: 1 });
		return { account: created(row), promoted: true };
	}
	const { account } = await signUp(
		ctx,
		{ handle: input.handle, passphrase: input.passphrase ?? '', locale: input.locale ?? 'en' },
		{ admin: true }
	);
	return { account, promoted: false };
}
