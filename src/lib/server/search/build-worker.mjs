// A worker thread that turns resources into search documents (documents.ts) for reindexAll,
// so a rebuild analyses text on one core while the main thread writes on the other.
// It registers tsx itself: loader hooks registered in the main thread do not reach workers.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { buildDocument } = await import('./documents.ts');

parentPort.on('message', ({ id, sources }) => {
	try {
		parentPort.postMessage({ id, docs: sources.map(buildDocument) });
	} catch (e) {
		parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
	}
});
parentPort.postMessage({ ready: true });
