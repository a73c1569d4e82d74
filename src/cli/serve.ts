/**
 * Serves the built app (adapter-node's handler) on HOST:PORT after migrating and,
 * when the database is empty, seeding the demo library.
 *
 * ORIGIN: SvelteKit rejects form posts whose Origin differs from the URL it thinks
 * it serves. Rather than pin one origin (which breaks http://127.0.0.1 when it says
 * localhost), we tell it the real scheme of each connection and let it take the
 * host from the Host header. Behind a TLS proxy set TRUST_PROXY=1 (or ORIGIN).
 */
import compression from 'compression';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TLSSocket } from 'node:tls';
import { config, requestBodyLimit } from '../lib/server/config';
import { closeDb, getDb } from '../lib/server/db';
import { indexIsEmpty, reindexAll } from '../lib/server/search';
import { CliFailure, parseCommandArgs, say } from './output';
import { seedIfEmpty } from './seed';

export const usage = 'usage: circles serve   (PORT, HOST, DATA_DIR, DATABASE_URL from the environment)';

const PROTO_HEADER = 'x-circles-proto';

/**
 * The adapter-node build to serve: `build/` in the working directory when there is one
 * (the e2e harness serves a snapshot of the build from its own folder, safe from a
 * rebuild in the checkout), else this checkout's, so `circles serve` works from anywhere.
 */
export function buildHandler(cwd: string = process.cwd()): string {
	const local = path.resolve(cwd, 'build/handler.js');
	return fs.existsSync(local) ? local : fileURLToPath(new URL('../../build/handler.js', import.meta.url));
}

/** Fails with "run npm run build first" rather than a module-not-found stack. */
export function checkBuilt(handlerFile: string = buildHandler()): string {
	if (!fs.existsSync(handlerFile)) throw new CliFailure('cli_serve_not_built');
	return handlerFile;
}

/** Turns the errors of `listen` that a person can fix into one clear line. */
export function listenProblem(err: unknown, host: string, port: number): unknown {
	switch ((err as { code?: unknown } | null)?.code) {
		case 'EADDRINUSE':
			return new CliFailure('cli_serve_port_in_use', { port: String(port) });
		case 'EACCES':
			return new CliFailure('cli_serve_port_not_allowed', { port: String(port) });
		case 'EADDRNOTAVAIL':
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return new CliFailure('cli_serve_bad_host', { host });
		default:
			return err;
	}
}

export async function run(args: string[]): Promise<number> {
	parseCommandArgs(args, {}, { min: 0, max: 0 });
	const cfg = config();
	const handlerFile = checkBuilt();
	const db = await getDb();
	await seedIfEmpty(db);
	// An instance upgraded to search has published resources and no index yet.
	if (await indexIsEmpty(db)) say('search_cli_index_built', { count: (await reindexAll(db)).indexed });
	// The server bundle opens its own connection; ours was only for migrate and seed.
	await closeDb();

	process.env.PROTOCOL_HEADER ??= PROTO_HEADER;
	process.env.HOST_HEADER ??= 'host';
	// adapter-node reads it when the handler loads: uploads need more than its 512K default.
	process.env.BODY_SIZE_LIMIT ??= String(requestBodyLimit(cfg));
	if (cfg.trustProxy) process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
	const { handler } = (await import(pathToFileURL(handlerFile).href)) as {
		handler: (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;
	};

	// Pages and JSON are made per request, so adapter-node sends them uncompressed; data
	// is expensive for our readers. Static assets are already precompressed (.br/.gz)
	// and carry Content-Encoding, which this middleware leaves alone.
	const compress = compression({ threshold: 1024 });
	const server = http.createServer((req, res) => {
		const forwarded = cfg.trustProxy ? String(req.headers['x-forwarded-proto'] ?? '') : '';
		const encrypted = (req.socket as TLSSocket).encrypted === true;
		// Always overwritten, so a client cannot claim https on a plain connection.
		req.headers[PROTO_HEADER] = forwarded === 'https' || encrypted ? 'https' : 'http';
		compress(req as never, res as never, () => handler(req, res));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', (err) => reject(listenProblem(err, cfg.host, cfg.port)));
		server.listen(cfg.port, cfg.host, resolve);
	});
	const shown = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host;
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : cfg.port;
	say('cli_serving', {
		url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`,
		engine: cfg.database.kind
	});

	// Say which signal stopped us: a server that vanishes mid-run is otherwise a mystery.
	const signal = await new Promise<NodeJS.Signals>((resolve) => {
		const stop = (sig: NodeJS.Signals) => {
			server.close(() => resolve(sig));
			// Idle keep-alive connections would otherwise hold the process open for seconds.
			server.closeIdleConnections();
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	say('cli_serve_stopped', { signal });
	return 0;
}
