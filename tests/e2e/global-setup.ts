/**
 * Starts the built app once for the whole e2e project: `node bin/circles.js serve`
 * on a free port with a fresh DATA_DIR, creates an instance administrator through
 * the CLI, and hands the base URL (and the admin's credentials) to the tests via
 * vitest's provide/inject. Also decides whether a browser is available: under
 * CI=true a missing Chromium fails the run; locally the browser tests skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Provided } from './support/provided';

const root = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`circles serve exited with code ${child.exitCode}:\n${output()}`);
		}
		try {
			const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
			await res.arrayBuffer();
			if (res.status < 500) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`circles serve did not answer at ${url} within 60 s:\n${output()}`);
}

/** The Chromium to drive, or '' when there is none (CHROME_PATH wins over the Debian path). */
function findBrowser(): string {
	const candidate = process.env.CHROME_PATH || '/usr/bin/chromium';
	return existsSync(candidate) ? candidate : '';
}

/**
 * The server runs from a frozen copy of the app (build/, and the CLI sources that
 * load it), so a `vite build` or an edit made while the suite runs (by a developer,
 * or a teammate in the same tree) cannot swap files under it mid-test. The copy
 * links node_modules, which the bundle and the CLI import from.
 */
async function snapshotApp(tmp: string): Promise<string> {
	const appDir = path.join(tmp, 'app');
	const handler = path.join(root, 'build/handler.js');
	for (let attempt = 1; ; attempt++) {
		try {
			// adapter-node writes handler.js last; unchanged across the copy means a whole build was copied.
			const before = statSync(handler).mtimeMs;
			rmSync(appDir, { recursive: true, force: true });
			for (const part of ['build', 'bin', 'src', 'messages', 'package.json', 'tsconfig.json']) {
				cpSync(path.join(root, part), path.join(appDir, part), { recursive: true });
			}
			if (statSync(handler).mtimeMs !== before) throw new Error('build/ changed while it was copied');
			break;
		} catch (err) {
			// A build being written right now: wait for it to finish, then copy again.
			if (attempt >= 10) throw err;
			await new Promise((r) => setTimeout(r, 3_000));
		}
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
	return appDir;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	if (!existsSync(path.join(root, 'build/handler.js'))) {
		throw new Error('build/handler.js is missing: run npm run build first');
	}

	const browserPath = findBrowser();
	if (!browserPath) {
		const wanted = process.env.CHROME_PATH || '/usr/bin/chromium';
		if (process.env.CI === 'true' || process.env.CI === '1') {
			throw new Error(`CI=true but no Chromium at ${wanted}: install chromium or set CHROME_PATH`);
		}
		console.warn(`\n[e2e] no Chromium at ${wanted}: browser tests will be SKIPPED (set CHROME_PATH)\n`);
	}

	const tmp = mkdtempSync(path.join(os.tmpdir(), 'circles-e2e-'));
	const dataDir = path.join(tmp, 'data');
	mkdirSync(dataDir);
	const appDir = await snapshotApp(tmp);
	const port = await freePort();
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		LOG_LEVEL: 'error',
		DEMO_DIR: path.join(root, 'content/demo'),
		NODE_ENV: 'production'
	};
	// A DATABASE_URL from the developer's shell must not point the e2e server elsewhere.
	delete env.DATABASE_URL;
	delete env.ORIGIN;

	let log = '';
	const child = spawn(process.execPath, ['bin/circles.js', 'serve'], {
		cwd: appDir,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	// The last few kB of output, for the error message when the server fails to start.
	const keep = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', (d: Buffer) => {
		keep(d);
		// Server errors are worth seeing next to the failing test (LOG_LEVEL=error keeps this quiet).
		process.stderr.write(`[circles serve] ${d.toString()}`);
	});

	const baseURL = `http://127.0.0.1:${port}`;
	const teardown = async () => {
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => {
					child.kill('SIGKILL');
					resolve();
				}, 5_000);
				child.once('exit', () => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
		rmSync(tmp, { recursive: true, force: true });
	};

	try {
		await waitUntilUp(baseURL + '/', child, () => log);
	} catch (err) {
		await teardown();
		throw err;
	}

	// The instance administrator, made the way an operator would: through the CLI.
	const admin: NonNullable<Provided['admin']> = {
		handle: 'e2e_admin',
		passphrase: 'correct horse battery staple e2e'
	};
	const made = spawnSync(process.execPath, ['bin/circles.js', 'admin', 'create', admin.handle], {
		cwd: appDir,
		env: { ...env, CIRCLES_PASSPHRASE: admin.passphrase },
		encoding: 'utf8',
		timeout: 60_000
	});
	const adminReady = made.status === 0;
	if (!adminReady) {
		// Reported, not fatal: only the tests that act as the administrator depend on it.
		console.warn(
			`[e2e] circles admin create failed (exit ${made.status}): ${(made.stderr || made.stdout).trim().split('\n')[0]}`
		);
	}

	project.provide('baseURL', baseURL);
	project.provide('browserPath', browserPath);
	project.provide('admin', adminReady ? admin : null);
	return teardown;
}
