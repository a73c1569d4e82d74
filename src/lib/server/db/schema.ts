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

/** Metadata of one attached file; the bytes are the blob named by sha256 (migration 0004). */
export interface AttachmentsTable {
	id: string;
	library_id: string;
	/** The resource it belongs to; no foreign key yet (resources arrive in migration 0003). */
	resource_id: string;
	file_name: string;
	sha256: string;
	size: number;
	media_type: string;
	kind: 'image' | 'audio' | 'video' | 'document' | 'text' | 'captions';
	alt_text: string | null;
	title: string | null;
	transcript: string | null;
	captions_attachment_id: string | null;
	created_by: string | null;
	created_at: string;
}

/** Which attachments a resource version carries, in order (migration 0004). */
export interface VersionAttachmentsTable {
	version_id: string;
	attachment_id: string;
	position: number;
}

/** The theme taxonomy (migration 0003): a stable key, and labels per locale. */
export interface ThemesTable {
	id: string;
	key: string;
	created_by: string | null;
	created_at: string;
}

export interface ThemeLabelsTable {
	theme_id: string;
	locale: string;
	label: string;
}

/** A resource: what stays the same across its versions (migration 0003). */
export interface ResourcesTable {
	id: string;
	library_id: string;
	/** Stable import key, unique per library; null for resources made in the app. */
	key: string | null;
	/** BCP 47, canonical form. */
	language: string;
	/** Shared by a work and its translations. */
	translation_group: string;
	translation_of: string | null;
	/** The original's version this translation was made from. */
	translated_from_version: string | null;
	/** The version (of another resource) this one adapts. */
	derived_from_version: string | null;
	current_version_id: string;
	published_version_id: string | null;
	created_by: string | null;
	created_at: string;
	updated_at: string;
}

/** An immutable version; list fields are JSON text arrays on both engines. */
export interface ResourceVersionsTable {
	id: string;
	resource_id: string;
	number: number;
	title: string;
	summary: string;
	body: string;
	type: string;
	themes: string;
	tags: string;
	audience: string | null;
	duration_minutes: number | null;
	region: string | null;
	sdg: string;
	accessibility: string;
	license: string;
	authors: string;
	source_url: string | null;
	change_note: string | null;
	change_log: string | null;
	/** JSON: the adapted source's title, authors, URL, licence and version. */
	attribution: string | null;
	author_id: string | null;
	created_at: string;
	state: 'draft' | 'published';
}

export interface TranslationRequestsTable {
	id: string;
	resource_id: string;
	language: string;
	requested_by: string | null;
	claimed_by: string | null;
	claimed_at: string | null;
	status: 'open' | 'claimed' | 'done';
	translation_id: string | null;
	created_at: string;
	closed_at: string | null;
	/** `resource_id:language` until done, then null: one unfinished request per pair. */
	open_key: string | null;
}

/** What the search reads (migration 0005): one row per published resource, facets as columns. */
export interface SearchDocumentsTable {
	doc_id: Generated<number>;
	resource_id: string;
	/** The published version that was indexed. */
	version_id: string;
	library_id: string;
	translation_group: string;
	language: string;
	type: string;
	license: string;
	/** 0/1, derived from the licence's facts (domain/licences.ts). */
	may_adapt: number;
	may_commercial: number;
	/** 'short' | 'medium' | 'long' | 'extended' (domain: search-facets), null without a duration. */
	duration_band: string | null;
	region: string | null;
	title: string;
	summary: string;
	excerpt: string;
	title_key: string;
	title_terms: string;
	terms: string;
	fingerprint: string;
	published_at: string;
	updated_at: string;
}

export interface SearchDocumentThemesTable {
	doc_id: number;
	theme: string;
}

export interface SearchDocumentFeaturesTable {
	doc_id: number;
	feature: string;
}

/** One row (id 1): bumped by every change to search_documents, so processes know their in-memory facets are stale. */
export interface SearchStateTable {
	id: number;
	generation: number;
}

/** A program: what stays the same across its versions (migration 0006). */
export interface ProgramsTable {
	id: string;
	head_version_id: string;
	head_number: number;
	/** The head version's title and format, for lists. */
	title: string;
	format: string;
	visibility: 'private' | 'unlisted' | 'public';
	forked_from_program: string | null;
	forked_from_version: string | null;
	created_by: string | null;
	created_at: string;
	updated_at: string;
}

/** An immutable snapshot; content is JSON (domain/programs.ts ProgramContent). */
export interface ProgramVersionsTable {
	id: string;
	program_id: string;
	number: number;
	parent_version_id: string | null;
	content: string;
	/** JSON { unit: upstream version id }: where each unit was last taken from upstream. */
	upstream_bases: string;
	change_note: string | null;
	author_id: string | null;
	created_at: string;
}

/** Co-authors, all equal: no owner. */
export interface ProgramAuthorsTable {
	program_id: string;
	account_id: string;
	invited_by: string | null;
	joined_at: string;
}

export interface ProgramInvitationsTable {
	id: string;
	program_id: string;
	account_id: string;
	invited_by: string | null;
	status: 'open' | 'accepted' | 'declined';
	created_at: string;
	closed_at: string | null;
	/** `program_id:account_id` while open, then null. */
	open_key: string | null;
}

export interface Database {
	accounts: AccountsTable;
	sessions: SessionsTable;
	login_attempts: LoginAttemptsTable;
	idempotency_keys: IdempotencyKeysTable;
	libraries: LibrariesTable;
	library_members: LibraryMembersTable;
	events: EventsTable;
	attachments: AttachmentsTable;
	version_attachments: VersionAttachmentsTable;
	themes: ThemesTable;
	theme_labels: ThemeLabelsTable;
	resources: ResourcesTable;
	resource_versions: ResourceVersionsTable;
	translation_requests: TranslationRequestsTable;
	search_documents: SearchDocumentsTable;
	search_document_themes: SearchDocumentThemesTable;
	search_document_features: SearchDocumentFeaturesTable;
	search_state: SearchStateTable;
	programs: ProgramsTable;
	program_versions: ProgramVersionsTable;
	program_authors: ProgramAuthorsTable;
	program_invitations: ProgramInvitationsTable;
}
