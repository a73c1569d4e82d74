/**
 * The resource form's values and field names, shared by every page that shows the form
 * (create, edit, translate, adapt). Pure: no Svelte, no server code.
 */

/** What a form re-renders with: strings, and string lists for checkbox groups. */
export type FormValues = Record<string, string | string[]>;

/** The fields of a version the form shows (a VersionView has them all). */
export interface VersionLike {
	title: string;
	summary: string;
	body: string;
	type: string;
	themes: string[];
	tags: string[];
	audience: string | null;
	duration_minutes: number | null;
	region: string | null;
	sdg: string[];
	accessibility: string[];
	license: string;
	authors: string[];
	source_url: string | null;
}

/**
 * A saved version as form values, the way a person would type them: tags and SDG targets
 * comma-separated, authors one per line. The change note is left empty: it describes
 * the next save, not this one.
 */
export function versionFormValues(v: VersionLike): FormValues {
	return {
		title: v.title,
		summary: v.summary,
		body: v.body,
		type: v.type,
		themes: [...v.themes],
		tags: v.tags.join(', '),
		audience: v.audience ?? '',
		duration_minutes: v.duration_minutes === null ? '' : String(v.duration_minutes),
		region: v.region ?? '',
		sdg: v.sdg.join(', '),
		accessibility: [...v.accessibility],
		license: v.license,
		authors: v.authors.join('\n'),
		source_url: v.source_url ?? ''
	};
}

/** The attachment service names its fields after its own input; the form's file fields differ. */
const UPLOAD_FIELDS: Record<string, string> = {
	file: 'file',
	fileName: 'file',
	altText: 'file_alt',
	transcript: 'file_transcript',
	captionsAttachmentId: 'file'
};

/**
 * The form control an error path belongs to: list items ("tags.2", "themes.0") belong to
 * their list's control, and the attachment service's fields (also under "uploads.0.")
 * to the file fields.
 */
export function formFieldOf(path: string): string {
	const parts = path.split('.');
	if (parts[0] === 'uploads') parts.splice(0, 2);
	const head = parts[0] ?? path;
	if (parts.length === 1 && Object.hasOwn(UPLOAD_FIELDS, head)) return UPLOAD_FIELDS[head] as string;
	return head;
}

/** Field messages keyed by form control, the first message of each control kept. */
export function formFieldErrors(fields: Record<string, string> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [path, message] of Object.entries(fields ?? {})) out[formFieldOf(path)] ??= message;
	return out;
}
