/**
 * The `circles` CLI as people run it: `node bin/circles.js …` in a child process, with
 * DATA_DIR in a fresh temporary folder. Backup under concurrent writes, every way a
 * restore must refuse (leaving the live database byte for byte as it was), a restore
 * that keeps the previous database, PostgreSQL explanations, usage errors and hostile
 * arguments. Each child costs about half a second (tsx), so the slow part is shared and
 * independent cases run concurrently; argument handling that needs no process is
 * tested in-process.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, SQLITE_APPLICATION_ID } from '../lib/server/db/dialect';
import { migrateToLatest } from '../lib/server/db/migrate';
import { FolderBlobStore } from '../lib/server/resources/attachments/blob-store';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/circles.js');
const SLOW = { timeout: 60_000 };

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function circles(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
	const base: Record<string, string | undefined> = {
		...process.env,
		LOG_LEVEL: 'error',
		LANG: 'C',
		LC_ALL: undefined
	};
	delete base.DATABASE_URL;
	delete base.LC_MESSAGES;
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[BIN, ...args],
			{ cwd: ROOT, env: { ...base, ...env } as NodeJS.ProcessEnv, maxBuffer: 4 << 20 },
			(err, stdout, stderr) => {
				const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
				resolve({ code, stdout, stderr });
			}
		);
	});
}

/** No stack trace, ever, for a problem a person can fix. */
function expectNoStack(r: Run): void {
	expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .+[:(]/);
	expect(r.stderr + r.stdout).not.toMatch(/Error:|TypeError|SqliteError/);
}

let tmp: string;
const dir = (name: string) => {
	const d = path.join(tmp, name);
	fs.mkdirSync(d, { recursive: true });
	return d;
};
const dbFile = (dataDir: string) => path.join(dataDir, 'circles.sqlite');

/** A migrated Circles database with a probe table of `rows` rows (the table is ours, not a feature's). */
async function makeDatabase(dataDir: string, rows: number, tag = 'row'): Promise<void> {
	const db = openDatabase({ kind: 'sqlite', file: dbFile(dataDir) });
	await migrateToLatest(db);
	await db.close();
	const raw = new SQLite(dbFile(dataDir));
	raw.exec('create table backup_probe (id integer primary key, payload text not null)');
	const insert = raw.prepare('insert into backup_probe (payload) values (?)');
	raw.transaction(() => {
		for (let i = 0; i < rows; i++) insert.run(`${tag} ${i} ${'x'.repeat(200)}`);
	})();
	raw.close();
}

function probeRows(file: string): string[] {
	const raw = new SQLite(file, { fileMustExist: true });
	try {
		return raw.prepare("select id || ':' || payload from backup_probe order by id").pluck().all() as string[];
	} finally {
		raw.close();
	}
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Files a failed or finished command must not leave behind. */
const leftovers = (d: string) => fs.readdirSync(d).filter((f) => /\.tmp$|-wal$|-shm$|-journal$/.test(f));

let live: string;
let good: string;
let backupRun: Run;
let writtenDuring = 0;
let liveHash: string;
let liveRows: string[];
/** An attachment's bytes in the live data folder, which backup and restore must carry. */
let blobSha: string;
const blobPath = (root: string) => new FolderBlobStore(root).pathOf(blobSha);

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-cli-'));
	live = dir('live');
	await makeDatabase(live, 2000);
	blobSha = (await new FolderBlobStore(path.join(live, 'blobs')).put(Buffer.from('a handout, مطبوعة')))
		.sha256;

	// A second connection keeps writing, in transactions of ten rows, while the backup runs.
	good = path.join(dir('backups'), 'good.sqlite');
	const writer = new SQLite(dbFile(live));
	writer.pragma('busy_timeout = 5000');
	const insert = writer.prepare('insert into backup_probe (payload) values (?)');
	const batch = writer.transaction((n: number) => {
		for (let i = 0; i < 10; i++) insert.run(`during ${n}.${i}`);
	});
	let writing = true;
	const loop = () => {
		if (!writing) return;
		batch(writtenDuring);
		writtenDuring += 10;
		setTimeout(loop, 1);
	};
	loop();
	backupRun = await circles(['backup', good], { DATA_DIR: live });
	writing = false;
	writer.close();

	liveHash = sha(dbFile(live));
	liveRows = probeRows(dbFile(live));
}, 60_000);

afterAll(() => {
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('circles backup', () => {
	it('takes a consistent snapshot while another connection writes', () => {
		expect(backupRun.code, backupRun.stderr).toBe(0);
		expect(backupRun.stdout).toContain('Backed up the database to');
		expect(backupRun.stdout).toContain('Copied 1 attachment files');
		expect(fs.readFileSync(blobPath(`${good}.files`), 'utf8')).toBe('a handout, مطبوعة');
		expect(writtenDuring).toBeGreaterThan(0);

		const rows = probeRows(good);
		// Every row committed before the backup, and only whole transactions after it.
		expect(rows.length).toBeGreaterThanOrEqual(2000);
		expect(rows.length % 10).toBe(0);
		expect(rows.length).toBeLessThanOrEqual(liveRows.length);
		expect(rows).toEqual(liveRows.slice(0, rows.length));

		const raw = new SQLite(good, { readonly: true });
		expect(raw.pragma('application_id', { simple: true })).toBe(SQLITE_APPLICATION_ID);
		expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
		raw.close();
		expect(leftovers(path.dirname(good))).toEqual([]);
	});

	describe.concurrent('on PostgreSQL', () => {
		it('explains pg_dump on PostgreSQL and exits 2 without connecting', SLOW, async () => {
			const target = path.join(tmp, 'pg.dump');
			// Port 1: nothing listens there, so any attempt to connect would fail loudly.
			const r = await circles(['backup', target], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/circles' });
			expect(r.code).toBe(2);
			expect(r.stderr).toContain('pg_dump --format=custom --file=circles.dump "$DATABASE_URL"');
			expect(r.stderr).toContain('pg_restore');
			expect(fs.existsSync(target)).toBe(false);
			expectNoStack(r);
		});
	});
});

describe('circles restore', () => {
	/** Builds the bad backups once, from the good one. */
	function variant(name: string, make: (file: string) => void): string {
		const file = path.join(dir('bad'), name);
		make(file);
		return file;
	}

	describe.concurrent(
		'refuses what is not a whole Circles backup, leaving the live database as it was',
		() => {
			const cases: [string, () => string, RegExp, Record<string, string>?][] = [
				[
					'a text file',
					() => variant('notes.txt', (f) => fs.writeFileSync(f, 'just some notes\n')),
					/is not a SQLite database/
				],
				[
					'a SQLite database of another program',
					() =>
						variant('other.sqlite', (f) => {
							const raw = new SQLite(f);
							raw.exec("create table notes (body text); insert into notes values ('hello')");
							raw.close();
						}),
					/is a SQLite database, but it is not a Circles backup/
				],
				[
					'a truncated backup',
					() =>
						variant('truncated.sqlite', (f) => {
							const bytes = fs.readFileSync(good);
							fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
						}),
					/is damaged/
				],
				[
					'a corrupt backup',
					() =>
						variant('corrupt.sqlite', (f) => {
							const bytes = Buffer.from(fs.readFileSync(good));
							bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 3000);
							fs.writeFileSync(f, bytes);
						}),
					/is damaged/
				],
				[
					'a backup from a newer version of Circles',
					() =>
						variant('newer.sqlite', (f) => {
							fs.copyFileSync(good, f);
							const raw = new SQLite(f);
							raw
								.prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
								.run('9999_from_the_future', new Date().toISOString());
							raw.close();
						}),
					/newer version of Circles.*9999_from_the_future/
				],
				[
					'a path climbing out with ../ (in Arabic)',
					() => '../'.repeat(30) + 'etc/hostname',
					/ليس قاعدة بيانات SQLite|غير موجود/,
					{ LANG: 'ar_EG.UTF-8' }
				],
				['a 10 KB file name', () => path.join(tmp, 'r'.repeat(10_000)), /That file name is too long/]
			];
			for (const [what, make, message, env] of cases) {
				it(what, SLOW, async () => {
					const r = await circles(['restore', make()], { DATA_DIR: live, ...env });
					expect(r.code, r.stdout + r.stderr).toBe(1);
					expect(r.stderr).toMatch(message);
					expect(r.stderr).toMatch(
						env ? /لم تتغيّر قاعدة البيانات الحالية/ : /The current database was not changed/
					);
					expectNoStack(r);
					expect(sha(dbFile(live))).toBe(liveHash);
					expect(fs.readdirSync(live).filter((f) => f.includes('before-restore'))).toEqual([]);
				});
			}
		}
	);

	it('left nothing behind after those refusals, and the live rows are the same', () => {
		expect(leftovers(live)).toEqual([]);
		expect(probeRows(dbFile(live))).toEqual(liveRows);
	});

	describe.concurrent('restores a good backup', () => {
		it('over an existing database, keeping the previous one beside it', SLOW, async () => {
			const data = dir('replace');
			await makeDatabase(data, 5, 'before');
			const before = probeRows(dbFile(data));
			const r = await circles(['restore', good], { DATA_DIR: data });
			expect(r.code, r.stderr).toBe(0);
			expect(r.stdout).toContain('The previous database is kept at');
			expect(r.stdout).toContain('Restored 1 attachment files');
			expect(fs.readFileSync(blobPath(path.join(data, 'blobs')), 'utf8')).toBe('a handout, مطبوعة');

			expect(probeRows(dbFile(data))).toEqual(probeRows(good));
			const kept = fs
				.readdirSync(data)
				.filter((f) => /^circles\.sqlite\.before-restore-\d{8}T\d{6}Z$/.test(f));
			expect(kept).toHaveLength(1);
			expect(probeRows(path.join(data, kept[0] ?? ''))).toEqual(before);
			expect(leftovers(data)).toEqual([]);
			const raw = new SQLite(dbFile(data), { readonly: true });
			expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
			raw.close();
		});

		it('but not while another program (a running server) has the database open', SLOW, async () => {
			const data = dir('busy');
			await makeDatabase(data, 3, 'busy');
			const server = new SQLite(dbFile(data));
			server.pragma('journal_mode = WAL');
			server.prepare('select count(*) from backup_probe').get();
			const before = probeRows(dbFile(data));
			try {
				const r = await circles(['restore', good], { DATA_DIR: data });
				expect(r.code).toBe(1);
				expect(r.stderr).toContain('Stop the server first');
				expect(probeRows(dbFile(data))).toEqual(before);
				expect(
					fs.readdirSync(data).filter((f) => f.includes('before-restore') || f.endsWith('.tmp'))
				).toEqual([]);
			} finally {
				server.close();
			}
		});

		it('explains pg_restore on PostgreSQL and exits 2', SLOW, async () => {
			const r = await circles(['restore', good], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/circles' });
			expect(r.code).toBe(2);
			expect(r.stderr).toContain(
				'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" circles.dump'
			);
			expectNoStack(r);
		});
	});
});

describe.concurrent('usage and other commands', () => {
	it('prints usage and exits 2 for an unknown command', SLOW, async () => {
		const unknown = await circles(['bogus']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('unknown command "bogus"');
		expect(unknown.stderr).toContain('usage: circles <command>');
	});

	it.skipIf(!fs.existsSync(path.join(ROOT, 'build/handler.js')))(
		'reports a port already in use',
		SLOW,
		async () => {
			const blocker = net.createServer();
			await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
			const port = (blocker.address() as net.AddressInfo).port;
			try {
				const r = await circles(['serve'], { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir('port') });
				expect(r.code).toBe(1);
				expect(r.stderr).toContain(`Port ${port} is already in use`);
				expectNoStack(r);
			} finally {
				blocker.close();
			}
		}
	);
});

describe('argument handling in-process', () => {
	let errors: string[] = [];
	beforeAll(() => {
		// main() reads the configuration once; point it at a scratch folder, never ./data.
		process.env.DATA_DIR = dir('in-process');
		delete process.env.DATABASE_URL;
		process.env.LANG = 'C';
		vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
		vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
	});
	afterAll(() => vi.restoreAllMocks());
	const run = async (argv: string[]) => {
		errors = [];
		const { main } = await import('./main');
		const code = await main(argv);
		return { code, out: errors.join('\n') };
	};

	it('treats no command, missing, extra and unknown arguments as usage errors (exit 2)', async () => {
		for (const argv of [
			[],
			['backup'],
			['restore', 'a', 'b'],
			['backup', '--bogus', 'x'],
			['migrate', 'now'],
			['seed', '-x']
		]) {
			const r = await run(argv);
			expect(r.code, argv.join(' ')).toBe(2);
			expect(r.out).toContain('usage: circles');
		}
	});

	it('refuses NUL bytes in file names with a clear line', async () => {
		for (const cmd of ['backup', 'restore']) {
			const r = await run([cmd, 'evil\0name.sqlite']);
			expect(r.code).toBe(1);
			expect(r.out).toContain('That file name contains a character that file names cannot have.');
		}
	});

	it('does not mistake Object.prototype for commands, and shortens a 10 KB command name', async () => {
		for (const name of ['constructor', '__proto__', 'toString', 'z'.repeat(10_000)]) {
			const r = await run([name]);
			expect(r.code).toBe(2);
			expect(r.out).toContain('unknown command');
			expect(r.out.length).toBeLessThan(2000);
		}
	});

	it('escapes control characters echoed back from arguments', async () => {
		const r = await run(['\u001b[2Jevil']);
		expect(r.code).toBe(2);
		expect(r.out).not.toContain('\u001b');
	});

	it('explains a missing build and translates listen errors', async () => {
		const { buildHandler, checkBuilt, listenProblem } = await import('./serve');
		// The working directory's build wins (the e2e harness serves a snapshot), else this checkout's.
		const snapshot = dir('snapshot/build');
		fs.writeFileSync(path.join(snapshot, 'handler.js'), '');
		expect(buildHandler(path.dirname(snapshot))).toBe(path.join(snapshot, 'handler.js'));
		expect(buildHandler(dir('elsewhere'))).toBe(path.join(ROOT, 'build/handler.js'));
		const { CliFailure } = await import('./output');
		expect(() => checkBuilt(path.join(tmp, 'no-build/handler.js'))).toThrow(CliFailure);
		const { cliTranslator } = await import('./output');
		try {
			checkBuilt(path.join(tmp, 'no-build/handler.js'));
		} catch (e) {
			expect(cliTranslator({ LANG: 'en' }).t((e as InstanceType<typeof CliFailure>).messageKey)).toBe(
				'The app is not built yet: run npm run build first.'
			);
		}
		const inUse = listenProblem(Object.assign(new Error('x'), { code: 'EADDRINUSE' }), '0.0.0.0', 3000);
		expect(inUse).toBeInstanceOf(CliFailure);
		expect((inUse as InstanceType<typeof CliFailure>).params).toEqual({ port: '3000' });
		const other = new Error('other');
		expect(listenProblem(other, 'h', 1)).toBe(other);
	});
});
