/**
 * Keeping the index in step with the resources. indexResource runs inside the resources
 * service's own transaction (publish, edit-and-publish, restore-and-publish, unpublish,
 * translate, import), so a resource is searchable exactly when its publication commits.
 * reindexAll rebuilds in batches (one transaction each); checkIndex reports drift.
 */
import type { Db, Executor } from '../db';
import { documentBuilder, inProcessBuilder } from './builder';
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
 * compared with what is stored, and the documents that differ (or are missing) are
 * replaced in one transaction (searches keep working meanwhile); then documents of
 * resources no longer published are removed. A document already up to date is left
 * alone, so a rebuild after a small change writes little (and an index rewrite costs
 * SQLite's FTS5 a delete and an insert per document).
 */
export async function reindexAll(
	db: Db,
	onProgress?: (p: ReindexProgress) => void
): Promise<{ indexed: number; removed: number }> {
	let indexed = 0;
	let batch = await sourceBatch(db.kysely, '', REINDEX_BATCH);
	// Starting a worker costs a few hundred milliseconds: worth it only beyond one batch.
	const builder = batch.length < REINDEX_BATCH ? inProcessBuilder : await documentBuilder();
	try {
		// A pipeline: the builder (a worker thread) analyses the next batch while this thread
		// compares and writes the current one.
		let building = builder.build(batch);
		while (batch.length > 0) {
			const next = await sourceBatch(db.kysely, batch[batch.length - 1]!.resource_id, REINDEX_BATCH);
			const nextBuilding = next.length > 0 ? builder.build(next) : Promise.resolve([]);
			const stored = await storedFingerprints(
				db.kysely,
				batch.map((s) => s.resource_id)
			);
			const docs = (await building).filter((d) => stored.get(d.row.resource_id) !== d.row.fingerprint);
			if (docs.length > 0) {
				await db.kysely.transaction().execute(async (trx) => {
					await trx
						.deleteFrom('search_documents')
						.where(
							'resource_id',
							'in',
							docs.map((d) => d.row.resource_id)
						)
						.execute();
					await insertDocuments(trx, docs);
				});
			}
			indexed += batch.length;
			onProgress?.({ indexed });
			batch = next;
			building = nextBuilding;
		}
	} finally {
		await builder.close();
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

/**
 * The fingerprint of each stored document, computed from what is stored (not the column the
 * indexer wrote), so a document changed behind the indexer's back counts as different.
 */
async function storedFingerprints(k: Executor, resourceIds: string[]): Promise<Map<string, string>> {
	const stored = await k
		.selectFrom('search_documents')
		.select(['doc_id', ...CONTENT_COLUMNS])
		.where('resource_id', 'in', resourceIds)
		.execute();
	const children = await childrenOf(
		k,
		stored.map((s) => s.doc_id)
	);
	const out = new Map<string, string>();
	for (const have of stored) {
		const [themes, features] = children.get(have.doc_id) ?? [[], []];
		out.set(have.resource_id, fingerprint(have, themes, features));
	}
	return out;
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
		const stored = await storedFingerprints(
			db.kysely,
			sources.map((s) => s.resource_id)
		);
		for (const source of sources) {
			const have = stored.get(source.resource_id);
			if (have === undefined) missing.push(source.resource_id);
			else if (have !== buildDocument(source).row.fingerprint) stale.push(source.resource_id);
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
