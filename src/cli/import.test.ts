/**
 * `circles import` as people run it: one child process (tsx costs about half a second)
 * importing a folder with a good and a bad file into a fresh DATA_DIR: progress per file,
 * a summary, the failure as "path: field: reason", exit 1 with the good file imported.
 * Usage errors need no process.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CliUsageError } from './output';
import { run as exportRun } from './export';
import { run } from './import';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/circles.js');

let tmp: string;
beforeAll(async () => {
	tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'circles-import-cli-'));
});
afterAll(async () => {
	await fs.rm(tmp, { recursive: true, force: true });
});

function circles(args: string[], env: Record<string, string>) {
	const base: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'error', LC_ALL: undefined };
	delete base.DATABASE_URL;
	delete base.LC_MESSAGES;
	return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
		execFile(
			process.execPath,
			[BIN, ...args],
			{ cwd: ROOT, env: { ...base, ...env } as NodeJS.ProcessEnv },
			(err, stdout, stderr) =>
				resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr })
		);
	});
}

it('imports the good files, reports the bad one and exits 1', { timeout: 60_000 }, async () => {
	const dir = path.join(tmp, 'folder');
	await fs.mkdir(dir);
	await fs.copyFile(path.join(ROOT, 'content/demo/river-of-life.md'), path.join(dir, 'river-of-life.md'));
	await fs.writeFile(
		path.join(dir, 'bad.md'),
		'---\nid: bad\ntitle: Bad\nlanguage: en\ntype: handout\nlicense: CC-NOPE\n---\n\nBody.\n'
	);
	const r = await circles(['import', dir, '--library', 'imported'], {
		DATA_DIR: path.join(tmp, 'data'),
		LANG: 'fr_FR.UTF-8'
	});
	expect(r.code).toBe(1);
	expect(r.stdout).toContain('[2/2] river-of-life.md: créé');
	expect(r.stdout).toContain('[1/2] bad.md: échec');
	expect(r.stdout).toContain('Bibliothèque « imported » créée.');
	expect(r.stdout).toContain('Créés : 1. Mis à jour : 0. Inchangés : 0. Échecs : 1.');
	expect(r.stderr).toContain(
		`${path.join(dir, 'bad.md')} : license : ne fait pas partie des licences acceptées`
	);
	expect(r.stderr).not.toMatch(/\n\s+at .+[:(]/);
});

it('usage errors are CliUsageError (exit 2) before anything is opened', async () => {
	await expect(run([])).rejects.toBeInstanceOf(CliUsageError);
	await expect(run([tmp])).rejects.toBeInstanceOf(CliUsageError);
	await expect(run([path.join(tmp, 'nope'), '--library', 'x'])).rejects.toBeInstanceOf(CliUsageError);
	await expect(run([tmp, '--libary', 'x'])).rejects.toBeInstanceOf(CliUsageError);
	await expect(exportRun([tmp])).rejects.toBeInstanceOf(CliUsageError);
});
