/**
 * Serves the built app (adapter-node's handler) on HOST:PORT after migrating and,
 * when the database is empty, seeding the demo library.
 *
 * ORIGIN: SvelteKit rejects form posts whose Origin differs from the URL it thinks
 * it serves. Rather than pin one origin (which breaks http://127.0.0.1 when it says
 * localhost), we tell it the real scheme of each connection and let it take the
 * host from the Host header. Behind a TLS proxy set TRUST_PROXY=1 (or ORIGIN).
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TLSSocket } from 'node:tls';
import { config } from '../lib/server/config';
import { closeDb, getDb } from '../lib/server/db';
import { seedIfEmpty } from './seed';

export const usage = 'usage: circles serve   (PORT, HOST, DATA_DIR, DATABASE_URL from the environment)';

const PROTO_HEADER = 'x-circles-proto';

export async function run(): Promise<number> {
	const cfg = config();
	const db = await getDb();
	await seedIfEmpty(db);
	// The server bundle opens its own connection; ours was only for migrate and seed.
	await closeDb();

	process.env.PROTOCOL_HEADER ??= PROTO_HEADER;
	process.env.HOST_HEADER ??= 'host';
	if (cfg.trustProxy) process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
	const entry = pathToFileURL(path.resolve('build/handler.js')).href;
	const { handler } = (await import(entry)) as {
		handler: (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;
	};

	const server = http.createServer((req, res) => {
		const forwarded = cfg.trustProxy ? String(req.headers['x-forwarded-proto'] ?? '') : '';
		const encrypted = (req.socket as TLSSocket).encrypted === true;
		// Always overwritten, so a client cannot claim https on a plain connection.
		req.headers[PROTO_HEADER] = forwarded === 'https' || encrypted ? 'https' : 'http';
		handler(req, res);
	});
	await new Promise<void>((resolve) => server.listen(cfg.port, cfg.host, resolve));
	const shown = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host;
	console.log(`Circles is serving on http://${shown}:${cfg.port} (${cfg.database.kind})`);

	await new Promise<void>((resolve) => {
		const stop = () => server.close(() => resolve());
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	return 0;
}
