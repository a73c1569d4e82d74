// The folder blob store: content addressing, dedup, crash-safe writes, size limit, ranges.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobTooLargeError, FolderBlobStore, mirrorBlobs, readAll } from './blob-store';
import { chunked, noise } from './test-files';

let root: string;
let blobs: FolderBlobStore;

beforeEach(async () => {
	root = await fs.mkdtemp(path.join(os.tmpdir(), 'circles-blobs-'));
	blobs = new FolderBlobStore(root);
});
afterEach(async () => {
	await fs.rm(root, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('FolderBlobStore', () => {
	it('stores bytes under ab/cd/<sha256> and reads them back', async () => {
		const bytes = Buffer.from('hello circles');
		const put = await blobs.put(bytes);
		expect(put).toEqual({ sha256: sha(bytes), size: bytes.length });
		const file = path.join(root, put.sha256.slice(0, 2), put.sha256.slice(2, 4), put.sha256);
		expect(await fs.readFile(file)).toEqual(bytes);
		expect(await readAll(await blobs.get(put.sha256))).toEqual(bytes);
		expect(await blobs.has(put.sha256)).toBe(true);
		expect(await blobs.size(put.sha256)).toBe(bytes.length);
	});

	it('hashes while streaming chunks', async () => {
		const bytes = noise(10_000);
		const put = await blobs.put(chunked(bytes, 333));
		expect(put.sha256).toBe(sha(bytes));
		expect(put.size).toBe(10_000);
	});

	it('stores the same bytes once', async () => {
		const bytes = Buffer.from('same bytes');
		const a = await blobs.put(bytes);
		const b = await blobs.put(chunked(bytes, 3));
		expect(a).toEqual(b);
		expect(await filesUnder(root)).toHaveLength(1);
	});

	it('survives concurrent puts of the same bytes with one file and no temp left', async () => {
		const bytes = noise(50_000, 3);
		const results = await Promise.all(Array.from({ length: 8 }, () => blobs.put(chunked(bytes, 4096))));
		expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
		const files = await filesUnder(root);
		expect(files).toHaveLength(1);
		expect(await fs.readFile(files[0]!)).toEqual(bytes);
	});

	it('aborts past the size limit and leaves no temp file', async () => {
		const bytes = noise(5000);
		await expect(blobs.put(chunked(bytes, 1000), { maxBytes: 4999 })).rejects.toBeInstanceOf(
			BlobTooLargeError
		);
		await expect(blobs.put(bytes, { maxBytes: 100 })).rejects.toBeInstanceOf(BlobTooLargeError);
		expect(await filesUnder(root)).toEqual([]);
		// Exactly at the limit is allowed.
		await expect(blobs.put(bytes, { maxBytes: 5000 })).resolves.toMatchObject({ size: 5000 });
	});

	it('removes the temp file when the source fails mid-way', async () => {
		async function* failing(): AsyncIterable<Uint8Array> {
			yield Buffer.from('partial');
			throw new Error('connection lost');
		}
		await expect(blobs.put(failing())).rejects.toThrow('connection lost');
		expect(await filesUnder(root)).toEqual([]);
	});

	it('reads an inclusive byte range', async () => {
		const put = await blobs.put(Buffer.from('0123456789'));
		expect((await readAll(await blobs.get(put.sha256, { start: 2, end: 5 }))).toString()).toBe('2345');
		expect((await readAll(await blobs.get(put.sha256, { start: 9, end: 9 }))).toString()).toBe('9');
	});

	it('deletes, and reports missing blobs', async () => {
		const put = await blobs.put(Buffer.from('gone soon'));
		await blobs.delete(put.sha256);
		await blobs.delete(put.sha256);
		expect(await blobs.has(put.sha256)).toBe(false);
		expect(await blobs.size(put.sha256)).toBeNull();
		await expect(blobs.get(put.sha256)).rejects.toThrow();
	});

	it('refuses anything that is not a sha256, so no path can be formed', async () => {
		for (const bad of ['../../etc/passwd', 'AB'.repeat(32), 'a'.repeat(63), '', 'a'.repeat(64) + '/..']) {
			await expect(blobs.get(bad)).rejects.toThrow('not a sha256');
			await expect(blobs.has(bad)).rejects.toThrow('not a sha256');
			await expect(blobs.delete(bad)).rejects.toThrow('not a sha256');
		}
	});
});

describe('mirrorBlobs (backup and restore of attachment files)', () => {
	it('copies what is missing, skips what is there, and refuses bytes that do not match their name', async () => {
		const a = await blobs.put(Buffer.from('first file'));
		const b = await blobs.put(noise(5000));
		const target = path.join(root, 'backup.files');
		expect(await mirrorBlobs(root, target)).toEqual({ copied: 2, present: 0, damaged: [] });
		const copy = new FolderBlobStore(target);
		expect(await readAll(await copy.get(a.sha256))).toEqual(Buffer.from('first file'));
		expect(await copy.has(b.sha256)).toBe(true);
		// A second run has nothing to do (the backup's own folder inside root is not a blob).
		expect(await mirrorBlobs(root, target)).toEqual({ copied: 0, present: 2, damaged: [] });

		// A damaged file in a backup is not restored under a name it no longer deserves.
		await fs.writeFile(copy.pathOf(b.sha256), 'altered');
		const fresh = path.join(root, 'restored');
		const back = await mirrorBlobs(target, fresh);
		expect(back).toEqual({ copied: 1, present: 0, damaged: [b.sha256] });
		expect(await new FolderBlobStore(fresh).has(b.sha256)).toBe(false);
		expect(await filesUnder(path.join(fresh))).toHaveLength(1);
		// A folder that does not exist has nothing to copy.
		expect(await mirrorBlobs(path.join(root, 'nowhere'), fresh)).toEqual({
			copied: 0,
			present: 0,
			damaged: []
		});
	});
});
