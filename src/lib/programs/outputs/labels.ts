/**
 * Words and small helpers the outputs pages share: a link only when it is a web address,
 * the name of a changed field, a program's value as readable text, and what to call an
 * item whose change is shown.
 */
import { licenceName } from '$lib/domain/licence-words';
import { isLicenceId } from '$lib/domain/licences';
import { META_FIELDS, SESSION_FIELDS, type ProgramContent, type ProgramItem } from '$lib/domain/programs';
import type { MessageKey } from '$lib/i18n/keys';
import type { I18n } from '$lib/i18n/context';
import { languageName } from '$lib/resources/format';
import type { ResolvedResource } from '$lib/server/programs/service';

/** Only web addresses become links; a `javascript:` URL an author typed stays text. */
export function webHref(url: string): string | null {
	try {
		const u = new URL(url);
		return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
	} catch {
		return null;
	}
}

const FIELD_KEYS: Record<string, MessageKey> = {
	title: 'prog_out_field_title',
	summary: 'prog_out_field_summary',
	languages: 'prog_out_field_languages',
	audience: 'prog_out_field_audience',
	format: 'prog_out_field_format',
	layout: 'prog_out_field_layout',
	outcomes: 'prog_out_field_outcomes',
	licence: 'prog_out_field_licence',
	objectives: 'prog_out_field_objectives',
	duration_minutes: 'prog_out_field_duration',
	materials: 'prog_out_field_materials',
	facilitator_notes: 'prog_out_field_notes',
	reflection_questions: 'prog_out_field_reflection',
	note: 'prog_out_field_note',
	instructions: 'prog_out_field_instructions',
	url: 'prog_out_field_url',
	activity: 'prog_out_field_activity',
	resource_id: 'prog_out_field_resource',
	version_id: 'prog_out_field_version',
	based_on: 'prog_out_field_based_on',
	kind: 'prog_out_field_kind'
};

export function fieldLabel(field: string, t: I18n['t']): string {
	const key = FIELD_KEYS[field];
	return key ? t(key) : field;
}

export function fieldList(fields: string[], i18n: Pick<I18n, 't' | 'locale'>): string {
	return new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(
		fields.map((f) => fieldLabel(f, i18n.t))
	);
}

/**
 * A field's value as lines of text: null when empty. Vocabularies are named in the reader's
 * language; ids stay ids (a pinned version's id means nothing in words, "pinned" is shown apart).
 */
export function readableValue(
	field: string,
	value: unknown,
	i18n: Pick<I18n, 't' | 'locale'>
): string[] | null {
	const { t, locale } = i18n;
	if (value === undefined || value === null || value === '') return null;
	if (Array.isArray(value)) {
		if (value.length === 0) return null;
		if (field === 'languages') return value.map((v) => languageName(String(v), locale));
		if (field === 'based_on') return [t('prog_out_based_on_count', { count: value.length })];
		return value.map((v) => String(v));
	}
	const s = String(value);
	switch (field) {
		case 'format':
			return [t(`program_format_${s}` as MessageKey)];
		case 'layout':
			return [t(`program_layout_${s}` as MessageKey)];
		case 'activity':
			return [t(`program_activity_${s}` as MessageKey)];
		case 'kind':
			return [t(`prog_out_kind_${s}` as MessageKey)];
		case 'licence':
			return [isLicenceId(s) ? (licenceName(s, locale) ?? s) : s];
		case 'duration_minutes':
			return [t('prog_out_minutes', { count: Number(value) })];
		case 'version_id':
			return [t('prog_out_pinned_short')];
		default:
			return typeof value === 'object' ? [JSON.stringify(value)] : [s];
	}
}

/** What to call an item: its title, or its resource's title as this viewer may see it. */
export function itemName(
	item: ProgramItem | undefined,
	resources: Record<string, ResolvedResource>,
	t: I18n['t']
): string | null {
	if (!item) return null;
	if (item.kind === 'resource') {
		const r = resources[item.id];
		return r?.available ? r.title : t('prog_out_resource_unavailable');
	}
	return item.title || (item.kind === 'link' ? item.url : '');
}

export function findItem(
	content: { sessions: { items: ProgramItem[] }[] },
	id: string
): ProgramItem | undefined {
	for (const s of content.sessions) {
		const found = s.items.find((i) => i.id === id);
		if (found) return found;
	}
	return undefined;
}

/** A unit's fields as the merge names them (`program`, `session:<id>`, `item:<id>`), or null when absent. */
export function unitFields(content: ProgramContent, unit: string): Record<string, unknown> | null {
	const at = unit.indexOf(':');
	const kind = at < 0 ? unit : unit.slice(0, at);
	const id = unit.slice(at + 1);
	const pick = (source: object, keys: readonly string[]) =>
		Object.fromEntries(keys.map((k) => [k, (source as Record<string, unknown>)[k]]));
	if (kind === 'program') return pick(content, META_FIELDS);
	if (kind === 'session') {
		const s = content.sessions.find((x) => x.id === id);
		return s ? pick(s, SESSION_FIELDS) : null;
	}
	const item = findItem(content, id);
	return item ? { ...item } : null;
}
