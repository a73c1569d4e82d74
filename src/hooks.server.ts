/**
 * Every request: pick the language from the URL, find the signed-in account from
 * the session cookie, add security headers, and set <html lang dir>.
 */
import { createHash } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { translator } from '$lib/i18n/catalogues';
import { delocalize, localeInfo } from '$lib/i18n/locales';
import { apiLocale } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, resolveSession } from '$lib/server/accounts/sessions';
import { log } from '$lib/server/log';
// Features that plug into account deletion and "download my data" register on import.
import '$lib/server/libraries/register';

export const init: ServerInit = async () => {
	await getDb();
};

const securityHeaders: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	// Not no-referrer: Chromium then sends Origin: null on form posts and SvelteKit refuses them.
	// same-origin still never tells another site where a reader came from.
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()'
};

export const handle: Handle = async ({ event, resolve }) => {
	const isApi = event.url.pathname.startsWith('/api/');
	const locale = isApi ? apiLocale(event) : delocalize(event.url.pathname).locale;
	event.locals.locale = locale;
	event.locals.t = translator(locale);
	let address = 'unknown';
	try {
		address = event.getClientAddress();
	} catch {
		// Behind some proxies the address is not known; rate limits then share one bucket.
	}
	event.locals.addressHash = createHash('sha256')
		.update('circles:' + address)
		.digest('hex');
	event.locals.actor = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const db = await getDb();
		event.locals.actor = await resolveSession(db, token, new Date());
		if (!event.locals.actor) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	}

	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%circles.lang%', locale).replace('%circles.dir%', localeInfo[locale].dir)
	});
	for (const [k, v] of Object.entries(securityHeaders)) response.headers.set(k, v);
	if (event.url.protocol === 'https:') {
		response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	}
	if (event.locals.actor && !isApi) response.headers.set('cache-control', 'private, no-store');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	// Client mistakes (4xx) are answered, not logged: only our own failures need a stack.
	if (status >= 500) log.error('page', error);
	const t = event.locals.t ?? translator('en');
	return { message: status === 404 ? t.t('error_not_found') : t.t('error_server') };
};
