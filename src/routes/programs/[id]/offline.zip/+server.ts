/**
 * The offline copy of a program as one zip download (pages, resource bodies, files).
 * Private programs are not found for anyone but their co-authors.
 */
import { error } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { ctxFromEvent } from '$lib/server/http/api';
import { offlineZip } from '$lib/server/programs/offline-zip';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const tr = event.locals.t;
	try {
		const zip = await offlineZip(await ctxFromEvent(event), event.params.id, tr, event.url.origin);
		return new Response(zip.body, {
			headers: {
				'Content-Type': 'application/zip',
				'Content-Disposition': `attachment; filename="${zip.fileName}"`,
				'Cache-Control': 'private, no-cache',
				'X-Content-Type-Options': 'nosniff'
			}
		});
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') error(404, tr.t('program_not_found'));
		throw e;
	}
};
