/**
 * What the resource form pages share on the server: the themes to tick, the file a
 * multipart form carries turned into the service's Upload, and a refusal while loading a
 * page turned into a translated error page (or the login page for someone not signed in).
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { isDomainError } from '../../domain/errors';
import { config } from '../config';
import type { Ctx } from '../context';
import { loginHref } from '../http/forms';
import { statusOf } from '../http/problem';
import type { Upload } from './attachments/service';
import type { UploadFormText } from './schemas';
import { listThemes } from './service';

/** The taxonomy as the form's checkboxes take it: key and label in the reader's language, nothing more. */
export async function themeChoices(
	ctx: Pick<Ctx, 'db'>,
	locale: string
): Promise<{ key: string; label: string }[]> {
	return (await listThemes(ctx, locale)).map(({ key, label }) => ({ key, label }));
}

/**
 * The form's one file, or none. A form with no file chosen still sends an empty part
 * with no name; a chosen file that is empty keeps its name and gets the service's
 * "this file is empty".
 */
export async function uploadsFromForm(data: FormData, text: UploadFormText): Promise<Upload[]> {
	const file = data.get('file');
	if (!file || typeof file === 'string' || file.name === '') return [];
	return [
		{
			fileName: file.name,
			bytes: new Uint8Array(await file.arrayBuffer()),
			altText: text.altText ?? null,
			title: text.title ?? null,
			transcript: text.transcript ?? null
		}
	];
}

/** The attachment limit in MB, one decimal, for the form's hint. */
export function maxUploadMegabytes(): number {
	return Math.round((config().attachmentMaxBytes / (1024 * 1024)) * 10) / 10;
}

/**
 * Rethrows a load's failure as the page to show: not signed in → the login page (coming
 * back here); a domain refusal → its status with the message in the page's language;
 * anything else stays a server error.
 */
export function pageFailure(event: RequestEvent, e: unknown): never {
	if (!isDomainError(e)) throw e;
	if (e.kind === 'unauthenticated') redirect(303, loginHref(event, event.url.pathname + event.url.search));
	// Someone not signed in may be a member who has not logged in yet: a hidden draft
	// answers "not found" to them, so offer the login page instead.
	if (e.kind === 'not_found' && !event.locals.actor) {
		redirect(303, loginHref(event, event.url.pathname + event.url.search));
	}
	error(statusOf[e.kind], event.locals.t.t(e.messageKey, e.params));
}
