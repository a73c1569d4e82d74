/**
 * `circles admin create` as an operator runs it: a child process on a fresh
 * DATA_DIR, the passphrase from CIRCLES_PASSPHRASE or piped on stdin, reserved
 * handles allowed, clear messages and non-zero exits for bad input.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../lib/server/db/dialect';
import { migrateToLatest } from '../lib/server/db/migrate';
import { run } from './admin';
import { CliUsageError } from './output';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/circles.js');
const SLOW = { timeout: 60_000 };

let dataDir: string;

function circles(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
	const env: Record<string, string | undefined> = {
		...process.env,
		DATA_DIR: dataDir,
		LOG_LEVEL: 'error',
		LANG: 'C',
		LC_ALL: undefined,
		CIRCLES_PASSPHRASE: undefined,
		...opts.env
	};
	delete env.DATABASE_URL;
	return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
		const child = execFile('node', [BIN, ...args], { cwd: ROOT, env }, (err, stdout, stderr) => {
			resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
		});
		child.stdin?.end(opts.stdin ?? '');
	});
}

function accounts(): { handle: string | null; is_admin: number }[] {
	const db = new SQLite(path.join(dataDir, 'circles.sqlite'), { readonly: true });
	try {
		return db.prepare('select handle, is_admin from accounts order by handle').all() as {
			handle: string | null;
			is_admin: number;
		}[];
	} finally {
		db.close();
	}
}

beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-admin-'));
	// Migrate once here: children started together would otherwise race to create the schema.
	const db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'circles.sqlite') });
	await migrateToLatest(db);
	await db.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('circles admin create', () => {
	it('creates administrators on reserved handles, from the environment or stdin', SLOW, async () => {
		const [fromEnv, fromStdin] = await Promise.all([
			circles(['admin', 'create', 'admin'], { env: { CIRCLES_PASSPHRASE: 'a long passphrase' } }),
			// Fullwidth letters are normalised: the stored handle is plain "root".
			circles(['admin', 'create', 'ｒｏｏｔ'], { stdin: 'another passphrase\n' })
		]);
		expect(fromEnv).toMatchObject({ code: 0, stdout: 'Administrator admin created.\n' });
		expect(fromStdin).toMatchObject({ code: 0, stdout: 'Administrator root created.\n' });
		expect(accounts()).toEqual([
			{ handle: 'admin', is_admin: 1 },
			{ handle: 'root', is_admin: 1 }
		]);
	});

	it(
		'refuses taken or bad handles and missing passphrases with exit 1 and one clear message',
		SLOW,
		async () => {
			const [taken, spaces, none] = await Promise.all([
				circles(['admin', 'create', 'ADMIN'], { env: { CIRCLES_PASSPHRASE: 'a long passphrase' } }),
				circles(['admin', 'create', 'a b'], { env: { CIRCLES_PASSPHRASE: 'a long passphrase' } }),
				circles(['admin', 'create', 'amal'], { env: { LANG: 'fr_FR.UTF-8' } })
			]);
			expect(taken.code).toBe(1);
			expect(taken.stderr).toContain('This handle is already taken');
			expect(spaces.code).toBe(1);
			expect(spaces.stderr).toContain('cannot contain spaces');
			expect(none.code).toBe(1);
			expect(none.stderr).toContain('Aucune phrase de passe');
			for (const r of [taken, spaces, none]) expect(r.stderr).not.toMatch(/\.ts:\d+/); // no stack trace
		}
	);

	it('promotes an existing account, and says so when there is none', SLOW, async () => {
		const db = new SQLite(path.join(dataDir, 'circles.sqlite'));
		db.prepare("update accounts set is_admin = 0 where handle = 'root'").run();
		db.close();
		const [promoted, missing] = await Promise.all([
			circles(['admin', 'create', '--promote', 'ROOT']),
			circles(['admin', 'create', '--promote', 'nobody'])
		]);
		expect(promoted, promoted.stderr).toMatchObject({
			code: 0,
			stdout: 'root is now an administrator of this instance.\n'
		});
		expect(accounts().find((a) => a.handle === 'root')?.is_admin).toBe(1);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('No account has this handle');
	});

	it('explains its usage with exit 2', SLOW, async () => {
		const r = await circles(['admin', 'create']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('usage: circles admin create');
		// The other usage errors need no process: they are thrown before the database opens.
		for (const args of [[], ['delete', 'x'], ['create', 'a', 'b'], ['create', '--force', 'a']])
			await expect(run(args), args.join(' ')).rejects.toBeInstanceOf(CliUsageError);
	});
});
