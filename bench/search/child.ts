/**
 * The benchmark's child processes (run.ts starts one per step so that each process's memory is
 * its own): `load` fills a fresh database, `measure` builds the index and times the queries
 * through search(), `minisearch` does the same on MiniSearch. Usage: child.ts <task.json> <out.json>.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import MiniSearch, { type Query } from 'minisearch';
import { sql } from 'kysely';
import { openDatabase, withDefaultUser, type Db } from '../../src/lib/server/db/dialect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { reindexAll, search } from '../../src/lib/server/search';
import { buildDocument, type SourceRow } from '../../src/lib/server/search/documents';
import { forgetRemembered } from '../../src/lib/server/search/facets';
import { textQuery } from '../../src/lib/server/search/service';
import { libraries, type GeneratedResource } from './generate';
import { loadCorpus } from './load';
import { KINDS, queriesOf, type BenchQuery, type Kind } from './queries';
import type { EngineResult, KindResult } from './report';
import type { EngineTask, Task } from './run';

const MB = 1024 * 1024;
const PG_URL = withDefaultUser(process.env.TEST_DATABASE_URL || 'postgres://127.0.0.1:5432/test');

async function* readCorpus(file: string): AsyncGenerator<GeneratedResource> {
	const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
	for await (const line of lines) if (line) yield JSON.parse(line) as GeneratedResource;
}

function gc(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

/**
 * Peak RSS of this process. Linux keeps the true peak (VmHWM, which a sampler would miss while
 * better-sqlite3 blocks the event loop) and lets a process reset it (clear_refs 5); elsewhere a
 * 20 ms sampler of process.memoryUsage().rss stands in.
 */
class Memory {
	private sampled = 0;
	private readonly hwm: boolean;
	constructor() {
		setInterval(() => this.sample(), 20).unref();
		this.hwm = this.reset();
	}
	private sample(): number {
		const r = process.memoryUsage().rss;
		if (r > this.sampled) this.sampled = r;
		return r;
	}
	private status(field: 'VmHWM' | 'VmRSS'): number | null {
		try {
			const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'));
			return m ? Number(m[1]) * 1024 : null;
		} catch {
			return null;
		}
	}
	/** Starts a new peak; true when the kernel's peak could be reset. */
	reset(): boolean {
		this.sampled = 0;
		this.sample();
		try {
			fs.writeFileSync('/proc/self/clear_refs', '5');
		} catch {
			return false;
		}
		const hwm = this.status('VmHWM');
		const rss = this.status('VmRSS');
		return hwm !== null && rss !== null && hwm <= rss + 8 * MB;
	}
	peakMb(): number {
		const sampled = this.sample();
		const hwm = this.hwm ? this.status('VmHWM') : null;
		return Math.max(hwm ?? 0, this.sampled, sampled) / MB;
	}
	nowMb(): number {
		return this.sample() / MB;
	}
}

function open(engine: 'sqlite' | 'postgres', location: string): Db {
	return engine === 'sqlite'
		? openDatabase({ kind: 'sqlite', file: location })
		: openDatabase({ kind: 'postgres', url: PG_URL }, { pgSchema: location, poolSize: 4 });
}

// --- Timing ---------------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) =>
	sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Fewer runs than asked are kept only when the time budget runs out, and never fewer than this. */
const MIN_RUNS = 50;

async function measureKind(
	kind: Kind,
	timing: { runs: number; budgetS: number },
	run: (q: BenchQuery) => Promise<number> | number,
	/** Called before each timed run, outside the timing (the cold runs forget what was remembered). */
	before: () => void = () => {}
): Promise<KindResult> {
	const queries = queriesOf(kind);
	const budgetMs = timing.budgetS * 1000;
	// Warm-up: every query once (its hit count recorded), then a tenth of the runs (within a tenth of the budget).
	const totals: number[] = [];
	for (const q of queries) totals.push(await run(q));
	let t0 = performance.now();
	for (let i = 0; i < Math.max(20, Math.ceil(timing.runs / 10)); i++) {
		await run(queries[i % queries.length]!);
		if (performance.now() - t0 > budgetMs / 10) break;
	}
	gc();
	const times: number[] = [];
	t0 = performance.now();
	for (let i = 0; i < timing.runs; i++) {
		const q = queries[i % queries.length]!;
		before();
		const t = performance.now();
		await run(q);
		times.push(performance.now() - t);
		if (times.length >= Math.min(MIN_RUNS, timing.runs) && performance.now() - t0 > budgetMs) break;
	}
	const runs = times.length;
	times.sort((a, b) => a - b);
	const sortedTotals = [...totals].sort((a, b) => a - b);
	return {
		runs,
		p50: round(percentile(times, 0.5)),
		p95: round(percentile(times, 0.95)),
		p99: round(percentile(times, 0.99)),
		mean: round(times.reduce((s, x) => s + x, 0) / times.length),
		max: round(times[times.length - 1]!),
		median_hits: percentile(sortedTotals, 0.5),
		hits: Object.fromEntries(queries.map((q, i) => [`${q.lang}:${q.q}`, totals[i]!]))
	};
}

// --- Tasks -----------------------------------------------------------------------------------------

async function load(t: Extract<Task, { task: 'load' }>) {
	if (t.engine === 'postgres') {
		const pgmod = await import('pg');
		const c = new pgmod.default.Client({ connectionString: PG_URL });
		await c.connect();
		await c.query(`create schema ${t.location}`);
		await c.end();
	}
	const db = open(t.engine, t.location);
	try {
		await migrateToLatest(db);
		return await loadCorpus(db, readCorpus(t.corpus), {
			serviceSample: t.serviceSample,
			onProgress: (n) => process.stderr.write(`[bench] ${t.size} ${t.engine}: loaded ${n}\n`)
		});
	} finally {
		await db.close();
	}
}

async function databaseSize(
	db: Db,
	location: string
): Promise<{ db_bytes: number; index_bytes: number | null }> {
	if (db.engine === 'sqlite') {
		await sql`pragma wal_checkpoint(truncate)`.execute(db.kysely);
		let bytes = fs.statSync(location).size;
		for (const extra of ['-wal', '-shm']) {
			if (fs.existsSync(location + extra)) bytes += fs.statSync(location + extra).size;
		}
		try {
			// Everything the search module added: its tables, indexes and FTS5 shadow tables.
			const r = await sql<{ n: number }>`select sum(pgsize) as n from dbstat
				where name like 'search%' or name like 'sqlite_autoindex_search%'`.execute(db.kysely);
			return { db_bytes: bytes, index_bytes: Number(r.rows[0]?.n ?? 0) };
		} catch {
			return { db_bytes: bytes, index_bytes: null };
		}
	}
	const r = await sql<{ total: string; search: string }>`select
			coalesce(sum(pg_total_relation_size(c.oid)), 0) as total,
			coalesce(sum(pg_total_relation_size(c.oid)) filter (where c.relname like 'search%'), 0) as search
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = ${location} and c.relkind in ('r', 'm')`.execute(db.kysely);
	return { db_bytes: Number(r.rows[0]?.total ?? 0), index_bytes: Number(r.rows[0]?.search ?? 0) };
}

/**
 * The index build, in a process of its own: reindexAll() timed (what `circles reindex` runs),
 * ANALYZE on PostgreSQL, the database size, and the peak RSS while building.
 */
async function build(t: EngineTask): Promise<EngineResult> {
	const memory = new Memory();
	const db = open(t.engine, t.location);
	try {
		// The first query loads the search module's lazy parts (stemmers) before the baseline.
		await search({ db }, { q: 'warm', lang: 'en', per_page: 1 });
		gc();
		const baseline = memory.nowMb();
		memory.reset();
		let t0 = performance.now();
		const { indexed } = await reindexAll(db, (p) => {
			if (p.indexed % 20_000 < 500)
				process.stderr.write(`[bench] ${t.size} ${t.engine}: indexed ${p.indexed}\n`);
		});
		const buildMs = performance.now() - t0;
		const buildPeak = memory.peakMb();
		let analyzeMs: number | null = null;
		if (db.engine === 'postgres') {
			// Autovacuum would analyse the new rows within a minute; plans before that are not representative.
			t0 = performance.now();
			await sql`analyze`.execute(db.kysely);
			analyzeMs = performance.now() - t0;
		}
		return {
			engine: t.engine,
			size: t.size,
			documents: indexed,
			build_ms: Math.round(buildMs),
			analyze_ms: analyzeMs === null ? null : Math.round(analyzeMs),
			...(await databaseSize(db, t.location)),
			rss_mb: { baseline: round(baseline, 0), build_peak: round(buildPeak, 0), loaded: 0, serving_peak: 0 }
		};
	} finally {
		await db.close();
	}
}

/**
 * The queries, in a new process as a server after `circles reindex` would be (the build's
 * garbage and worker left behind: measured in the build's own process, the same queries took
 * about 1.7 times as long): the facets loaded, then every kind warm and cold.
 */
async function measure(t: EngineTask): Promise<EngineResult> {
	const memory = new Memory();
	const db = open(t.engine, t.location);
	const ctx = { db };
	try {
		await search(ctx, { q: 'warm', lang: 'en', per_page: 1 });
		gc();
		const loaded = memory.nowMb();
		memory.reset();
		const queries = {} as Record<Kind, KindResult>;
		const cold = {} as Record<Kind, KindResult>;
		const ask = async (q: BenchQuery) => (await search(ctx, { ...q, per_page: 20 })).total;
		for (const kind of KINDS) {
			// Warm: what readers get for words asked since the last change (the service remembers
			// text matches and browse counts per generation); cold: as if nobody had asked yet.
			queries[kind] = await measureKind(kind, t, ask);
			cold[kind] = await measureKind(kind, t, ask, () => forgetRemembered(db));
			process.stderr.write(
				`[bench] ${t.size} ${t.engine}: ${kind} p50 ${queries[kind].p50} ms (cold ${cold[kind].p50} ms)\n`
			);
		}
		return {
			engine: t.engine,
			size: t.size,
			rss_mb: {
				baseline: 0,
				build_peak: 0,
				loaded: round(loaded, 0),
				serving_peak: round(memory.peakMb(), 0)
			},
			queries,
			cold_queries: cold
		};
	} finally {
		await db.close();
	}
}

// --- MiniSearch --------------------------------------------------------------------------------------

interface MiniDoc {
	id: number;
	title_terms: string;
	terms: string;
	title_key: string;
	language: string;
	type: string;
	license: string;
	library: string;
	region: string | null;
	duration: string | null;
	may_adapt: string;
	may_commercial: string;
	theme: string[];
	accessibility: string[];
	updated_at: string;
}
type Stored = Omit<MiniDoc, 'title_terms' | 'terms'>;
const STORED = [
	'title_key',
	'language',
	'type',
	'license',
	'library',
	'region',
	'duration',
	'may_adapt',
	'may_commercial',
	'theme',
	'accessibility',
	'updated_at'
] as const;
type FacetName =
	'language' | 'type' | 'theme' | 'license' | 'library' | 'region' | 'accessibility' | 'duration';
const FACETS = [
	'language',
	'type',
	'theme',
	'license',
	'library',
	'region',
	'accessibility',
	'duration',
	'may_adapt',
	'may_commercial'
] as const;

const split = (s: string) => (s === '' ? [] : s.split(' '));

function miniQuery(q: BenchQuery) {
	const text = textQuery(q.q, q.lang);
	if (!text) return null;
	const alternatives: Query[] = text.alternatives.map((a) => {
		const parts: Query[] = [...a.all];
		if (a.last) {
			const last: Query[] = [];
			if (a.last.exact.length > 0) last.push({ queries: a.last.exact, combineWith: 'AND' });
			if (a.last.prefix) last.push({ queries: [a.last.prefix], prefix: true });
			parts.push({ queries: last, combineWith: 'OR' });
		}
		return { queries: parts, combineWith: 'AND' };
	});
	return { alternatives, substring: text.substring };
}

async function minisearch(t: Extract<Task, { task: 'minisearch' }>): Promise<EngineResult> {
	const memory = new Memory();
	const slugs = libraries().map((l) => l.slug);
	// The search module's lazy parts (stemmers) load before the baseline, as for the service.
	textQuery('warm', 'en');
	gc();
	const baseline = memory.nowMb();
	memory.reset();
	const t0 = performance.now();
	const index = new MiniSearch<MiniDoc>({
		fields: ['title_terms', 'terms'],
		storeFields: [...STORED],
		// The documents are analysed already (buildDocument): terms joined by single spaces.
		tokenize: split,
		processTerm: (term) => term,
		searchOptions: { boost: { title_terms: 4 }, tokenize: split, processTerm: (term) => term }
	});
	let n = 0;
	for await (const r of readCorpus(t.corpus)) {
		const source: SourceRow = {
			resource_id: r.id,
			library_id: slugs[r.library]!,
			language: r.language,
			translation_group: r.translation_of ?? r.id,
			version_id: r.version_id,
			updated_at: r.created_at,
			published_at: r.created_at,
			title: r.title,
			summary: r.summary,
			body: r.body,
			type: r.type,
			themes: JSON.stringify(r.themes),
			tags: JSON.stringify(r.tags),
			authors: JSON.stringify(r.authors),
			audience: r.audience,
			duration_minutes: r.duration_minutes,
			region: r.region,
			accessibility: JSON.stringify(r.accessibility),
			license: r.license
		};
		const d = buildDocument(source);
		index.add({
			id: n++,
			title_terms: d.row.title_terms,
			terms: d.row.terms,
			title_key: d.row.title_key,
			language: d.row.language,
			type: d.row.type,
			license: d.row.license,
			library: d.row.library_id,
			region: d.row.region ?? null,
			duration: d.row.duration_band ?? null,
			may_adapt: d.row.may_adapt ? 'true' : 'false',
			may_commercial: d.row.may_commercial ? 'true' : 'false',
			theme: d.themes,
			accessibility: d.features,
			updated_at: d.row.updated_at
		});
		if (n % 20_000 === 0) process.stderr.write(`[bench] ${t.size} minisearch: indexed ${n}\n`);
	}
	const buildMs = performance.now() - t0;
	const buildPeak = memory.peakMb();
	gc();
	const loaded = memory.nowMb();
	memory.reset();

	// All hits of the text (or every document), then the service's semantics in plain code:
	// filters AND across facets and OR within one, each facet counted with the others' filters.
	const run = (q: BenchQuery): number => {
		const parsed = q.q.trim() === '' ? null : miniQuery(q);
		type Hit = Stored & { id: number; score: number };
		let hits: Hit[];
		if (!parsed) hits = index.search(MiniSearch.wildcard) as unknown as Hit[];
		else {
			const byId = new Map<number, Hit>();
			if (parsed.alternatives.length > 0) {
				for (const h of index.search({ queries: parsed.alternatives, combineWith: 'OR' })) {
					byId.set(h.id as number, h as unknown as Hit);
				}
			}
			// The service also finds the query inside titles; MiniSearch has no substring index: a scan.
			if (parsed.substring) {
				const needle = parsed.substring;
				for (const [id, title] of titleKeys) {
					if (!byId.has(id) && title.includes(needle)) byId.set(id, { ...storedOf(id), id, score: 0 });
				}
			}
			hits = [...byId.values()];
		}
		const selected: Partial<Record<FacetName, Set<string>>> = {};
		if (q.language) selected.language = new Set(q.language);
		if (q.type) selected.type = new Set(q.type);
		if (q.theme) selected.theme = new Set(q.theme);
		if (q.license) selected.license = new Set(q.license);
		if (q.duration) selected.duration = new Set(q.duration);
		const active = Object.entries(selected) as [FacetName, Set<string>][];
		const passes = (h: Hit, except: string | null) =>
			active.every(([facet, values]) => {
				if (facet === except) return true;
				const v = h[facet];
				return Array.isArray(v) ? v.some((x) => values.has(x)) : v !== null && values.has(v);
			});
		const facets = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<
			(typeof FACETS)[number],
			Map<string, number>
		>;
		const shown: Hit[] = [];
		for (const h of hits) {
			if (passes(h, null)) shown.push(h);
			for (const f of FACETS) {
				if (!passes(h, f)) continue;
				const v = h[f];
				for (const x of Array.isArray(v) ? v : v === null ? [] : [v])
					facets[f].set(x, (facets[f].get(x) ?? 0) + 1);
			}
		}
		const preferred = (h: Hit) => (h.language === q.lang ? 1 : 0);
		shown.sort((a, b) =>
			parsed
				? b.score * (1 + preferred(b)) - a.score * (1 + preferred(a)) ||
					(a.updated_at < b.updated_at ? 1 : -1)
				: preferred(b) - preferred(a) || (a.updated_at < b.updated_at ? 1 : -1)
		);
		const page = shown.slice(0, 20);
		return page.length > 0 ? shown.length : 0;
	};
	const titleKeys: [number, string][] = [];
	for (let id = 0; id < n; id++) titleKeys.push([id, storedOf(id).title_key]);
	function storedOf(id: number): Stored {
		return index.getStoredFields(id) as unknown as Stored;
	}

	const queries = {} as Record<Kind, KindResult>;
	for (const kind of KINDS) {
		queries[kind] = await measureKind(kind, t, run);
		process.stderr.write(`[bench] ${t.size} minisearch: ${kind} p50 ${queries[kind].p50} ms\n`);
	}
	return {
		engine: 'minisearch',
		size: t.size,
		documents: n,
		build_ms: Math.round(buildMs),
		analyze_ms: null,
		db_bytes: null,
		index_bytes: null,
		rss_mb: {
			baseline: round(baseline, 0),
			build_peak: round(buildPeak, 0),
			loaded: round(loaded, 0),
			serving_peak: round(memory.peakMb(), 0)
		},
		queries
	};
}

async function main(): Promise<void> {
	const [taskFile, outFile] = process.argv.slice(2) as [string, string];
	const task = JSON.parse(fs.readFileSync(taskFile, 'utf8')) as Task;
	const out =
		task.task === 'load'
			? await load(task)
			: task.task === 'minisearch'
				? await minisearch(task)
				: task.task === 'build'
					? await build(task)
					: await measure(task);
	fs.writeFileSync(outFile, JSON.stringify(out));
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
