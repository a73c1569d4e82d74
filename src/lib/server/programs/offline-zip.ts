/**
 * The offline copy as a zip, streamed: the pages (built by offline.ts from what this viewer
 * may see) deflated, then each attachment's bytes passed through as they are read from the
 * blob store (files are mostly compressed already), so a program with large files never
 * sits whole in memory. Everything the viewer may not see was left out before the first byte.
 */
import { Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import type { Translator } from '../../i18n/translate';
import type { Ctx } from '../context';
import { downloadAttachment } from '../resources/reading';
import { buildOfflineSite } from './offline';
import { programOutputs } from './outputs';

export interface OfflineZip {
	fileName: string;
	body: ReadableStream<Uint8Array>;
}

export async function offlineZip(ctx: Ctx, id: string, tr: Translator, origin: string): Promise<OfflineZip> {
	const { program, resources } = await programOutputs(ctx, id);
	const site = buildOfflineSite({
		program: {
			id: program.id,
			content: program.content,
			authors: program.authors.map((a) => a.handle),
			version_number: program.version.number,
			forked_from: program.forked_from
		},
		resources,
		origin,
		tr
	});

	async function* bytes(): AsyncGenerator<Uint8Array> {
		const ready: Uint8Array[] = [];
		let failure: Error | null = null;
		const zip = new Zip((err, chunk) => {
			if (err) failure = err;
			else ready.push(chunk);
		});
		function* drain() {
			if (failure) throw failure;
			while (ready.length > 0) yield ready.shift()!;
		}
		for (const page of site.pages) {
			const file = new ZipDeflate(`${site.root}/${page.path}`, { level: 6 });
			zip.add(file);
			file.push(strToU8(page.html), true);
			yield* drain();
		}
		for (const f of site.files) {
			const download = await downloadAttachment(ctx, f.attachment_id, { download: true });
			const file = new ZipPassThrough(`${site.root}/${f.path}`);
			zip.add(file);
			if (download.body) {
				for await (const chunk of download.body as AsyncIterable<Uint8Array>) {
					file.push(chunk);
					yield* drain();
				}
			}
			file.push(new Uint8Array(0), true);
			yield* drain();
		}
		zip.end();
		yield* drain();
	}

	return {
		fileName: `${site.root}.zip`,
		body: Readable.toWeb(Readable.from(bytes())) as ReadableStream<Uint8Array>
	};
}
