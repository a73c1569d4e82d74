/**
 * Notices a save or a history action redirects with (`?notice=…&version=N`), as message
 * keys, so a forged query string can only pick one of these sentences. The resource page
 * shows `editNotice`, the history page `historyNotice`.
 */
import type { MessageKey, MessageParams } from '../i18n/keys';

export interface Notice {
	key: MessageKey;
	params: MessageParams;
}

const EDIT: Record<string, MessageKey> = {
	created: 'edit_notice_created',
	created_draft: 'edit_notice_created_draft',
	published: 'edit_notice_published',
	saved: 'edit_notice_saved',
	proposed: 'edit_notice_proposed'
};

const HISTORY: Record<string, MessageKey> = {
	published: 'history_notice_published',
	unpublished: 'history_notice_unpublished',
	restored: 'history_notice_restored'
};

function pick(table: Record<string, MessageKey>, query: URLSearchParams): Notice | null {
	const name = query.get('notice') ?? '';
	if (!Object.hasOwn(table, name)) return null;
	const version = query.get('version') ?? '';
	const number = /^[0-9]{1,9}$/.test(version) ? Number(version) : null;
	const key = table[name] as MessageKey;
	// A sentence that names a version number is not shown without one.
	if (
		key !== 'edit_notice_created' &&
		key !== 'edit_notice_created_draft' &&
		key !== 'history_notice_unpublished'
	) {
		if (number === null) return null;
	}
	return { key, params: number === null ? {} : { number } };
}

/** After creating or editing: "Saved as version 3", "Proposed as a draft…". */
export const editNotice = (query: URLSearchParams) => pick(EDIT, query);

/** After publishing, unpublishing or restoring on the history page. */
export const historyNotice = (query: URLSearchParams) => pick(HISTORY, query);

/** Where creating a resource (new, translation, adaptation) redirects: published at once, or a draft. */
export function createdNoticeQuery(created: { published_version_id: string | null }): string {
	return `notice=${created.published_version_id ? 'created' : 'created_draft'}`;
}

/** Where a save redirects: the resource page with the notice that fits what happened. */
export function savedNoticeQuery(
	v: { number: number; state: 'draft' | 'published' },
	curator: boolean
): string {
	const notice = v.state === 'published' ? 'published' : curator ? 'saved' : 'proposed';
	return `notice=${notice}&version=${v.number}`;
}
