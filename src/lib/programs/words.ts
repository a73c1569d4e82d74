/**
 * Small helpers the builder's pages share: an item's name as this viewer may see it, a
 * number of minutes in words, and which addresses may become links.
 */
import type { ProgramItem } from '$lib/domain/programs';
import type { I18n } from '$lib/i18n/context';
import type { ResolvedResource } from '$lib/server/programs/service';

export function minutesText(minutes: number, t: I18n['t']): string {
	return t('prog_minutes', { count: minutes });
}

/** Only web addresses become links; a `javascript:` URL an author typed stays text. */
export function webHref(url: string): string | null {
	try {
		const u = new URL(url);
		return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
	} catch {
		return null;
	}
}

export function itemTitle(
	item: ProgramItem,
	resources: Record<string, ResolvedResource>,
	t: I18n['t']
): string {
	if (item.kind === 'resource') {
		const r = resources[item.id];
		return r?.available ? r.title : t('prog_item_unavailable');
	}
	return item.title || (item.kind === 'link' ? item.url : '');
}
