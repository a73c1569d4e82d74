/**
 * Builds search documents for a rebuild, on a worker thread when one can be had (the CLI and
 * the benchmark run the TypeScript sources, so build-worker.mjs sits beside this file), and in
 * this thread otherwise (a bundle, a worker that fails to start or dies). Analysing text is
 * about half of a rebuild's time; on a worker it overlaps with the writes (100k resources on
 * two cores, see bench/README.md). One worker only: the other core keeps serving.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildDocument, type BuiltDocument, type SourceRow } from './documents';

export interface DocumentBuilder {
	build(sources: SourceRow[]): Promise<BuiltDocument[]>;
	close(): Promise<void>;
}

/** Builds in this thread. */
export const inProcessBuilder: DocumentBuilder = {
	build: async (sources) => sources.map(buildDocument),
	close: async () => {}
};

type Reply = { ready: true } | { id: number; docs: BuiltDocument[] } | { id: number; error: string };

/** A builder on a worker thread, or the in-process one when no worker can be started. */
export async function documentBuilder(): Promise<DocumentBuilder> {
	// Computed at run time so that a bundler leaves it alone; absent from a bundle.
	const script = fileURLToPath(new URL('./build-worker.mjs', import.meta.url));
	// Only where the TypeScript sources run (the worker imports documents.ts through tsx).
	if (!import.meta.url.endsWith('.ts') || !fs.existsSync(script)) return inProcessBuilder;
	let worker: Worker;
	try {
		worker = new Worker(script);
	} catch {
		return inProcessBuilder;
	}
	const waiting = new Map<number, { resolve: (d: BuiltDocument[]) => void; reject: (e: Error) => void }>();
	let failed: Error | null = null;
	const fail = (e: Error) => {
		failed = e;
		for (const w of waiting.values()) w.reject(e);
		waiting.clear();
	};
	const ready = new Promise<boolean>((resolve) => {
		worker.on('message', (m: Reply) => {
			if ('ready' in m) return resolve(true);
			const w = waiting.get(m.id);
			waiting.delete(m.id);
			if ('error' in m) w?.reject(new Error(m.error));
			else w?.resolve(m.docs);
		});
		worker.on('error', (e) => {
			resolve(false);
			fail(e);
		});
		worker.on('exit', (code) => {
			resolve(false);
			fail(new Error(`search document worker exited (${code})`));
		});
	});
	if (!(await ready)) {
		await worker.terminate();
		return inProcessBuilder;
	}
	let next = 0;
	return {
		// A worker that dies mid-rebuild leaves the rest to this thread: the rebuild still completes.
		build: (sources) =>
			failed
				? inProcessBuilder.build(sources)
				: new Promise<BuiltDocument[]>((resolve, reject) => {
						const id = next++;
						waiting.set(id, { resolve, reject });
						worker.postMessage({ id, sources });
					}).catch(() => inProcessBuilder.build(sources)),
		close: async () => {
			worker.removeAllListeners('exit');
			await worker.terminate();
		}
	};
}
