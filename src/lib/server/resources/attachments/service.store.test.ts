// The attachments service on both engines: types, limits, quota, alt text, captions, range downloads.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newId } from '../../../domain/ids';
import type { Ctx } from '../../context';
import { describeEachDialect } from '../../db/testing';
import { createLibrary } from '../../libraries/service';
import { createResource } from '../service';
import { buildAccount, domainErrorOf, testCtx } from '../../testing/factories';
import { FolderBlobStore, readAll } from './blob-store';
import {
	addAttachment,
	getAttachment,
	libraryUsage,
	listAttachments,
	listVersionAttachments,
	openDownload,
	setVersionAttachments,
	type AddAttachmentInput,
	type AttachmentDeps
} from './service';
import { chunked, noise, plainText, svgImage, tinyPdf, tinyPng, tinyWav, webVtt } from './test-files';

let root: string;
beforeEach(async () => {
	root = await fs.mkdtemp(path.join(os.tmpdir(), 'circles-attach-'));
});
afterEach(async () => {
	await fs.rm(root, { recursive: true, force: true });
});

function deps(limits: Partial<AttachmentDeps['limits']> = {}): AttachmentDeps {
	return {
		blobs: new FolderBlobStore(root),
		limits: { maxBytes: 100_000, quotaBytes: 1_000_000, ...limits }
	};
}

async function blobFiles(): Promise<string[]> {
	const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
	return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describeEachDialect('attachments service', ({ db }) => {
	async function setup() {
		const actor = await buildAccount(db(), 'amina');
		const ctx = testCtx(db(), actor, { tick: true });
		const library = await createLibrary(ctx, { name: 'Mobilizers' });
		// Attachments belong to a real resource (a foreign key says so).
		const aResource = async (libraryId = library.id) =>
			createResource(ctx, {
				library_id: libraryId,
				language: 'en',
				title: 'A resource with files',
				type: 'handout',
				license: 'CC BY 4.0'
			});
		const first = await aResource();
		const resourceId = first.id;
		const add = (input: Partial<AddAttachmentInput> & Pick<AddAttachmentInput, 'bytes'>, d = deps()) =>
			addAttachment(ctx, { resourceId, libraryId: library.id, fileName: 'file.bin', ...input }, d);
		return { ctx, actor, library, resourceId, versionId: first.version.id, aResource, add };
	}

	it('adds an image with its alternative text and lists it', async () => {
		const { ctx, resourceId, add } = await setup();
		const png = tinyPng();
		const a = await add({
			fileName: 'photo.png',
			bytes: png,
			altText: ' A circle of people talking ',
			title: 'Meeting'
		});
		expect(a).toMatchObject({
			resourceId,
			fileName: 'photo.png',
			size: png.length,
			mediaType: 'image/png',
			kind: 'image',
			altText: 'A circle of people talking',
			title: 'Meeting',
			transcript: null
		});
		expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(await listAttachments(ctx, resourceId)).toEqual([a]);
		expect(await getAttachment(ctx, a.id, { canRead: true })).toEqual(a);
		expect(await blobFiles()).toEqual([a.sha256]);
	});

	it('requires alternative text for images and stores nothing without it', async () => {
		const { add } = await setup();
		for (const altText of [undefined, '', '   ']) {
			const e = await domainErrorOf(add({ fileName: 'photo.png', bytes: tinyPng(), altText }));
			expect(e.kind).toBe('invalid');
			expect(e.fields).toEqual([{ field: 'altText', message: 'attach_alt_required' }]);
		}
		expect(await blobFiles()).toEqual([]);
	});

	it('stores a PDF named .png as a PDF, with a name that says so', async () => {
		const { add } = await setup();
		const a = await add({ fileName: 'x.png', bytes: tinyPdf() });
		expect(a).toMatchObject({
			mediaType: 'application/pdf',
			kind: 'document',
			fileName: 'x.png.pdf',
			altText: null
		});
	});

	it('refuses SVG, random bytes and empty files, leaving no bytes behind', async () => {
		const { add } = await setup();
		const svg = await domainErrorOf(add({ fileName: 'logo.png', bytes: svgImage(), altText: 'logo' }));
		expect(svg.kind).toBe('invalid');
		expect(svg.messageKey).toBe('attach_svg_refused');
		const noiseErr = await domainErrorOf(add({ fileName: 'x.pdf', bytes: chunked(noise(20_000)) }));
		expect(noiseErr.messageKey).toBe('attach_type_refused');
		expect(noiseErr.fields[0]).toMatchObject({ field: 'file', params: { reason: 'unrecognised' } });
		const empty = await domainErrorOf(add({ fileName: 'x.txt', bytes: Buffer.alloc(0) }));
		expect(empty.messageKey).toBe('attach_empty');
		expect(await blobFiles()).toEqual([]);
	});

	it('refuses files over the per-file limit while streaming', async () => {
		const { add } = await setup();
		const e = await domainErrorOf(
			add(
				{ fileName: 'big.txt', bytes: chunked(Buffer.alloc(3 * 1024 * 1024, 'a'), 64 * 1024) },
				deps({ maxBytes: 1024 * 1024 })
			)
		);
		expect(e.kind).toBe('too_large');
		expect(e.messageKey).toBe('attach_too_large');
		expect(e.params).toEqual({ megabytes: 1 });
		expect(await blobFiles()).toEqual([]);
	});

	it('enforces the library quota, counting the same bytes once', async () => {
		const { ctx, library, add, aResource } = await setup();
		const d = deps({ quotaBytes: 3000 });
		const first = Buffer.alloc(2000, 'a');
		await add({ fileName: 'a.txt', bytes: first }, d);
		// The same bytes again, even on another resource, cost nothing more.
		await addAttachment(
			ctx,
			{ resourceId: (await aResource()).id, libraryId: library.id, fileName: 'copy.txt', bytes: first },
			d
		);
		expect(await libraryUsage(ctx, library.id)).toBe(2000);
		const e = await domainErrorOf(add({ fileName: 'b.txt', bytes: Buffer.alloc(1001, 'b') }, d));
		expect(e.kind).toBe('too_large');
		expect(e.messageKey).toBe('attach_quota_exceeded');
		expect(await blobFiles()).toHaveLength(1);
		await add({ fileName: 'c.txt', bytes: Buffer.alloc(1000, 'c') }, d);
		expect(await libraryUsage(ctx, library.id)).toBe(3000);
		// Another library has its own quota; the shared blob is still stored once.
		const other = await createLibrary(ctx, { name: 'Neighbours' });
		await addAttachment(
			ctx,
			{ resourceId: (await aResource(other.id)).id, libraryId: other.id, fileName: 'a.txt', bytes: first },
			d
		);
		expect(await libraryUsage(ctx, other.id)).toBe(2000);
		expect(await blobFiles()).toHaveLength(2);
	});

	it('refuses anonymous uploads and names with nothing left', async () => {
		const { library, add, resourceId } = await setup();
		const anon = testCtx(db(), null);
		const e = await domainErrorOf(
			addAttachment(
				anon,
				{ resourceId, libraryId: library.id, fileName: 'a.txt', bytes: plainText() },
				deps()
			)
		);
		expect(e.kind).toBe('unauthenticated');
		const name = await domainErrorOf(add({ fileName: '\u202e\u0000 ', bytes: plainText() }));
		expect(name.fields).toEqual([{ field: 'fileName', message: 'attach_name_invalid' }]);
	});

	it('keeps hostile names as sanitised text', async () => {
		const { add } = await setup();
		const a = await add({ fileName: '../<script>window.__pwned=1</script>\u202e.txt', bytes: plainText() });
		expect(a.fileName).toBe('_<script>window.__pwned=1<_script>.txt');
	});

	it('links captions and a transcript to audio only', async () => {
		const { ctx, resourceId, add, aResource } = await setup();
		const vtt = await add({ fileName: 'captions.vtt', bytes: webVtt() });
		expect(vtt).toMatchObject({ kind: 'captions', mediaType: 'text/vtt' });
		const audio = await add({
			fileName: 'talk.wav',
			bytes: tinyWav(),
			transcript: 'Welcome to the circle.',
			captionsAttachmentId: vtt.id
		});
		expect(audio).toMatchObject({ kind: 'audio', mediaType: 'audio/wav', captionsAttachmentId: vtt.id });
		expect(audio.transcript).toBe('Welcome to the circle.');

		const onPdf = await domainErrorOf(
			add({ fileName: 'a.pdf', bytes: tinyPdf(), captionsAttachmentId: vtt.id })
		);
		expect(onPdf.fields[0]?.field).toBe('captionsAttachmentId');
		const notCaptions = await domainErrorOf(
			add({ fileName: 't.wav', bytes: tinyWav(), captionsAttachmentId: audio.id })
		);
		expect(notCaptions.messageKey).toBe('attach_captions_invalid');
		const otherResource = await domainErrorOf(
			addAttachment(
				ctx,
				{
					resourceId: (await aResource()).id,
					libraryId: vtt.libraryId,
					fileName: 't.wav',
					bytes: tinyWav(),
					captionsAttachmentId: vtt.id
				},
				deps()
			)
		);
		expect(otherResource.messageKey).toBe('attach_captions_invalid');
		const transcriptOnPdf = await domainErrorOf(
			add({ fileName: 'a.pdf', bytes: tinyPdf(), transcript: 'words' })
		);
		expect(transcriptOnPdf.fields[0]?.field).toBe('transcript');
		expect((await listAttachments(ctx, resourceId)).map((a) => a.id)).toEqual([vtt.id, audio.id]);
	});

	it('lists the attachments of a version in order', async () => {
		const { ctx, add, versionId } = await setup();
		const a = await add({ fileName: 'a.txt', bytes: plainText() });
		const b = await add({ fileName: 'b.pdf', bytes: tinyPdf() });
		await setVersionAttachments(ctx.db.kysely, versionId, [b.id, a.id]);
		expect((await listVersionAttachments(ctx.db.kysely, versionId)).map((x) => x.id)).toEqual([b.id, a.id]);
		await setVersionAttachments(ctx.db.kysely, versionId, [a.id]);
		expect((await listVersionAttachments(ctx.db.kysely, versionId)).map((x) => x.id)).toEqual([a.id]);
	});

	async function download(ctx: Ctx, id: string, req: Partial<Parameters<typeof openDownload>[2]> = {}) {
		const d = await openDownload(ctx, id, { canRead: true, published: true, ...req }, deps());
		return { ...d, bytes: d.body ? await readAll(d.body) : null };
	}

	it('serves the whole file with safe headers', async () => {
		const { ctx, add } = await setup();
		const pdf = tinyPdf();
		const a = await add({ fileName: 'دليل "1".pdf', bytes: pdf });
		const d = await download(ctx, a.id);
		expect(d.status).toBe(200);
		expect(d.bytes).toEqual(pdf);
		expect(d.headers).toEqual({
			'Content-Type': 'application/pdf',
			'Content-Length': String(pdf.length),
			'Accept-Ranges': 'bytes',
			ETag: `"${a.sha256}"`,
			'Cache-Control': 'public, max-age=31536000, immutable',
			'Content-Disposition': `attachment; filename="____ _1_.pdf"; filename*=UTF-8''%D8%AF%D9%84%D9%8A%D9%84%20%221%22.pdf`,
			'X-Content-Type-Options': 'nosniff'
		});
		const draft = await download(ctx, a.id, { published: false, disposition: 'inline' });
		expect(draft.headers['Cache-Control']).toBe('private, no-cache');
		expect(draft.headers['Content-Disposition']).toMatch(/^inline; /);
		const text = await add({ fileName: 'notes.md', bytes: plainText() });
		expect((await download(ctx, text.id)).headers['Content-Type']).toBe('text/markdown; charset=utf-8');
	});

	it('serves byte ranges, 416 and If-Range', async () => {
		const { ctx, add } = await setup();
		const bytes = Buffer.from('0123456789abcdefghij');
		const a = await add({ fileName: 'digits.txt', bytes });

		const part = await download(ctx, a.id, { range: 'bytes=5-9' });
		expect(part.status).toBe(206);
		expect(part.bytes?.toString()).toBe('56789');
		expect(part.headers['Content-Range']).toBe('bytes 5-9/20');
		expect(part.headers['Content-Length']).toBe('5');

		const tail = await download(ctx, a.id, { range: 'bytes=-3' });
		expect(tail.bytes?.toString()).toBe('hij');
		expect(tail.headers['Content-Range']).toBe('bytes 17-19/20');

		const resume = await download(ctx, a.id, { range: 'bytes=15-' });
		expect(resume.bytes?.toString()).toBe('fghij');

		const none = await download(ctx, a.id, { range: 'bytes=20-' });
		expect(none.status).toBe(416);
		expect(none.headers['Content-Range']).toBe('bytes */20');
		expect(none.body).toBeNull();

		const matching = await download(ctx, a.id, { range: 'bytes=0-1', ifRange: `"${a.sha256}"` });
		expect(matching.status).toBe(206);
		expect(matching.bytes?.toString()).toBe('01');

		const changed = await download(ctx, a.id, { range: 'bytes=0-1', ifRange: '"0000"' });
		expect(changed.status).toBe(200);
		expect(changed.bytes).toEqual(bytes);

		const several = await download(ctx, a.id, { range: 'bytes=0-1,4-5' });
		expect(several.status).toBe(200);
		const malformed = await download(ctx, a.id, { range: 'bytes=9-2' });
		expect(malformed.status).toBe(200);
	});

	it('hides attachments the reader may not see', async () => {
		const { ctx, add } = await setup();
		const a = await add({ fileName: 'a.txt', bytes: plainText() });
		for (const p of [
			openDownload(ctx, a.id, { canRead: false, published: false }, deps()),
			getAttachment(ctx, a.id, { canRead: false }),
			openDownload(ctx, newId(), { canRead: true, published: true }, deps())
		]) {
			const e = await domainErrorOf(p);
			expect(e.kind).toBe('not_found');
			expect(e.messageKey).toBe('attach_not_found');
		}
	});
});
