/**
 * `npm run bench:search` — the search benchmark (issue 4). Not a test: it prints a table, writes
 * bench/results/search-<size>.json and rewrites the table in bench/README.md.
 *
 *   npm run bench:search -- [--sizes 10000,100000] [--engines sqlite,postgres,minisearch]
 *                           [--runs 200] [--budget-s 60] [--seed N] [--service-sample 1000]
 *                           [--keep] [--no-readme]
 *
 * For each size the corpus (generate.ts) is written once to a JSONL file in the temp directory
 * (reused by later runs with the same seed, size and word lists). Then, for each engine, in child
 * processes so that memory is attributable:
 *   1. load (SQLite/PostgreSQL): a fresh database (a file in a temp directory; a fresh schema at
 *      TEST_DATABASE_URL, default postgres://127.0.0.1:5432/test, skipped when it does not
 *      answer), migrated, the corpus written through load.ts (service for the first
 *      --service-sample resources, bulk for the rest);
 *   2. build, in a new process: reindexAll() timed (the index build), the database size and the
 *      peak RSS while building;
 *   2b. measure, in another new process (a server started after the build): every query kind of
 *      queries.ts through search(), warm (warm-up, then --runs timed runs, fewer — at least 50 —
 *      when a kind takes more than --budget-s seconds) and cold (what the service remembers
 *      forgotten before each run), and the process's RSS with the index loaded and its peak;
 *   3. MiniSearch: one process reads the corpus, builds the documents with the search module's
 *      own buildDocument() (so the same analysis and the same terms), indexes them in MiniSearch
 *      and runs the same queries, matching the same analysed alternatives as the service and
 *      counting the same ten disjunctive facets over its hits.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CORPUS_VERSION, DEFAULT_SEED, generateCorpus } from './generate';
import type { LoadReport } from './load';
import { KINDS, type Kind } from './queries';
import {
	machineFacts,
	renderReadme,
	renderTable,
	type EngineName,
	type EngineResult,
	type SizeResult
} from './report';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCH = path.dirname(HERE);
const RESULTS = path.join(BENCH, 'results');
const README = path.join(BENCH, 'README.md');
const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://127.0.0.1:5432/test';
const CACHE = path.join(os.tmpdir(), 'circles-bench');

interface Options {
	sizes: number[];
	engines: EngineName[];
	runs: number;
	budgetS: number;
	seed: number;
	serviceSample: number;
	keep: boolean;
	readme: boolean;
}

function parseOptions(argv: string[]): Options {
	const o: Options = {
		sizes: [10_000, 100_000],
		engines: ['sqlite', 'postgres', 'minisearch'],
		runs: 200,
		budgetS: 60,
		seed: DEFAULT_SEED,
		serviceSample: 1000,
		keep: false,
		readme: true
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
		const value = () => inline ?? argv[++i] ?? '';
		switch (flag) {
			case '--sizes':
				o.sizes = value()
					.split(',')
					.map((s) => Number(s.replace(/_/g, '').replace(/k$/i, '000')));
				break;
			case '--engines':
				o.engines = value().split(',') as EngineName[];
				break;
			case '--runs':
				o.runs = Number(value());
				break;
			case '--budget-s':
				o.budgetS = Number(value());
				break;
			case '--seed':
				o.seed = Number(value());
				break;
			case '--service-sample':
				o.serviceSample = Number(value());
				break;
			case '--keep':
				o.keep = true;
				break;
			case '--no-readme':
				o.readme = false;
				break;
			default:
				throw new Error(`unknown option ${flag} (see the comment at the top of bench/search/run.ts)`);
		}
	}
	if (o.sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error('--sizes: positive integers');
	if (o.engines.some((e) => !['sqlite', 'postgres', 'minisearch'].includes(e)))
		throw new Error('--engines: sqlite, postgres, minisearch');
	if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs: a positive integer');
	if (!(o.budgetS > 0)) throw new Error('--budget-s: seconds per query kind');
	return o;
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// --- The corpus file ----------------------------------------------------------------------

function vocabularyHash(): string {
	const h = createHash('sha256');
	const dir = path.join(HERE, 'vocab');
	for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
	return h.digest('hex').slice(0, 10);
}

/** The corpus as JSONL, generated once per (version, seed, size, word lists). */
async function corpusFile(size: number, seed: number): Promise<string> {
	fs.mkdirSync(CACHE, { recursive: true });
	const file = path.join(CACHE, `corpus-v${CORPUS_VERSION}-${seed}-${size}-${vocabularyHash()}.jsonl`);
	if (fs.existsSync(file)) return file;
	log(`generating ${size} resources → ${file}`);
	const t = performance.now();
	const tmp = `${file}.${process.pid}.tmp`;
	const out = fs.createWriteStream(tmp);
	for (const r of generateCorpus(size, seed)) {
		if (!out.write(JSON.stringify(r) + '\n'))
			await new Promise<void>((res) => out.once('drain', () => res()));
	}
	await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
	fs.renameSync(tmp, file);
	log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
	return file;
}

// --- Child processes --------------------------------------------------------------------------

/** Building the index, or measuring the queries, of a loaded database. */
export interface EngineTask {
	task: 'build' | 'measure';
	engine: 'sqlite' | 'postgres';
	size: number;
	runs: number;
	budgetS: number;
	location: string;
}

export type Task =
	| {
			task: 'load';
			engine: 'sqlite' | 'postgres';
			size: number;
			corpus: string;
			serviceSample: number;
			location: string;
	  }
	| EngineTask
	| { task: 'minisearch'; size: number; runs: number; budgetS: number; corpus: string };

/** Runs a task in a new Node process (its own heap and RSS) and returns what it wrote. */
function child<T>(task: Task): Promise<T> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-bench-task-'));
	const taskFile = path.join(dir, 'task.json');
	const outFile = path.join(dir, 'out.json');
	fs.writeFileSync(taskFile, JSON.stringify(task));
	const args = [
		'--expose-gc',
		'--max-old-space-size=8192',
		'--import',
		'tsx',
		path.join(HERE, 'child.ts'),
		taskFile,
		outFile
	];
	return new Promise((resolve, reject) => {
		const p = spawn(process.execPath, args, {
			stdio: ['ignore', 'inherit', 'inherit'],
			cwd: path.dirname(BENCH)
		});
		p.on('error', reject);
		p.on('exit', (code, signal) => {
			try {
				if (code !== 0)
					throw new Error(
						`${task.task} ${'engine' in task ? task.engine : ''} exited with ${code ?? signal}`
					);
				resolve(JSON.parse(fs.readFileSync(outFile, 'utf8')) as T);
			} catch (e) {
				reject(e);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		});
	});
}

async function postgresAnswers(): Promise<string | null> {
	const { withDefaultUser } = await import('../../src/lib/server/db/dialect');
	const client = new pg.Client({ connectionString: withDefaultUser(PG_URL), connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		const r = await client.query<{ v: string }>(`select current_setting('server_version') as v`);
		return r.rows[0]?.v ?? 'unknown';
	} catch {
		return null;
	} finally {
		await client.end().catch(() => {});
	}
}

async function dropSchema(schema: string): Promise<void> {
	const { withDefaultUser } = await import('../../src/lib/server/db/dialect');
	const client = new pg.Client({ connectionString: withDefaultUser(PG_URL) });
	await client.connect();
	await client.query(`drop schema if exists ${schema} cascade`);
	await client.end();
}

async function runEngine(
	engine: EngineName,
	size: number,
	corpus: string,
	o: Options
): Promise<EngineResult> {
	if (engine === 'minisearch') {
		return child<EngineResult>({ task: 'minisearch', size, runs: o.runs, budgetS: o.budgetS, corpus });
	}
	let location: string;
	let cleanup: () => Promise<void>;
	if (engine === 'sqlite') {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-bench-db-'));
		location = path.join(dir, 'circles.sqlite');
		cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
	} else {
		location = `bench_${size}_${Date.now().toString(36)}`;
		cleanup = () => dropSchema(location);
	}
	try {
		const t = performance.now();
		const load = await child<LoadReport>({
			task: 'load',
			engine,
			size,
			corpus,
			serviceSample: o.serviceSample,
			location
		});
		const loadMs = performance.now() - t;
		const task = { engine, size, runs: o.runs, budgetS: o.budgetS, location } as const;
		const built = await child<EngineResult>({ ...task, task: 'build' });
		const measured = await child<EngineResult>({ ...task, task: 'measure' });
		return {
			...built,
			...measured,
			rss_mb: {
				baseline: built.rss_mb!.baseline,
				build_peak: built.rss_mb!.build_peak,
				loaded: measured.rss_mb!.loaded,
				serving_peak: measured.rss_mb!.serving_peak
			},
			load: { ...load, ms: loadMs }
		};
	} finally {
		if (o.keep) log(`kept ${engine} database: ${location}`);
		else await cleanup().catch((e) => log(`cleanup of ${location} failed: ${e}`));
	}
}

// --- Main ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const o = parseOptions(process.argv.slice(2));
	const started = performance.now();
	const pgVersion = o.engines.includes('postgres') ? await postgresAnswers() : null;
	if (o.engines.includes('postgres') && !pgVersion) log(`PostgreSQL does not answer at ${PG_URL}: skipped`);
	fs.mkdirSync(RESULTS, { recursive: true });
	const machine = await machineFacts(pgVersion);

	for (const size of o.sizes) {
		const sizeStarted = performance.now();
		const loadBefore = os.loadavg()[0]!;
		const corpus = await corpusFile(size, o.seed);
		const engines: EngineResult[] = [];
		for (const engine of o.engines) {
			if (engine === 'postgres' && !pgVersion) {
				engines.push({ engine, size, skipped: `PostgreSQL did not answer at ${PG_URL}` });
				continue;
			}
			log(`${size} ${engine}…`);
			try {
				engines.push(await runEngine(engine, size, corpus, o));
			} catch (e) {
				log(`${size} ${engine} failed: ${e instanceof Error ? e.stack : e}`);
				engines.push({ engine, size, skipped: `failed: ${e instanceof Error ? e.message : e}` });
			}
		}
		const result: SizeResult = {
			size,
			seed: o.seed,
			corpus_version: CORPUS_VERSION,
			runs: o.runs,
			budget_s: o.budgetS,
			kinds: [...KINDS] as Kind[],
			machine,
			at: new Date().toISOString(),
			load_average: [loadBefore, os.loadavg()[0]!],
			wall_s: (performance.now() - sizeStarted) / 1000,
			engines
		};
		fs.writeFileSync(path.join(RESULTS, `search-${size}.json`), JSON.stringify(result, null, '\t') + '\n');
		console.log(renderTable(result));
	}
	if (o.readme) {
		const results = fs
			.readdirSync(RESULTS)
			.filter((f) => /^search-\d+\.json$/.test(f))
			.map((f) => JSON.parse(fs.readFileSync(path.join(RESULTS, f), 'utf8')) as SizeResult)
			.sort((a, b) => a.size - b.size);
		await renderReadme(README, results);
		log(`bench/README.md updated`);
	}
	log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
