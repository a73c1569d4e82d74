/**
 * Keeping the index in step with the resources. indexResource runs inside the resources
 * service's own transaction (publish, edit-and-publish, restore-and-publish, unpublish,
 * translate, import), so a resource is searchable exactly when its publication commits.
 * reindexAll rebuilds in batches (one transaction each); checkIndex reports drift.
 */
import type { Db, Executor } from '../db';
import {
	buildDocument,
	CONTENT_COLUMNS,
	fingerprint,
	sourceBatch,
	sourceOf,
	type BuiltDocument
} from './documents';

/** (Re)indexes the resource's published version, or removes it when nothing is published. */
export async function indexResource(trx: Executor, resourceId: string): Promise<void> {
	const source = await sourceOf(trx, resourceId);
	await trx.deleteFrom('search_documents').where('resource_id', '=', resourceId).execute();
	if (source) await insertDocuments(trx, [buildDocument(source)]);
}

async function insertDocuments(k: Executor, docs: BuiltDocument[]): Promise<void> {
	if (docs.length === 0) return;
	const inserted = await k
		.insertInto('search_documents')
		.values(docs.map((d) => d.row))
		.returning(['doc_id', 'resource_id'])
		.execute();
	const ids = new Map(inserted.map((r) => [r.resource_id, r.doc_id]));
	const themes = docs.flatMap((d) =>
		d.themes.map((theme) => ({ doc_id: ids.get(d.row.resource_id)!, theme }))
	);
	const features = docs.flatMap((d) =>
		d.features.map((feature) => ({ doc_id: ids.get(d.row.resource_id)!, feature }))
	);
	for (let i = 0; i < themes.length; i += 1000)
		await k
			.insertInto('search_document_themes')
			.values(themes.slice(i, i + 1000))
			.execute();
	for (let i = 0; i < features.length; i += 1000)
		await k
			.insertInto('search_document_features')
			.values(features.slice(i, i + 1000))
			.execute();
}

/** Resources per rebuild transaction: large enough to be quick, small enough not to hold writers up long. */
export const REINDEX_BATCH = 500;

export interface ReindexProgress {
	indexed: number;
}

/**
 * Rebuilds every document from the resources: each batch of published resources is
 * replaced in one transaction (searches keep working meanwhile), then documents of
 * resources no longer published are removed.
 */
export async function reindexAll(
	db: Db,
	onProgress?: (p: ReindexProgress) => void
): Promise<{ indexed: number; removed: number }> {
	let after = '';
	let indexed = 0;
	for (;;) {
		const sources = await sourceBatch(db.kysely, after, REINDEX_BATCH);
		if (sources.length === 0) break;
		const docs = sources.map(buildDocument);
		await db.kysely.transaction().execute(async (trx) => {
			await trx
				.deleteFrom('search_documents')
				.where(
					'resource_id',
					'in',
					sources.map((s) => s.resource_id)
				)
				.execute();
			await insertDocuments(trx, docs);
		});
		indexed += docs.length;
		after = sources[sources.length - 1]!.resource_id;
		onProgress?.({ indexed });
	}
	const orphans = await orphaned(db.kysely);
	for (let i = 0; i < orphans.length; i += REINDEX_BATCH) {
		await db.kysely
			.deleteFrom('search_documents')
			.where('resource_id', 'in', orphans.slice(i, i + REINDEX_BATCH))
			.execute();
	}
	return { indexed, removed: orphans.length };
}

/** Documents whose resource is gone or no longer published. */
async function orphaned(k: Executor): Promise<string[]> {
	const rows = await k
		.selectFrom('search_documents as d')
		.leftJoin('resources as r', 'r.id', 'd.resource_id')
		.select('d.resource_id')
		.where((eb) => eb.or([eb('r.id', 'is', null), eb('r.published_version_id', 'is', null)]))
		.execute();
	return rows.map((r) => r.resource_id);
}

export interface IndexDrift {
	/** Published resources with no document. */
	missing: string[];
	/** Documents that differ from what the indexer would build now (another version, changed analysis…). */
	stale: string[];
	/** Documents of resources that are gone or not published. */
	orphaned: string[];
}

/** Compares the index with the resources, batch by batch, without changing anything. */
export async function checkIndex(db: Db): Promise<IndexDrift> {
	const missing: string[] = [];
	const stale: string[] = [];
	let after = '';
	for (;;) {
		const sources = await sourceBatch(db.kysely, after, REINDEX_BATCH);
		if (sources.length === 0) break;
		const stored = await db.kysely
			.selectFrom('search_documents')
			.select(['doc_id', ...CONTENT_COLUMNS])
			.where(
				'resource_id',
				'in',
				sources.map((s) => s.resource_id)
			)
			.execute();
		const byResource = new Map(stored.map((s) => [s.resource_id, s]));
		const children = await childrenOf(
			db.kysely,
			stored.map((s) => s.doc_id)
		);
		for (const source of sources) {
			const doc = buildDocument(source);
			const have = byResource.get(source.resource_id);
			if (!have) missing.push(source.resource_id);
			else {
				const [themes, features] = children.get(have.doc_id) ?? [[], []];
				if (fingerprint(have, themes, features) !== doc.row.fingerprint) stale.push(source.resource_id);
			}
		}
		after = sources[sources.length - 1]!.resource_id;
	}
	return { missing, stale, orphaned: await orphaned(db.kysely) };
}

/** Each document's themes and features as stored. */
async function childrenOf(k: Executor, docIds: number[]): Promise<Map<number, [string[], string[]]>> {
	const out = new Map<number, [string[], string[]]>(docIds.map((id) => [id, [[], []]]));
	if (docIds.length === 0) return out;
	const themes = await k
		.selectFrom('search_document_themes')
		.select(['doc_id', 'theme'])
		.where('doc_id', 'in', docIds)
		.execute();
	const features = await k
		.selectFrom('search_document_features')
		.select(['doc_id', 'feature'])
		.where('doc_id', 'in', docIds)
		.execute();
	for (const t of themes) out.get(t.doc_id)?.[0].push(t.theme);
	for (const f of features) out.get(f.doc_id)?.[1].push(f.feature);
	return out;
}

/** True when there are published resources but no documents at all (an instance that predates search). */
export async function indexIsEmpty(db: Db): Promise<boolean> {
	const doc = await db.kysely.selectFrom('search_documents').select('doc_id').limit(1).executeTakeFirst();
	if (doc) return false;
	const published = await db.kysely
		.selectFrom('resources')
		.select('id')
		.where('published_version_id', 'is not', null)
		.limit(1)
		.executeTakeFirst();
	return published !== undefined;
}
