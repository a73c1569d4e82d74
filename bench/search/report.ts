/**
 * The benchmark's results: their shape (bench/results/search-<size>.json), the table printed and
 * written into bench/README.md between the search markers, and the targets of issue 4.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Kind } from './queries';

export type EngineName = 'sqlite' | 'postgres' | 'minisearch';

export interface KindResult {
	runs: number;
	/** Milliseconds. */
	p50: number;
	p95: number;
	p99: number;
	mean: number;
	max: number;
	/** Median of the queries' total hit counts. */
	median_hits: number;
	/** Each query's total ("lang:q" → total), to compare engines. */
	hits: Record<string, number>;
}

export interface EngineResult {
	engine: EngineName;
	size: number;
	/** Why there are no figures (PostgreSQL not reachable, a failure). */
	skipped?: string;
	documents?: number;
	load?: {
		resources: number;
		serviceCount: number;
		serviceMs: number;
		bulkCount: number;
		bulkMs: number;
		/** Wall time of the load process, database creation and migrations included. */
		ms: number;
	};
	/** reindexAll() (MiniSearch: reading the corpus, buildDocument and add). */
	build_ms?: number;
	/** PostgreSQL: ANALYZE after the build. */
	analyze_ms?: number | null;
	db_bytes?: number | null;
	/** The search module's tables and indexes. */
	index_bytes?: number | null;
	rss_mb?: { baseline: number; build_peak: number; loaded: number; serving_peak: number };
	/** Warm: the service may answer from what it remembers since the last change. */
	queries?: Record<Kind, KindResult>;
	/** The same queries with everything remembered forgotten before each run (search engines only). */
	cold_queries?: Record<Kind, KindResult>;
}

export interface MachineFacts {
	node: string;
	platform: string;
	cpu: string;
	cores: number;
	memory_gb: number;
	sqlite: string;
	postgres: string | null;
}

export interface SizeResult {
	size: number;
	seed: number;
	corpus_version: number;
	runs: number;
	/** Seconds per query kind after which the runs stop (at least 50 are kept). */
	budget_s: number;
	kinds: Kind[];
	machine: MachineFacts;
	at: string;
	/** os.loadavg() (1 min) when this size started and ended: other work on the machine skews the figures. */
	load_average: [number, number];
	wall_s: number;
	engines: EngineResult[];
}

export const TARGETS = {
	size: 100_000,
	facetedP50: 5,
	facetedP95: 25,
	buildS: 60,
	rssMb: 300
} as const;

export async function machineFacts(postgres: string | null): Promise<MachineFacts> {
	const { default: SQLite } = await import('better-sqlite3');
	const db = new SQLite(':memory:');
	const sqlite = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
	db.close();
	const cpus = os.cpus();
	return {
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: os.availableParallelism?.() ?? cpus.length,
		memory_gb: Math.round(os.totalmem() / 1024 ** 3),
		sqlite,
		postgres
	};
}

const NAMES: Record<EngineName, string> = {
	sqlite: 'SQLite FTS5 (search)',
	postgres: 'PostgreSQL (search)',
	minisearch: 'MiniSearch 7.2.0'
};
const KIND_LABELS: Record<Kind, string> = {
	single: 'single-term',
	multi: 'multi-term',
	filtered: 'filtered (type + theme + licence)',
	faceted: 'faceted (common word, 2 facets chosen)',
	browse: 'browse (no text, all facets)'
};

const int = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number | null | undefined) =>
	bytes === null || bytes === undefined
		? '—'
		: `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

function row(cells: string[]): string {
	return `| ${cells.join(' | ')} |`;
}

function cell(e: EngineResult, f: (e: Required<EngineResult>) => string): string {
	if (e.skipped) return '—';
	return f(e as Required<EngineResult>);
}

/** met / not met for the service's engines (MiniSearch is a comparison, not a candidate). */
export function verdicts(e: EngineResult): { label: string; met: boolean | null }[] {
	if (e.skipped || !e.queries) return [];
	const f = e.queries.faceted;
	const c = e.cold_queries?.faceted;
	return [
		{ label: `faceted p50 ≤ ${TARGETS.facetedP50} ms`, met: f.p50 <= TARGETS.facetedP50 },
		{ label: `faceted p95 ≤ ${TARGETS.facetedP95} ms`, met: f.p95 <= TARGETS.facetedP95 },
		{ label: `cold faceted p50 ≤ ${TARGETS.facetedP50} ms`, met: c ? c.p50 <= TARGETS.facetedP50 : null },
		{ label: `cold faceted p95 ≤ ${TARGETS.facetedP95} ms`, met: c ? c.p95 <= TARGETS.facetedP95 : null },
		{ label: `index build ≤ ${TARGETS.buildS} s`, met: (e.build_ms ?? Infinity) <= TARGETS.buildS * 1000 },
		{ label: `RSS ≤ ${TARGETS.rssMb} MB`, met: (e.rss_mb?.serving_peak ?? Infinity) <= TARGETS.rssMb }
	];
}

export function renderTable(r: SizeResult): string {
	const es = r.engines;
	const lines: string[] = [];
	lines.push(`#### ${int(r.size)} resources`);
	lines.push('');
	lines.push(row(['', ...es.map((e) => NAMES[e.engine])]));
	lines.push(row(['---', ...es.map(() => '---:')]));
	if (es.some((e) => e.skipped)) lines.push(row(['not measured', ...es.map((e) => e.skipped ?? '')]));
	lines.push(row(['documents indexed', ...es.map((e) => cell(e, (x) => int(x.documents)))]));
	lines.push(
		row([
			'load: through the service (ms per resource) / bulk (s)',
			...es.map((e) =>
				e.load
					? `${(e.load.serviceMs / Math.max(1, e.load.serviceCount)).toFixed(1)} ms × ${int(e.load.serviceCount)} / ${secs(e.load.bulkMs)} × ${int(e.load.bulkCount)}`
					: '—'
			)
		])
	);
	lines.push(
		row([
			'**index build** (reindexAll; MiniSearch: analyse + add)',
			...es.map((e) =>
				cell(e, (x) => `**${secs(x.build_ms)}**` + (x.analyze_ms ? ` (+ ANALYZE ${secs(x.analyze_ms)})` : ''))
			)
		])
	);
	lines.push(
		row([
			'database size (search tables and indexes)',
			...es.map((e) =>
				cell(e, (x) => (x.db_bytes === null ? 'in memory' : `${mb(x.db_bytes)} (${mb(x.index_bytes)})`))
			)
		])
	);
	lines.push(
		row([
			'RSS: idle / build peak / index loaded / **serving peak**',
			...es.map((e) =>
				cell(
					e,
					(x) =>
						`${x.rss_mb.baseline} / ${x.rss_mb.build_peak} / ${x.rss_mb.loaded} / **${x.rss_mb.serving_peak} MB**`
				)
			)
		])
	);
	const timing = (k: KindResult | undefined, bold: boolean) => {
		if (!k) return '—';
		const fewer = k.runs < r.runs ? `, ${k.runs} runs` : '';
		const text = `${ms(k.p50)} / ${ms(k.p95)} / ${ms(k.p99)} (${int(k.median_hits)}${fewer})`;
		return bold ? `**${text}**` : text;
	};
	for (const kind of r.kinds) {
		lines.push(
			row([
				`${KIND_LABELS[kind]}: p50 / p95 / p99 ms (median hits)`,
				...es.map((e) => cell(e, (x) => timing(x.queries[kind], kind === 'faceted')))
			])
		);
	}
	for (const kind of r.kinds) {
		lines.push(
			row([
				`cold ${KIND_LABELS[kind]}: p50 / p95 / p99 ms`,
				...es.map((e) => cell(e, (x) => timing(x.cold_queries?.[kind], kind === 'faceted')))
			])
		);
	}
	lines.push('');
	const service = es.filter((e) => e.engine !== 'minisearch' && !e.skipped);
	if (service.length > 0) {
		const at = r.size === TARGETS.size ? '' : ` (the targets are set for ${int(TARGETS.size)} resources)`;
		lines.push(`Targets${at}:`);
		lines.push('');
		lines.push(row(['target', ...service.map((e) => NAMES[e.engine])]));
		lines.push(row(['---', ...service.map(() => '---')]));
		const vs = service.map(verdicts);
		for (let i = 0; i < (vs[0]?.length ?? 0); i++) {
			lines.push(
				row([
					vs[0]![i]!.label,
					...vs.map((v) => (v[i]!.met === null ? '—' : v[i]!.met ? 'met' : '**not met**'))
				])
			);
		}
		lines.push('');
	}
	const m = r.machine;
	lines.push(
		`Measured ${r.at.slice(0, 10)} on ${m.cores} cores (${m.cpu}), ${m.memory_gb} GB, ${m.platform}; Node ${m.node}, ` +
			`SQLite ${m.sqlite}` +
			(m.postgres ? `, PostgreSQL ${m.postgres}` : '') +
			`. Corpus v${r.corpus_version}, seed ${r.seed}; ${int(r.runs)} timed runs per query kind after warm-up ` +
			`(fewer, as noted, when a kind took over ${r.budget_s} s); ` +
			`whole size ${Math.round(r.wall_s)} s; load average ${r.load_average[0].toFixed(1)} → ${r.load_average[1].toFixed(1)}.`
	);
	return lines.join('\n');
}

const BEGIN = '<!-- search:begin -->';
const END = '<!-- search:end -->';

/** Replaces what lies between the search markers in the README (the rest is written by hand). */
export async function renderReadme(file: string, results: SizeResult[]): Promise<void> {
	const block = [
		BEGIN,
		'',
		'<!-- Written by `npm run bench:search`; edits here are overwritten. -->',
		'',
		results.map(renderTable).join('\n\n'),
		'',
		END
	].join('\n');
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
	const start = current.indexOf(BEGIN);
	const end = current.indexOf(END);
	const next =
		start >= 0 && end > start
			? current.slice(0, start) + block + current.slice(end + END.length)
			: current.trimEnd() + '\n\n' + block + '\n';
	const prettier = await import('prettier');
	const options = (await prettier.resolveConfig(file)) ?? {};
	fs.writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
}
