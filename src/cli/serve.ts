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
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TLSSocket } from 'node:tls';
import { config } from '../lib/server/config';
import { closeDb, getDb } from '../lib/server/db';
import { CliFailure, parseCommandArgs, say } from './output';
import { seedIfEmpty } from './seed';

export const usage = 'usage: circles serve   (PORT, HOST, DATA_DIR, DATABASE_URL from the environment)';

const PROTO_HEADER = 'x-circles-proto';

/** The adapter-node build of this checkout, wherever `circles` is run from. */
export const BUILD_HANDLER = fileURLToPath(new URL('../../build/handler.js', import.meta.url));

/** Fails with "run npm run build first" rather than a module-not-found stack. */
export function checkBuilt(handlerFile: string = BUILD_HANDLER): void {
	if (!fs.existsSync(handlerFile)) throw new CliFailure('cli_serve_not_built');
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
	checkBuilt();
	const db = await getDb();
	await seedIfEmpty(db);
	// The server bundle opens its own connection; ours was only for migrate and seed.
	await closeDb();

	process.env.PROTOCOL_HEADER ??= PROTO_HEADER;
	process.env.HOST_HEADER ??= 'host';
	if (cfg.trustProxy) process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
	const { handler } = (await import(pathToFileURL(BUILD_HANDLER).href)) as {
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

	await new Promise<void>((resolve) => {
		const stop = () => {
			server.close(() => resolve());
			// Idle keep-alive connections would otherwise hold the process open for seconds.
			server.closeIdleConnections();
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	return 0;
}
