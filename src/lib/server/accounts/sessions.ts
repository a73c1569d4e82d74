/**
 * Server-side sessions. The cookie holds a random token; the database holds only
 * its sha256, so a copy of the database cannot be used to sign in as anyone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../context';
import type { Db, Executor } from '../db';

export const SESSION_COOKIE = 'circles_session';
export const SESSION_DAYS = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
	db: Executor,
	accountId: string,
	now: Date,
	userAgent: string | null
): Promise<{ token: string; expires: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
	await db
		.insertInto('sessions')
		.values({
			id_hash: hashToken(token),
			account_id: accountId,
			created_at: now.toISOString(),
			expires_at: expires.toISOString(),
			user_agent: userAgent ? userAgent.slice(0, 256) : null
		})
		.execute();
	return { token, expires };
}

export async function resolveSession(db: Db, token: string, now: Date): Promise<Actor | null> {
	if (token.length > 128) return null;
	const row = await db.kysely
		.selectFrom('sessions')
		.innerJoin('accounts', 'accounts.id', 'sessions.account_id')
		.select(['accounts.id', 'accounts.handle', 'accounts.is_admin', 'sessions.expires_at'])
		.where('sessions.id_hash', '=', hashToken(token))
		.where('accounts.deleted_at', 'is', null)
		.executeTakeFirst();
	if (!row || !row.handle || row.expires_at <= now.toISOString()) return null;
	return { id: row.id, handle: row.handle, isAdmin: row.is_admin === 1 };
}

export async function destroySession(db: Executor, token: string): Promise<void> {
	await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
}

export async function destroyAllSessions(db: Executor, accountId: string): Promise<void> {
	await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

/** Ends every session of the account except the one holding `keepToken` (after a passphrase change). */
export async function destroyOtherSessions(
	db: Executor,
	accountId: string,
	keepToken: string | null
): Promise<void> {
	let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
	if (keepToken) q = q.where('id_hash', '!=', hashToken(keepToken));
	await q.execute();
}

export interface SessionView {
	created_at: string;
	expires_at: string;
	user_agent: string | null;
	/** True for the session that made this request. */
	current: boolean;
}

/** The account's live sessions, newest first; never their tokens. */
export async function listSessions(
	db: Executor,
	accountId: string,
	now: Date,
	currentToken: string | null
): Promise<SessionView[]> {
	const rows = await db
		.selectFrom('sessions')
		.select(['id_hash', 'created_at', 'expires_at', 'user_agent'])
		.where('account_id', '=', accountId)
		.where('expires_at', '>', now.toISOString())
		.orderBy('created_at', 'desc')
		.execute();
	const currentHash = currentToken ? hashToken(currentToken) : null;
	return rows.map((r) => ({
		created_at: r.created_at,
		expires_at: r.expires_at,
		user_agent: r.user_agent,
		current: r.id_hash === currentHash
	}));
}

/** Expired sessions are useless; drop them now and then so the table does not grow forever. */
export async function pruneExpiredSessions(db: Executor, now: Date): Promise<void> {
	await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}

/**
 * The cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * posts), Secure whenever the request came over https, for as long as the session.
 */
export function sessionCookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		maxAge: SESSION_DAYS * 86_400
	};
}
