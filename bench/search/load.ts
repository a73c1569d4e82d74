/**
 * Loading the benchmark corpus into a database, two ways:
 *
 * - service: every resource through the resources service (createResource, createTranslation
 *   with publish: true), exactly what a curator's form or API call does: validation, the version,
 *   the event, and indexResource inside the same transaction. The search index is then built the
 *   way production builds it, one publication at a time.
 * - bulk: resources and their published versions written in large transactions (1,000 rows per
 *   statement) with the service's own row mapping (versionRow), no events, no index; the index
 *   is then built by the search module's reindexAll() — what `circles reindex` runs — and timed
 *   on its own.
 *
 * By default the first `serviceSample` resources go through the service (to measure what a
 * publication costs with indexing) and the rest in bulk; run.ts then calls reindexAll() over all
 * of them, so every document in the index was built by the search module's own code.
 */
import type { Db } from '../../src/lib/server/db';
import type { Ctx } from '../../src/lib/server/context';
import { createLibrary } from '../../src/lib/server/libraries/service';
import { createResource, createTranslation, versionRow } from '../../src/lib/server/resources/service';
import type { VersionFields } from '../../src/lib/server/resources/schemas';
import type { ResourceRow, VersionRow } from '../../src/lib/server/resources/store';
import { buildAccount } from '../../src/lib/server/testing/factories';
import { libraries, type GeneratedResource } from './generate';

export interface LoadReport {
	resources: number;
	serviceCount: number;
	serviceMs: number;
	bulkCount: number;
	bulkMs: number;
}

const BULK_BATCH = 1000;

/** The version fields of a generated resource, as the service's schema would have parsed them. */
function fields(r: GeneratedResource): VersionFields {
	return {
		title: r.title,
		summary: r.summary,
		body: r.body,
		type: r.type,
		themes: r.themes,
		tags: r.tags,
		audience: r.audience ?? undefined,
		duration_minutes: r.duration_minutes,
		region: r.region ?? undefined,
		sdg: [],
		accessibility: r.accessibility,
		license: r.license,
		authors: r.authors,
		source_url: r.source_url ?? undefined,
		change_note: undefined
	} as VersionFields;
}

export async function loadCorpus(
	db: Db,
	corpus: AsyncIterable<GeneratedResource> | Iterable<GeneratedResource>,
	options: { serviceSample: number; onProgress?: (n: number) => void }
): Promise<LoadReport> {
	const owner = await buildAccount(db, 'bench-curator');
	let clock = new Date('2018-06-01T00:00:00.000Z');
	const ctx: Ctx = { db, actor: owner, addressHash: 'bench', now: () => clock };
	const libraryIds: string[] = [];
	for (const lib of libraries()) {
		const made = await createLibrary(ctx, { name: lib.name, slug: lib.slug, description: lib.description });
		libraryIds.push(made.id);
	}

	const report: LoadReport = { resources: 0, serviceCount: 0, serviceMs: 0, bulkCount: 0, bulkMs: 0 };
	let resources: ResourceRow[] = [];
	let versions: VersionRow[] = [];
	/** An original's published version, which its translations are made from. */
	const versionOf = new Map<string, string>();

	const flush = async () => {
		if (resources.length === 0) return;
		const t = performance.now();
		const [rs, vs] = [resources, versions];
		resources = [];
		versions = [];
		await db.kysely.transaction().execute(async (trx) => {
			// Resources first (versions point at them), then versions; the pointers are set already.
			await trx.insertInto('resources').values(rs).execute();
			for (let i = 0; i < vs.length; i += BULK_BATCH / 2) {
				await trx
					.insertInto('resource_versions')
					.values(vs.slice(i, i + BULK_BATCH / 2))
					.execute();
			}
		});
		report.bulkMs += performance.now() - t;
	};

	for await (const r of corpus) {
		const library_id = libraryIds[r.library]!;
		// A translation joins its original's group (named after the original, as the service does).
		if (!r.translation_of) versionOf.set(r.id, r.version_id);
		if (report.resources < options.serviceSample) {
			clock = new Date(r.created_at);
			const t = performance.now();
			const input = {
				id: r.id,
				version_id: r.version_id,
				library_id,
				language: r.language,
				publish: true,
				title: r.title,
				summary: r.summary,
				body: r.body,
				type: r.type,
				themes: r.themes,
				tags: r.tags,
				audience: r.audience ?? undefined,
				duration_minutes: r.duration_minutes,
				region: r.region ?? undefined,
				accessibility: r.accessibility,
				authors: r.authors,
				source_url: r.source_url ?? undefined
			};
			if (r.translation_of) await createTranslation(ctx, r.translation_of, input);
			else await createResource(ctx, { ...input, license: r.license });
			report.serviceMs += performance.now() - t;
			report.serviceCount++;
		} else {
			resources.push({
				id: r.id,
				library_id,
				key: null,
				language: r.language,
				translation_group: r.translation_of ?? r.id,
				translation_of: r.translation_of,
				translated_from_version: r.translation_of ? (versionOf.get(r.translation_of) ?? null) : null,
				derived_from_version: null,
				current_version_id: r.version_id,
				published_version_id: r.version_id,
				created_by: owner.id,
				created_at: r.created_at,
				updated_at: r.created_at
			});
			versions.push(
				versionRow(r.version_id, r.id, 1, fields(r), {
					state: 'published',
					author_id: owner.id,
					created_at: r.created_at
				})
			);
			report.bulkCount++;
			if (resources.length >= BULK_BATCH) await flush();
		}
		report.resources++;
		if (report.resources % 5000 === 0) options.onProgress?.(report.resources);
	}
	await flush();
	return report;
}
