/**
 * The database's tables as Kysely sees them. Timestamps are ISO 8601 UTC text and
 * flags are 0/1 integers on both engines, so rows read the same on SQLite and
 * PostgreSQL and no feature needs to know which engine runs.
 */
import type { Generated } from 'kysely';

export interface AccountsTable {
	id: string;
	/** The handle as the person typed it (NFKC), for display; null once deleted. */
	handle: string | null;
	/** NFKC + case-folded handle, unique; null once the account is deleted. */
	handle_key: string | null;
	/** Look-alike form of handle_key (domain/handles.ts), unique; null once deleted. Migration 0002. */
	handle_skeleton: string | null;
	passphrase_hash: string | null;
	email: string | null;
	locale: string;
	is_admin: number;
	created_at: string;
	deleted_at: string | null;
}

export interface SessionsTable {
	/** sha256 of the cookie token: a leaked database does not leak live sessions. */
	id_hash: string;
	account_id: string;
	created_at: string;
	expires_at: string;
	user_agent: string | null;
}

export interface LoginAttemptsTable {
	id: Generated<number>;
	handle_key: string;
	/** sha256 of the client address, so the table holds no raw IP addresses. */
	address_hash: string;
	succeeded: number;
	created_at: string;
}

export interface IdempotencyKeysTable {
	scope: string;
	key: string;
	request_hash: string;
	status: number | null;
	response_body: string | null;
	created_at: string;
}

export interface LibrariesTable {
	id: string;
	slug: string;
	name: string;
	description: string;
	created_by: string | null;
	created_at: string;
	updated_at: string;
	suspended_at: string | null;
	suspended_reason: string | null;
}

export interface LibraryMembersTable {
	library_id: string;
	account_id: string;
	role: 'curator' | 'contributor';
	added_by: string | null;
	created_at: string;
}

/** An append-only history of changes that others may need to see (stewardship is visible). */
export interface EventsTable {
	id: string;
	subject_type: string;
	subject_id: string;
	actor_id: string | null;
	action: string;
	data: string;
	created_at: string;
}

export interface Database {
	accounts: AccountsTable;
	sessions: SessionsTable;
	login_attempts: LoginAttemptsTable;
	idempotency_keys: IdempotencyKeysTable;
	libraries: LibrariesTable;
	library_members: LibraryMembersTable;
	events: EventsTable;
}
