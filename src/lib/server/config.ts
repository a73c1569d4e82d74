/**
 * Instance configuration, read once from the environment. Nothing else in the
 * server reads process.env, so every setting is documented in one place (and in
 * the README's table).
 */
import path from 'node:path';

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Config {
	host: string;
	port: number;
	dataDir: string;
	database: DatabaseConfig;
	/** Trust X-Forwarded-Proto/For from a reverse proxy in front of us. */
	trustProxy: boolean;
	/** Demo content folder loaded by `seed` when the database is empty. */
	demoDir: string;
	logLevel: 'silent' | 'error' | 'info';
	/** Largest single attachment, in bytes (ATTACHMENT_MAX_BYTES, default 25 MiB). */
	attachmentMaxBytes: number;
	/** Bytes of distinct attachment content one library may hold (LIBRARY_QUOTA_BYTES, default 1 GiB). */
	libraryQuotaBytes: number;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 65535) {
		throw new Error(`${name} must be a whole number between 0 and 65535, got "${value}"`);
	}
	return n;
}

/** A byte count from the environment: a whole number of bytes, at least 1, at most 2^53-1. */
function bytesFrom(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isSafeInteger(n) || n < 1) {
		throw new Error(`${name} must be a whole number of bytes (at least 1), got "${value}"`);
	}
	return n;
}

export function databaseFrom(url: string | undefined, dataDir: string): DatabaseConfig {
	if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
	if (url && url.startsWith('sqlite:')) return { kind: 'sqlite', file: url.slice('sqlite:'.length) };
	if (url) throw new Error('DATABASE_URL must start with postgres:// or sqlite:');
	return { kind: 'sqlite', file: path.join(dataDir, 'circles.sqlite') };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const dataDir = path.resolve(env.DATA_DIR || './data');
	return {
		host: env.HOST || '0.0.0.0',
		port: intFrom(env.PORT, 3000, 'PORT'),
		dataDir,
		database: databaseFrom(env.DATABASE_URL, dataDir),
		trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
		demoDir: path.resolve(env.DEMO_DIR || 'content/demo'),
		logLevel: env.LOG_LEVEL === 'silent' || env.LOG_LEVEL === 'error' ? env.LOG_LEVEL : 'info',
		attachmentMaxBytes: bytesFrom(env.ATTACHMENT_MAX_BYTES, 25 * 1024 * 1024, 'ATTACHMENT_MAX_BYTES'),
		libraryQuotaBytes: bytesFrom(env.LIBRARY_QUOTA_BYTES, 1024 * 1024 * 1024, 'LIBRARY_QUOTA_BYTES')
	};
}

/**
 * Room a form needs beside its one file: the longest Markdown body and transcript in
 * UTF-8 (up to 3 bytes per character) and the multipart framing.
 */
export const FORM_OVERHEAD_BYTES = 2 * 1024 * 1024;

/**
 * The request body limit the server gets when BODY_SIZE_LIMIT is not set: a form with a
 * file just over the attachment limit still reaches the attachment service, which refuses
 * it with a clear message by the file field instead of a bare "Payload Too Large".
 */
export function requestBodyLimit(c: Pick<Config, 'attachmentMaxBytes'>): number {
	return c.attachmentMaxBytes + FORM_OVERHEAD_BYTES;
}

let cached: Config | undefined;
export function config(): Config {
	cached ??= loadConfig();
	return cached;
}
