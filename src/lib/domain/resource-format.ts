/**
 * The Markdown import/export format (DESIGN.md, "Markdown import format"): one file per
 * resource and language, YAML front matter between `---` lines, the body after it.
 *
 * Parsing checks every field and reports each problem as {field, code} (no UI text: the
 * importer translates codes), so one run lists everything wrong with a file. Unknown keys are
 * errors, so a typo (`licence:`) is caught instead of silently dropped. What needs the
 * database (does the theme exist? is `translation_of` a known id? is an attachment an image
 * that lacks alt text?) is the importer's job.
 *
 * The canonical form, which export writes: keys in FIELD_ORDER, empty lists and absent values
 * left out, lists in block style, strings quoted only when YAML needs it, no line folding, LF,
 * a blank line between the front matter and the body, one trailing newline. parse(serialize(x))
 * equals x, and serialize(parse(text)) === text for a file in canonical form.
 */
import { isMap, isScalar, isSeq, parseDocument, Document } from 'yaml';
import { ALL_RIGHTS_RESERVED, parseResourceLicence, type ResourceLicenceId } from './licences';
import {
	ACCESSIBILITY_FEATURES,
	RESOURCE_TYPES,
	canonicalLanguage,
	type AccessibilityFeature,
	type ResourceType
} from './resources';

// The vocabularies and language rules are the resource domain's; this format only reads them.
export { RESOURCE_TYPES, ACCESSIBILITY_FEATURES, canonicalLanguage };
export type { ResourceType, AccessibilityFeature };

export const RESOURCE_FILE_LIMITS = {
	id: 100,
	title: 200,
	summary: 2000,
	tag: 60,
	author: 120,
	url: 2000,
	audience: 200,
	region: 100,
	fileName: 200,
	alt: 1000,
	attachmentTitle: 200,
	durationMinutes: 100_000,
	listItems: 50,
	body: 500_000
} as const;

export interface ResourceFileAttachment {
	/** A file beside the Markdown file (a plain name, no folders). */
	readonly file: string;
	/** Alternative text; the importer must require it for images. */
	readonly alt?: string;
	readonly title?: string;
	/** The file name of a transcript beside it (for audio and video). */
	readonly transcript?: string;
	/** The file name of a captions file (WebVTT) beside it. */
	readonly captions?: string;
}

export interface ResourceFileData {
	readonly id: string;
	readonly title: string;
	readonly summary?: string;
	/** A canonical BCP 47 tag (`en`, `fr`, `ar`, `pt-BR`). */
	readonly language: string;
	readonly type: ResourceType;
	/** Theme slugs; whether they exist is checked by the importer. */
	readonly themes: readonly string[];
	readonly tags: readonly string[];
	readonly license: ResourceLicenceId;
	readonly authors: readonly string[];
	readonly sourceUrl?: string;
	/** The `id` of the original, for a translation. */
	readonly translationOf?: string;
	readonly durationMinutes?: number;
	readonly audience?: string;
	readonly region?: string;
	/** SDG targets such as `4.7` or `6.b`. */
	readonly sdg: readonly string[];
	readonly accessibility: readonly AccessibilityFeature[];
	readonly attachments: readonly ResourceFileAttachment[];
	/** The Markdown body, verbatim. */
	readonly body: string;
}

export type ResourceFileErrorCode =
	| 'no-front-matter'
	| 'unclosed-front-matter'
	| 'yaml-syntax'
	| 'not-a-mapping'
	| 'unknown-key'
	| 'missing'
	| 'wrong-type'
	| 'too-long'
	| 'too-many'
	| 'invalid-characters'
	| 'invalid-id'
	| 'invalid-language'
	| 'invalid-type'
	| 'invalid-licence'
	| 'licence-needs-source'
	| 'invalid-url'
	| 'invalid-sdg'
	| 'invalid-accessibility'
	| 'invalid-file-name'
	| 'out-of-range'
	| 'duplicate'
	| 'self-translation';

export interface ResourceFileError {
	/** The key as written in the file, with a position for list items: `themes[2]`, `attachments[0].alt`. */
	readonly field: string;
	readonly code: ResourceFileErrorCode;
	/** Line in the file (1-based), when known. */
	readonly line?: number;
	/** The offending value or the parser's words; for logs and the CLI, not for translation. */
	readonly detail?: string;
}

export type ParseResult =
	| { readonly ok: true; readonly resource: ResourceFileData }
	| { readonly ok: false; readonly errors: readonly ResourceFileError[] };

/** Front-matter keys in canonical order, with the data property each fills. */
const FIELD_ORDER = [
	['id', 'id'],
	['title', 'title'],
	['summary', 'summary'],
	['language', 'language'],
	['type', 'type'],
	['themes', 'themes'],
	['tags', 'tags'],
	['license', 'license'],
	['authors', 'authors'],
	['source_url', 'sourceUrl'],
	['translation_of', 'translationOf'],
	['duration_minutes', 'durationMinutes'],
	['audience', 'audience'],
	['region', 'region'],
	['sdg', 'sdg'],
	['accessibility', 'accessibility'],
	['attachments', 'attachments']
] as const satisfies readonly (readonly [string, keyof ResourceFileData])[];
const KEYS: ReadonlySet<string> = new Set(FIELD_ORDER.map(([key]) => key));
const ATTACHMENT_KEYS = ['file', 'alt', 'title', 'transcript', 'captions'] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SDG_TARGET = /^(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])$/;
// C0/C1 controls other than tab and newline, and lone surrogates: never meaningful in metadata.
const CONTROL =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// ---------------------------------------------------------------------------------------------
// Parsing

/** Parses one resource file. `fileName` supplies the id when the front matter has none. */
export function parseResourceFile(text: string, fileName: string): ParseResult {
	const source = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
	if (!source.startsWith('---\n')) return fail({ field: 'front-matter', code: 'no-front-matter', line: 1 });
	const close = /^---[ \t]*$/m;
	const rest = source.slice(4);
	const end = close.exec(rest);
	if (!end) return fail({ field: 'front-matter', code: 'unclosed-front-matter', line: 1 });
	const yamlText = rest.slice(0, end.index);
	// The body: after the closing line and the blank line that separates it, without the
	// file's final newline (serialize adds both back).
	const afterClose = rest.slice(end.index + end[0].length).replace(/^\n/, '');
	const body = bodyFrom(afterClose);

	const doc = parseDocument(yamlText, {
		schema: 'core',
		uniqueKeys: true,
		prettyErrors: false,
		strict: true
	});
	const lineOf = (offset: number | undefined) =>
		offset === undefined ? undefined : lineAt(yamlText, offset) + 1;
	if (doc.errors.length > 0) {
		return {
			ok: false,
			errors: doc.errors.map((e) => ({
				field: 'front-matter',
				code: 'yaml-syntax' as const,
				line: lineOf(e.pos[0]),
				detail: e.code
			}))
		};
	}
	const contents = doc.contents;
	if (contents === null && yamlText.trim() === '') {
		return validate(new Map(), body, fileName, () => undefined);
	}
	if (!isMap(contents)) return fail({ field: 'front-matter', code: 'not-a-mapping', line: 2 });

	const values = new Map<string, { value: unknown; line: number | undefined }>();
	const errors: ResourceFileError[] = [];
	for (const pair of contents.items) {
		const key = isScalar(pair.key) ? pair.key.value : undefined;
		const keyLine = lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
		if (typeof key !== 'string' || !KEYS.has(key)) {
			errors.push({ field: String(key), code: 'unknown-key', line: keyLine });
			continue;
		}
		let value: unknown;
		try {
			// Aliases could expand a small file into a huge value; front matter has no use for them.
			value = toPlain(pair.value);
		} catch {
			errors.push({ field: key, code: 'yaml-syntax', line: keyLine, detail: 'alias' });
			continue;
		}
		values.set(key, { value, line: keyLine });
	}
	if (errors.length > 0) {
		// Still check the known keys, so one run reports everything.
		const more = validate(values, body, fileName, (k) => values.get(k)?.line);
		return { ok: false, errors: [...errors, ...(more.ok ? [] : more.errors)] };
	}
	return validate(values, body, fileName, (k) => values.get(k)?.line);
}

/** A YAML node as plain data; aliases are refused rather than expanded. */
function toPlain(node: unknown): unknown {
	if (isScalar(node)) return node.value;
	if (isSeq(node)) return node.items.map(toPlain);
	if (isMap(node)) {
		const out = new Map<unknown, unknown>();
		for (const pair of node.items)
			out.set(isScalar(pair.key) ? pair.key.value : pair.key, toPlain(pair.value));
		return out;
	}
	if (node === null) return null;
	throw new Error('alias');
}

function bodyFrom(afterClose: string): string {
	const withoutBlank = afterClose.startsWith('\n') ? afterClose.slice(1) : afterClose;
	return withoutBlank.endsWith('\n') ? withoutBlank.slice(0, -1) : withoutBlank;
}

function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

function fail(error: ResourceFileError): ParseResult {
	return { ok: false, errors: [error] };
}

type Entry = { value: unknown; line: number | undefined };

function validate(
	values: ReadonlyMap<string, Entry>,
	body: string,
	fileName: string,
	lineOfKey: (key: string) => number | undefined
): ParseResult {
	const errors: ResourceFileError[] = [];
	const err = (field: string, code: ResourceFileErrorCode, detail?: string) => {
		const key = field.replace(/[[.].*$/, '');
		errors.push({ field, code, line: lineOfKey(key), ...(detail === undefined ? {} : { detail }) });
	};
	const raw = (key: string): unknown => values.get(key)?.value ?? null;

	/** A single-line (or, for summaries, multi-line) string; absent and blank are `undefined`. */
	const str = (field: string, value: unknown, max: number, multiLine = false): string | undefined => {
		if (value === null || value === undefined) return undefined;
		if (typeof value !== 'string') {
			err(field, 'wrong-type', typeof value);
			return undefined;
		}
		const trimmed = value.trim();
		if (trimmed === '') return undefined;
		if (CONTROL.test(trimmed) || (!multiLine && /[\n\t]/.test(trimmed))) {
			err(field, 'invalid-characters');
			return undefined;
		}
		if ([...trimmed].length > max) {
			err(field, 'too-long', String(max));
			return undefined;
		}
		return trimmed;
	};
	const required = (field: string, max: number): string | undefined => {
		const value = str(field, raw(field), max);
		if (value === undefined && !errors.some((e) => e.field === field)) err(field, 'missing');
		return value;
	};
	const list = <T>(field: string, item: (name: string, value: unknown) => T | undefined): T[] => {
		const value = raw(field);
		if (value === null) return [];
		if (!Array.isArray(value)) {
			err(field, 'wrong-type', 'expected a list');
			return [];
		}
		if (value.length > RESOURCE_FILE_LIMITS.listItems)
			err(field, 'too-many', String(RESOURCE_FILE_LIMITS.listItems));
		const out: T[] = [];
		value.forEach((v, i) => {
			const parsed = item(`${field}[${i}]`, v);
			if (parsed === undefined) return;
			if (out.some((o) => JSON.stringify(o) === JSON.stringify(parsed))) err(`${field}[${i}]`, 'duplicate');
			else out.push(parsed);
		});
		return out;
	};
	const slugItem = (name: string, v: unknown) => {
		const s = str(name, v, RESOURCE_FILE_LIMITS.id);
		if (s !== undefined && !SLUG.test(s)) {
			err(name, 'invalid-id', s);
			return undefined;
		}
		if (s === undefined && typeof v === 'string') err(name, 'missing');
		return s;
	};
	const textItem = (max: number) => (name: string, v: unknown) => {
		const s = str(name, v, max);
		if (s === undefined && (v === null || typeof v === 'string')) err(name, 'missing');
		return s;
	};
	const fileItem = (name: string, v: unknown) => {
		const s = str(name, v, RESOURCE_FILE_LIMITS.fileName);
		if (s !== undefined && !isPlainFileName(s)) {
			err(name, 'invalid-file-name', s);
			return undefined;
		}
		return s;
	};

	// id: from the front matter, else from the file name.
	let id: string | undefined;
	if (values.has('id')) id = required('id', RESOURCE_FILE_LIMITS.id);
	else {
		const stem = fileName.replace(/^.*[/\\]/, '').replace(/\.(?:md|markdown)$/i, '');
		if (SLUG.test(stem) && stem.length <= RESOURCE_FILE_LIMITS.id) id = stem;
		else err('id', 'missing');
	}
	if (id !== undefined && !SLUG.test(id)) {
		err('id', 'invalid-id', id);
		id = undefined;
	}

	const title = required('title', RESOURCE_FILE_LIMITS.title);
	const summary = str('summary', raw('summary'), RESOURCE_FILE_LIMITS.summary, true);

	let language: string | undefined = required('language', 35);
	if (language !== undefined) {
		const canonical = canonicalLanguage(language);
		if (canonical === null) err('language', 'invalid-language', language);
		language = canonical ?? undefined;
	}

	const typeText = required('type', 40);
	const type = RESOURCE_TYPES.find((t) => t === typeText);
	if (typeText !== undefined && type === undefined) err('type', 'invalid-type', typeText);

	const themes = list('themes', slugItem);
	const tags = list('tags', textItem(RESOURCE_FILE_LIMITS.tag));

	const licenceText = required('license', 200);
	const license = licenceText === undefined ? null : parseResourceLicence(licenceText);
	if (licenceText !== undefined && license === null) err('license', 'invalid-licence', licenceText);

	const authors = list('authors', textItem(RESOURCE_FILE_LIMITS.author));

	const sourceUrl = str('source_url', raw('source_url'), RESOURCE_FILE_LIMITS.url);
	if (sourceUrl !== undefined && !isWebUrl(sourceUrl)) err('source_url', 'invalid-url', sourceUrl);
	if (license === ALL_RIGHTS_RESERVED && sourceUrl === undefined) err('license', 'licence-needs-source');

	const translationOf = str('translation_of', raw('translation_of'), RESOURCE_FILE_LIMITS.id);
	if (translationOf !== undefined && !SLUG.test(translationOf))
		err('translation_of', 'invalid-id', translationOf);
	else if (translationOf !== undefined && translationOf === id) err('translation_of', 'self-translation');

	const durationRaw = raw('duration_minutes');
	let durationMinutes: number | undefined;
	if (durationRaw !== null) {
		if (typeof durationRaw !== 'number' || !Number.isInteger(durationRaw))
			err('duration_minutes', 'wrong-type');
		else if (durationRaw < 1 || durationRaw > RESOURCE_FILE_LIMITS.durationMinutes)
			err('duration_minutes', 'out-of-range');
		else durationMinutes = durationRaw;
	}

	const audience = str('audience', raw('audience'), RESOURCE_FILE_LIMITS.audience);
	const region = str('region', raw('region'), RESOURCE_FILE_LIMITS.region);

	const sdg = list('sdg', (name, v) => {
		// 4.7 written without quotes is a number, and 4.10 would read as 4.1: insist on text.
		if (typeof v === 'number') {
			err(name, 'wrong-type', 'quote SDG targets, e.g. "4.7"');
			return undefined;
		}
		const s = str(name, v, 10);
		if (s !== undefined && !SDG_TARGET.test(s)) {
			err(name, 'invalid-sdg', s);
			return undefined;
		}
		return s;
	});

	const accessibility = list('accessibility', (name, v) => {
		const s = str(name, v, 60);
		if (s === undefined) return undefined;
		const term = ACCESSIBILITY_FEATURES.find((f) => f === s);
		if (term === undefined) err(name, 'invalid-accessibility', s);
		return term;
	});

	const attachments = list('attachments', (name, v): ResourceFileAttachment | undefined => {
		if (typeof v === 'string') {
			const file = fileItem(name, v);
			return file === undefined ? undefined : { file };
		}
		if (!(v instanceof Map)) {
			err(name, 'wrong-type', 'expected a file name or a mapping');
			return undefined;
		}
		let ok = true;
		for (const key of v.keys()) {
			if (typeof key !== 'string' || !(ATTACHMENT_KEYS as readonly string[]).includes(key)) {
				err(`${name}.${String(key)}`, 'unknown-key');
				ok = false;
			}
		}
		const file = fileItem(`${name}.file`, v.get('file') ?? null);
		if (file === undefined) {
			if (!errors.some((e) => e.field === `${name}.file`)) err(`${name}.file`, 'missing');
			return undefined;
		}
		const alt = str(`${name}.alt`, v.get('alt') ?? null, RESOURCE_FILE_LIMITS.alt);
		const attTitle = str(`${name}.title`, v.get('title') ?? null, RESOURCE_FILE_LIMITS.attachmentTitle);
		const transcript = fileItem(`${name}.transcript`, v.get('transcript') ?? null);
		const captions = fileItem(`${name}.captions`, v.get('captions') ?? null);
		if (!ok) return undefined;
		return {
			file,
			...(alt === undefined ? {} : { alt }),
			...(attTitle === undefined ? {} : { title: attTitle }),
			...(transcript === undefined ? {} : { transcript }),
			...(captions === undefined ? {} : { captions })
		};
	});

	if (body.length > RESOURCE_FILE_LIMITS.body) err('body', 'too-long', String(RESOURCE_FILE_LIMITS.body));

	if (
		errors.length > 0 ||
		id === undefined ||
		title === undefined ||
		language === undefined ||
		type === undefined ||
		license === null
	) {
		return { ok: false, errors };
	}
	const resource: ResourceFileData = {
		id,
		title,
		...(summary === undefined ? {} : { summary }),
		language,
		type,
		themes,
		tags,
		license,
		authors,
		...(sourceUrl === undefined ? {} : { sourceUrl }),
		...(translationOf === undefined ? {} : { translationOf }),
		...(durationMinutes === undefined ? {} : { durationMinutes }),
		...(audience === undefined ? {} : { audience }),
		...(region === undefined ? {} : { region }),
		sdg,
		accessibility,
		attachments,
		body
	};
	return { ok: true, resource };
}

/** A file beside the Markdown file: no folders, no parent, no hidden files, no odd characters. */
export function isPlainFileName(name: string): boolean {
	return (
		name.length <= RESOURCE_FILE_LIMITS.fileName &&
		!/[/\\:*?"<>|]/.test(name) &&
		!CONTROL.test(name) &&
		!/[\n\t]/.test(name) &&
		!name.startsWith('.') &&
		name.trim() === name &&
		name !== ''
	);
}

function isWebUrl(text: string): boolean {
	if (!/^https?:\/\/[^\s/?#]+/i.test(text) || /\s/.test(text)) return false;
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------------------------------------
// Serializing

/** The file for a resource, in canonical form. */
export function serializeResourceFile(data: ResourceFileData): string {
	const front: Record<string, unknown> = {};
	for (const [key, prop] of FIELD_ORDER) {
		const value = data[prop];
		if (value === undefined) continue;
		if (Array.isArray(value) && value.length === 0) continue;
		if (prop === 'attachments') {
			front[key] = data.attachments.map((a) => {
				const rest = ATTACHMENT_KEYS.filter((k) => k !== 'file' && a[k] !== undefined);
				if (rest.length === 0) return a.file;
				const item: Record<string, string> = { file: a.file };
				for (const k of rest) item[k] = a[k] as string;
				return item;
			});
		} else front[key] = value;
	}
	const yaml = new Document(front, { schema: 'core' }).toString({
		lineWidth: 0,
		minContentWidth: 0,
		indentSeq: true,
		defaultStringType: 'PLAIN',
		defaultKeyType: 'PLAIN',
		flowCollectionPadding: false
	});
	const body = data.body === '' ? '' : `\n${data.body}\n`;
	return `---\n${yaml}---\n${body}`;
}
