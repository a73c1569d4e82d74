/**
 * Content-addressed blob store: bytes are named by their sha256, so the same bytes
 * are stored once however many attachments name them. The interface is small and
 * stream-based so an S3-compatible store can implement it later; the folder store
 * below keeps blobs under `<root>/ab/cd/<sha256>`.
 *
 * Writes are crash-safe: bytes go to a temp file on the same file system (hashed and
 * counted while streaming), are fsynced, then renamed into place. A write that goes
 * past the size limit is aborted and its temp file removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Inclusive byte positions, as in an HTTP Range (`bytes=start-end`). */
export interface ByteRange {
	start: number;
	end: number;
}

export type BlobInput = Uint8Array | AsyncIterable<Uint8Array>;

export interface PutResult {
	sha256: string;
	size: number;
}

export interface BlobStore {
	/** Store the bytes (at most maxBytes of them); resolves once they are durable. */
	put(input: BlobInput, options?: { maxBytes?: number }): Promise<PutResult>;
	/** The blob's bytes, or the inclusive range of them. Rejects when the blob is missing. */
	get(sha256: string, range?: ByteRange): Promise<Readable>;
	has(sha256: string): Promise<boolean>;
	/** Size in bytes, or null when the blob is missing. */
	size(sha256: string): Promise<number | null>;
	/** Remove the blob; removing a missing blob is not an error. */
	delete(sha256: string): Promise<void>;
}

/** Thrown by put when the bytes exceed maxBytes; nothing was stored. */
export class BlobTooLargeError extends Error {
	constructor(readonly maxBytes: number) {
		super(`blob larger than ${maxBytes} bytes`);
		this.name = 'BlobTooLargeError';
	}
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Refuses anything that is not a lowercase hex sha256, so no caller can form a path. */
export function assertSha256(sha256: string): void {
	if (!SHA256.test(sha256)) throw new Error('not a sha256');
}

async function* chunksOf(input: BlobInput): AsyncIterable<Uint8Array> {
	if (input instanceof Uint8Array) {
		yield input;
		return;
	}
	yield* input;
}

export class FolderBlobStore implements BlobStore {
	private readonly tmpDir: string;

	constructor(readonly root: string) {
		// The temp folder sits inside the root so rename() never crosses file systems.
		this.tmpDir = path.join(root, '.tmp');
	}

	/** Where a blob lives; exported for tests and the backup tool. */
	pathOf(sha256: string): string {
		assertSha256(sha256);
		return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
	}

	async put(input: BlobInput, options: { maxBytes?: number } = {}): Promise<PutResult> {
		const maxBytes = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
		await fs.mkdir(this.tmpDir, { recursive: true });
		const tmp = path.join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
		const hash = createHash('sha256');
		let size = 0;
		async function* counted(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
			for await (const chunk of source) {
				size += chunk.byteLength;
				if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
				hash.update(chunk);
				yield chunk;
			}
		}
		const out = createWriteStream(tmp, { flags: 'wx' });
		try {
			// pipeline handles back-pressure and tears every stage down on any error.
			await pipeline(chunksOf(input), counted, out);
			const fh = await fs.open(tmp, 'r');
			try {
				await fh.sync();
			} finally {
				await fh.close();
			}
			const sha256 = hash.digest('hex');
			const dest = this.pathOf(sha256);
			await fs.mkdir(path.dirname(dest), { recursive: true });
			// Same bytes, same name: renaming over an existing blob (a concurrent put of
			// the same bytes) replaces identical content atomically, so there is never a
			// moment without a complete file at `dest`.
			await fs.rename(tmp, dest);
			await syncDir(path.dirname(dest));
			return { sha256, size };
		} catch (e) {
			// pipeline rejects as soon as a stage fails, possibly before the file stream has
			// finished opening; wait for it to close or the temp file would appear after rm.
			if (!out.closed) await new Promise<void>((r) => out.once('close', () => r()));
			await fs.rm(tmp, { force: true });
			throw e;
		}
	}

	async get(sha256: string, range?: ByteRange): Promise<Readable> {
		const file = this.pathOf(sha256);
		// Open first so a missing blob rejects here rather than as a stream error later.
		const fh = await fs.open(file, 'r');
		return fh.createReadStream(range ? { start: range.start, end: range.end } : {});
	}

	async has(sha256: string): Promise<boolean> {
		return (await this.size(sha256)) !== null;
	}

	async size(sha256: string): Promise<number | null> {
		try {
			return (await fs.stat(this.pathOf(sha256))).size;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw e;
		}
	}

	async delete(sha256: string): Promise<void> {
		await fs.rm(this.pathOf(sha256), { force: true });
	}
}

/** fsync a directory so a rename into it survives a power cut; best effort where unsupported. */
async function syncDir(dir: string): Promise<void> {
	try {
		const fh = await fs.open(dir, 'r');
		try {
			await fh.sync();
		} finally {
			await fh.close();
		}
	} catch {
		// Some platforms cannot fsync a directory; the file itself is already synced.
	}
}

/** Read a whole stream into memory (small things only: heads, tests). */
export async function readAll(stream: Readable): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
	return Buffer.concat(parts);
}

/**
 * Copies every blob of a folder store into another (a backup's files, or back from one),
 * skipping blobs already there: names are content hashes, so a present name is the same
 * bytes. Each copy is hashed on the way and refused if its bytes do not match its name,
 * so a damaged or altered backup cannot plant a file under a hash it does not have.
 */
export async function mirrorBlobs(
	fromRoot: string,
	toRoot: string
): Promise<{ copied: number; present: number; damaged: string[] }> {
	const from = new FolderBlobStore(fromRoot);
	const to = new FolderBlobStore(toRoot);
	const result = { copied: 0, present: 0, damaged: [] as string[] };
	const entries = await fs.readdir(fromRoot, { recursive: true, withFileTypes: true }).catch((e) => {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw e;
	});
	for (const e of entries) {
		if (!e.isFile() || !/^[0-9a-f]{64}$/.test(e.name)) continue;
		if (path.resolve(e.parentPath, e.name) !== from.pathOf(e.name)) continue;
		if (await to.has(e.name)) {
			result.present++;
			continue;
		}
		const put = await to.put(await from.get(e.name));
		if (put.sha256 !== e.name) {
			await to.delete(put.sha256);
			result.damaged.push(e.name);
			continue;
		}
		result.copied++;
	}
	return result;
}
