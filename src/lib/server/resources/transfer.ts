/**
 * Import and export of a library as a folder of Markdown files (DESIGN.md, "Markdown import
 * format"), attachments beside them. export → import into an empty database → export gives
 * identical folders, because export writes serializeResourceFile's canonical form.
 *
 * Who acts: import and export are operator tasks (the `circles` CLI, which already holds the
 * database). They run as the instance itself (ctx.actor null) or as an instance
 * administrator; mayTransfer below is the one place that decides it. Versions, resources and
 * attachments written by the instance carry a null author (shown as the instance, see
 * PersonRef in service.ts), so no account is needed and no schema change.
 *
 * Each file is all-or-nothing: its attachments' bytes are stored first (content-addressed,
 * so an unused blob costs disk space only), then its resource, version and attachment rows
 * go in one transaction. A bad file is reported as {file, field, code} and the others go in.
 * Re-importing updates by key (the front matter id): unchanged content writes nothing,
 * changed content becomes a new published version.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DomainError, isDomainError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { canTranslate } from '../../domain/licence-compat';
import { isAllowedForResource, isLicenceId } from '../../domain/licences';
import {
	isPlainFileName,
	parseResourceFile,
	serializeResourceFile,
	type ResourceFileData,
	type ResourceFileError
} from '../../domain/resource-format';
import {
	primaryLanguage,
	resourceKind,
	type AccessibilityFeature,
	type ResourceType
} from '../../domain/resources';
import { nowIso, type Ctx } from '../context';
import type { Executor } from '../db';
import { ensureLibrary, libraryRefBySlug } from '../libraries/service';
import { indexResource } from '../search';
import {
	attachmentDeps,
	insertPreparedAttachment,
	listVersionAttachments,
	TRANSCRIPT_MAX,
	prepareAttachment,
	setVersionAttachments,
	type AttachmentDeps,
	type AttachmentView
} from './attachments/service';
import { listThemes, versionRow } from './service';
import type { VersionFields } from './schemas';
import * as store from './store';

/** Why a file was refused: the format's codes plus what needs the database or the folder. */
export type TransferCode =
	| ResourceFileError['code']
	| 'unreadable'
	| 'file-too-large'
	| 'duplicate-id'
	| 'unknown-theme'
	| 'licence-link-only'
	| 'unknown-original'
	| 'original-failed'
	| 'original-no-derivatives'
	| 'same-language'
	| 'translation-exists'
	| 'language-changed'
	| 'relation-changed'
	| 'missing-file'
	| 'unsupported'
	| 'alt-required'
	| 'type-refused'
	| 'attachment-too-large'
	| 'quota-exceeded'
	| 'attachment-invalid'
	| 'write-failed';

export interface TransferFailure {
	/** The file's name inside the folder. */
	file: string;
	field: string;
	code: TransferCode;
	/** For logs and the CLI; never translated. */
	detail?: string;
}

export type FileOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface ImportProgress {
	/** 1-based position in processing order (originals first). */
	index: number;
	total: number;
	file: string;
	outcome: FileOutcome;
}

export interface ImportReport {
	created: number;
	updated: number;
	unchanged: number;
	failed: TransferFailure[];
	libraryCreated: boolean;
}

export interface ImportOptions {
	slug: string;
	/** The library's name when it has to be created (default: the slug). */
	name?: string;
	onProgress?: (p: ImportProgress) => void;
	deps?: AttachmentDeps;
}

export interface ExportOptions {
	slug: string;
	/** Write into a non-empty folder, overwriting only the files export writes. */
	force?: boolean;
	deps?: AttachmentDeps;
}

export interface ExportReport {
	resources: number;
	attachments: number;
}

/** A Markdown file larger than this is refused before it is read (the body limit is 500 000 characters). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const README = /^readme\.md$/i;

/** The policy: the instance itself (CLI) or an instance administrator moves whole libraries. */
export function mayTransfer(ctx: Pick<Ctx, 'actor'>): boolean {
	return ctx.actor === null || ctx.actor.isAdmin;
}

function requireTransfer(ctx: Ctx): void {
	if (!mayTransfer(ctx)) throw new DomainError('forbidden', 'transfer_forbidden');
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function jsonArray(raw: string): string[] {
	try {
		const v: unknown = JSON.parse(raw);
		return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

/** A resource's published version in the file format (what export writes, what re-import compares). */
function fileData(
	r: store.ResourceRow,
	v: store.VersionRow,
	attachments: readonly AttachmentView[],
	originalKey: string | undefined
): ResourceFileData {
	const opt = <K extends string, T>(k: K, value: T | null | undefined) =>
		(value === null || value === undefined || value === '' ? {} : { [k]: value }) as Partial<Record<K, T>>;
	return {
		id: r.key ?? r.id,
		title: v.title,
		...opt('summary', v.summary),
		language: r.language,
		type: v.type as ResourceType,
		themes: jsonArray(v.themes),
		tags: jsonArray(v.tags),
		license: v.license as ResourceFileData['license'],
		authors: jsonArray(v.authors),
		...opt('sourceUrl', v.source_url),
		...opt('translationOf', originalKey),
		...opt('durationMinutes', v.duration_minutes),
		...opt('audience', v.audience),
		...opt('region', v.region),
		sdg: jsonArray(v.sdg),
		accessibility: jsonArray(v.accessibility) as AccessibilityFeature[],
		attachments: attachments.map((a) => ({
			file: a.fileName,
			...opt('alt', a.altText),
			...opt('title', a.title),
			...opt('transcript', a.transcript === null ? null : transcriptFileName(a.fileName))
		})),
		body: v.body
	};
}

/**
 * Where export writes an attachment's transcript: beside it, named after it. The database
 * keeps the transcript's text, not the name it was imported under, so export names it.
 */
const transcriptFileName = (fileName: string) => `${fileName.replace(/\.[^.]*$/, '')}.transcript.txt`;

/** The file name an export gives a resource, also the key a re-import finds it by. */
const keyOf = (r: store.ResourceRow) => r.key ?? r.id;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The resource a file's id names: by import key, or (for a resource made in the app, which
 * export names by its UUID because it has no key) by id.
 */
async function findByFileId(
	k: Executor,
	libraryId: string,
	id: string
): Promise<store.ResourceRow | undefined> {
	const byKey = await store.resourceByKey(k, libraryId, id);
	if (byKey || !UUID.test(id)) return byKey;
	const byId = await store.resourceById(k, id);
	return byId && byId.library_id === libraryId && byId.key === null ? byId : undefined;
}

async function originalKeyOf(k: Executor, r: store.ResourceRow): Promise<string | undefined> {
	if (!r.translation_of) return undefined;
	const o = await store.resourceById(k, r.translation_of);
	return o ? keyOf(o) : undefined;
}

interface Parsed {
	file: string;
	data: ResourceFileData;
}

/** Reads a regular file (never through a symlink) no larger than `max`, or says why not. */
async function readPlain(full: string, max: number): Promise<Buffer | 'missing-file' | 'too-large'> {
	try {
		const st = await fs.lstat(full);
		if (!st.isFile()) return 'missing-file';
		if (st.size > max) return 'too-large';
		return await fs.readFile(full);
	} catch {
		return 'missing-file';
	}
}

class FileRefused extends Error {
	constructor(readonly failures: Omit<TransferFailure, 'file'>[]) {
		super('file refused');
	}
}
const refuse = (field: string, code: TransferCode, detail?: string): never => {
	throw new FileRefused([{ field, code, ...(detail === undefined ? {} : { detail }) }]);
};

/** The attachments service's refusals as reason codes for the report. */
function attachmentCode(e: DomainError): { field: 'file' | 'alt' | 'transcript'; code: TransferCode } {
	if (e.fields?.[0]?.field === 'transcript') return { field: 'transcript', code: 'attachment-invalid' };
	switch (e.messageKey) {
		case 'attach_alt_required':
			return { field: 'alt', code: 'alt-required' };
		case 'attach_type_refused':
		case 'attach_svg_refused':
			return { field: 'file', code: 'type-refused' };
		case 'attach_too_large':
			return { field: 'file', code: 'attachment-too-large' };
		case 'attach_quota_exceeded':
			return { field: 'file', code: 'quota-exceeded' };
		default:
			return { field: 'file', code: 'attachment-invalid' };
	}
}

/** Imports every *.md (not README.md) of `dir`, not recursively, into the library `slug`. */
export async function importLibrary(ctx: Ctx, dir: string, options: ImportOptions): Promise<ImportReport> {
	requireTransfer(ctx);
	const deps = options.deps ?? attachmentDeps();
	const k = ctx.db.kysely;
	const { library, created: libraryCreated } = await ensureLibrary(ctx, {
		slug: options.slug,
		name: options.name ?? options.slug
	});
	const report: ImportReport = { created: 0, updated: 0, unchanged: 0, failed: [], libraryCreated };

	const entries = (await fs.readdir(dir, { withFileTypes: true }))
		.filter((e) => e.isFile() && /\.md$/i.test(e.name) && !README.test(e.name))
		.map((e) => e.name)
		.sort();
	const total = entries.length;
	let index = 0;
	const progress = (file: string, outcome: FileOutcome) =>
		options.onProgress?.({ index: ++index, total, file, outcome });
	const fail = (file: string, failures: Omit<TransferFailure, 'file'>[]) => {
		for (const f of failures) report.failed.push({ file, ...f });
		progress(file, 'failed');
	};

	// Parse everything first: translations may name an original in any file.
	const parsed: Parsed[] = [];
	const seenIds = new Map<string, string>();
	const idsInFolder = new Set<string>();
	const parseFailed: { file: string; errors: Omit<TransferFailure, 'file'>[] }[] = [];
	for (const file of entries) {
		const bytes = await readPlain(path.join(dir, file), MAX_FILE_BYTES);
		if (typeof bytes === 'string') {
			parseFailed.push({
				file,
				errors: [{ field: 'file', code: bytes === 'too-large' ? 'file-too-large' : 'unreadable' }]
			});
			continue;
		}
		const result = parseResourceFile(bytes.toString('utf8'), file);
		if (!result.ok) {
			parseFailed.push({
				file,
				errors: result.errors.map((e) => ({
					field: e.field,
					code: e.code,
					...(e.detail === undefined ? {} : { detail: e.detail })
				}))
			});
			continue;
		}
		const id = result.resource.id;
		idsInFolder.add(id);
		const first = seenIds.get(id);
		if (first !== undefined) {
			parseFailed.push({ file, errors: [{ field: 'id', code: 'duplicate-id', detail: first }] });
			continue;
		}
		seenIds.set(id, file);
		parsed.push({ file, data: result.resource });
	}
	for (const f of parseFailed) fail(f.file, f.errors);
	const failedIds = new Set([...idsInFolder].filter((id) => !parsed.some((p) => p.data.id === id)));

	const themes = new Set((await listThemes(ctx, 'en')).map((t) => t.key));
	// Originals before translations, so a translation finds its original already written.
	const ordered = [
		...parsed.filter((p) => p.data.translationOf === undefined),
		...parsed.filter((p) => p.data.translationOf !== undefined)
	];
	for (const p of ordered) {
		try {
			const outcome = await importOne(ctx, k, dir, library.id, p, themes, failedIds, deps);
			report[outcome]++;
			progress(p.file, outcome);
		} catch (e) {
			if (e instanceof FileRefused) {
				if (p.data.id) failedIds.add(p.data.id);
				fail(p.file, e.failures);
			} else {
				failedIds.add(p.data.id);
				fail(p.file, [
					{ field: 'file', code: 'write-failed', detail: e instanceof Error ? e.message : String(e) }
				]);
			}
		}
	}
	return report;
}

/** The file's content as the fields of a version (the importer has checked them already). */
function versionFieldsOf(data: ResourceFileData): VersionFields {
	return {
		title: data.title,
		summary: data.summary ?? '',
		body: data.body,
		type: data.type,
		themes: [...data.themes],
		tags: [...data.tags],
		audience: data.audience,
		duration_minutes: data.durationMinutes ?? null,
		region: data.region,
		sdg: [...data.sdg],
		accessibility: [...data.accessibility],
		license: data.license,
		authors: [...data.authors],
		source_url: data.sourceUrl,
		change_note: undefined
	};
}

/** A transcript file: UTF-8 text, trimmed as the attachments service stores it. */
async function readTranscript(dir: string, file: string, index: number): Promise<string> {
	const field = `attachments[${index}].transcript`;
	const bytes = await readPlain(path.join(dir, file), TRANSCRIPT_MAX * 4);
	if (bytes === 'missing-file') return refuse(field, 'missing-file', file);
	if (bytes === 'too-large') return refuse(field, 'attachment-too-large', file);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim();
	} catch {
		return refuse(field, 'attachment-invalid', file);
	}
}

async function importOne(
	ctx: Ctx,
	k: Executor,
	dir: string,
	libraryId: string,
	{ data }: Parsed,
	themes: ReadonlySet<string>,
	failedIds: ReadonlySet<string>,
	deps: AttachmentDeps
): Promise<'created' | 'updated' | 'unchanged'> {
	// --- Checks that need the database or the folder.
	data.themes.forEach((t, i) => {
		if (!themes.has(t)) refuse(`themes[${i}]`, 'unknown-theme', t);
	});
	if (
		!isAllowedForResource(data.license, resourceKind({ body: data.body, source_url: data.sourceUrl ?? null }))
	)
		refuse('license', 'licence-link-only');

	const existing = await findByFileId(k, libraryId, data.id);
	if (existing && primaryLanguage(existing.language) !== primaryLanguage(data.language))
		refuse('language', 'language-changed', existing.language);
	// Which work a resource translates is fixed when it is made; a file cannot move it.
	const existingOriginal = existing ? await originalKeyOf(k, existing) : undefined;
	if (existing && existingOriginal !== data.translationOf)
		refuse('translation_of', 'relation-changed', existingOriginal ?? '');

	let original: store.ResourceRow | undefined;
	let originalVersion: store.VersionRow | undefined;
	if (data.translationOf !== undefined) {
		original = await findByFileId(k, libraryId, data.translationOf);
		if (!original)
			refuse(
				'translation_of',
				failedIds.has(data.translationOf) ? 'original-failed' : 'unknown-original',
				data.translationOf
			);
		const o = original as store.ResourceRow;
		originalVersion = o.published_version_id ? await store.versionById(k, o.published_version_id) : undefined;
		if (!originalVersion) return refuse('translation_of', 'unknown-original', data.translationOf);
		if (!isLicenceId(originalVersion.license) || !canTranslate(originalVersion.license))
			refuse('translation_of', 'original-no-derivatives', originalVersion.license);
		if (primaryLanguage(o.language) === primaryLanguage(data.language)) refuse('language', 'same-language');
		const group = await store.resourcesInGroup(k, o.translation_group);
		const clash = group.find(
			(g) => g.id !== existing?.id && primaryLanguage(g.language) === primaryLanguage(data.language)
		);
		if (clash) refuse('language', 'translation-exists', keyOf(clash));
	}

	const files: { name: string; bytes: Buffer; transcript: string | null }[] = [];
	for (const [i, a] of data.attachments.entries()) {
		// Captions are a WebVTT attachment of their own in the database; the format cannot say so yet.
		if (a.captions !== undefined) refuse(`attachments[${i}].captions`, 'unsupported');
		const bytes = await readPlain(path.join(dir, a.file), deps.limits.maxBytes);
		if (bytes === 'missing-file') refuse(`attachments[${i}].file`, 'missing-file', a.file);
		if (bytes === 'too-large') refuse(`attachments[${i}].file`, 'attachment-too-large', a.file);
		const transcript = a.transcript === undefined ? null : await readTranscript(dir, a.transcript, i);
		files.push({ name: a.file, bytes: bytes as Buffer, transcript });
	}

	// --- Unchanged? Compare the canonical text and the attachments' bytes.
	if (existing?.published_version_id) {
		const v = await store.versionById(k, existing.published_version_id);
		if (v) {
			const atts = await listVersionAttachments(k, v.id);
			const same =
				serializeResourceFile(fileData(existing, v, atts, existingOriginal)) ===
					serializeResourceFile(data) &&
				atts.length === files.length &&
				atts.every((a, i) => a.sha256 === sha256(files[i]!.bytes) && a.transcript === files[i]!.transcript);
			if (same) return 'unchanged';
		}
	}

	// --- Store the bytes (checked by the attachments service: type, size, alt text, quota).
	const now = nowIso(ctx);
	const resourceId = existing?.id ?? newId();
	const prepared: Awaited<ReturnType<typeof prepareAttachment>>[] = [];
	for (const [i, f] of files.entries()) {
		const a = data.attachments[i];
		try {
			prepared.push(
				await prepareAttachment(
					k,
					{
						resourceId,
						libraryId,
						fileName: f.name,
						bytes: f.bytes,
						altText: a?.alt ?? null,
						title: a?.title ?? null,
						transcript: f.transcript,
						createdBy: ctx.actor?.id ?? null,
						createdAt: now
					},
					deps
				)
			);
		} catch (e) {
			if (!isDomainError(e)) throw e;
			const c = attachmentCode(e);
			refuse(`attachments[${i}].${c.field}`, c.code, f.name);
		}
	}

	// --- One transaction for the resource, its version and its attachments.
	const authorId = ctx.actor?.id ?? null;
	return ctx.db.kysely.transaction().execute(async (trx) => {
		const versionId = newId();
		let number = 1;
		if (existing) {
			const locked = await store.lockResource(trx, existing.id, now);
			if (!locked) throw new Error('resource vanished during import');
			number = (await store.maxVersionNumber(trx, existing.id)) + 1;
			// New content of a translation is taken to follow the original as it is now.
			if (originalVersion && existing.translated_from_version !== originalVersion.id)
				await store.setTranslatedFrom(trx, existing.id, originalVersion.id);
		} else {
			await store.insertResource(trx, {
				id: resourceId,
				library_id: libraryId,
				key: data.id,
				language: data.language,
				translation_group: original?.translation_group ?? resourceId,
				translation_of: original?.id ?? null,
				translated_from_version: originalVersion?.id ?? null,
				derived_from_version: null,
				current_version_id: versionId,
				published_version_id: null,
				created_by: authorId,
				created_at: now,
				updated_at: now
			});
		}
		await store.insertVersion(
			trx,
			versionRow(versionId, resourceId, number, versionFieldsOf(data), {
				state: 'published',
				author_id: authorId,
				created_at: now
			})
		);
		for (const row of prepared) await insertPreparedAttachment(trx, row, deps);
		await setVersionAttachments(
			trx,
			versionId,
			prepared.map((a) => a.id)
		);
		await store.setVersionPointers(trx, resourceId, {
			current_version_id: versionId,
			published_version_id: versionId,
			updated_at: now
		});
		// Imported resources are published: searchable when this transaction commits.
		await indexResource(trx, resourceId);
		const eventRow = (action: string, extra: Record<string, string | number>) => ({
			id: newId(),
			subject_type: store.SUBJECT,
			subject_id: resourceId,
			actor_id: authorId,
			action,
			data: JSON.stringify({ ...extra, version_id: versionId, source: 'import' }),
			created_at: now
		});
		await store.insertEvent(
			trx,
			eventRow(existing ? 'version_saved' : original ? 'translated' : 'created', { number })
		);
		await store.insertEvent(trx, eventRow('published', { number }));
		return existing ? 'updated' : 'created';
	});
}

/**
 * Writes every resource of the library that has a published version (originals and
 * translations) as `<key>.md`, its attachments beside it under their names.
 */
export async function exportLibrary(ctx: Ctx, dir: string, options: ExportOptions): Promise<ExportReport> {
	requireTransfer(ctx);
	const deps = options.deps ?? attachmentDeps();
	const k = ctx.db.kysely;
	const library = await libraryRefBySlug(k, options.slug);
	if (!library) throw new DomainError('not_found', 'library_not_found');
	await fs.mkdir(dir, { recursive: true });
	if (!options.force && (await fs.readdir(dir)).length > 0)
		throw new DomainError('conflict', 'transfer_folder_not_empty');

	const written = new Map<string, string>();
	let resources = 0;
	for (const r of await store.resourcesOfLibrary(k, library.id)) {
		if (!r.published_version_id) continue;
		const v = await store.versionById(k, r.published_version_id);
		if (!v) continue;
		const atts = await listVersionAttachments(k, v.id);
		const data = fileData(r, v, atts, await originalKeyOf(k, r));
		const name = `${data.id}.md`;
		await writeOnce(written, dir, name, 'md:' + name, () => Buffer.from(serializeResourceFile(data), 'utf8'));
		resources++;
		for (const a of atts) {
			if (a.transcript !== null) {
				const text = a.transcript;
				await writeOnce(
					written,
					dir,
					transcriptFileName(a.fileName),
					`transcript:${sha256(Buffer.from(text, 'utf8'))}`,
					() => Buffer.from(text, 'utf8')
				);
			}
			await writeOnce(written, dir, a.fileName, a.sha256, async () => {
				const chunks: Buffer[] = [];
				for await (const c of await deps.blobs.get(a.sha256)) chunks.push(Buffer.from(c as Uint8Array));
				return Buffer.concat(chunks);
			});
		}
	}
	return { resources, attachments: [...written.keys()].filter((n) => !n.endsWith('.md')).length };
}

/** Writes a file once; a second, different file under the same name would lose data, so it stops. */
async function writeOnce(
	written: Map<string, string>,
	dir: string,
	name: string,
	identity: string,
	bytes: () => Buffer | Promise<Buffer>
): Promise<void> {
	if (!isPlainFileName(name))
		throw new DomainError('invalid', 'transfer_export_name_clash', { params: { name } });
	const before = written.get(name);
	if (before === identity) return;
	if (before !== undefined)
		throw new DomainError('conflict', 'transfer_export_name_clash', { params: { name } });
	written.set(name, identity);
	await fs.writeFile(path.join(dir, name), await bytes());
}
