/**
 * Which messages a page's browser needs. The catalogue has grown with every feature, and
 * the first visit (the home page) must stay inside its data budget (60 KB compressed, on
 * expensive prepaid data), so the browser's catalogue comes in parts:
 *
 * - `core`: the shell (header, footer, language switcher, skip link, errors, pagination),
 *   the home page, accounts and libraries: what the pages in CORE_ROUTES use.
 * - `more`: every other page's messages (resources, search, translations, programs…),
 *   loaded with core on any other route. Both parts are cached, immutable chunks.
 * - `server`: messages only the CLI and the server print (never sent to a browser).
 *
 * The server itself always has every message (catalogues.ts). A unit test scans the core
 * routes and the UI kit for the keys they use and checks each is in `core`.
 */

export type CatalogueArea = 'core' | 'more' | 'server';

/** Message families (key prefixes) the core pages use. */
const CORE_PREFIXES = [
	'account_',
	'app_',
	'dialog_',
	'error_',
	'field_',
	'footer_',
	'form_',
	'home_',
	'language_',
	'library_',
	'nav_',
	'pagination_',
	'signed_',
	'skip_',
	'ui_'
];

/** Single keys from other families that the shell (the header) uses on every page. */
const CORE_KEYS = new Set([
	'read_nav_themes',
	'search_header_label',
	'search_header_landmark',
	'search_submit'
]);

/** Families printed only by the CLI or the server: no page renders them in a browser. */
const SERVER_PREFIXES = ['backup_', 'cli_', 'transfer_', 'search_cli_'];

/** Route ids whose pages need only the core messages (null, the error page, gets everything). */
export const CORE_ROUTES: ReadonlySet<string> = new Set([
	'/',
	'/login',
	'/signup',
	'/logout',
	'/account',
	'/account/passphrase',
	'/account/delete',
	'/account/deleted',
	'/admin',
	'/libraries',
	'/libraries/new'
]);

export function areaOfKey(key: string): CatalogueArea {
	if (SERVER_PREFIXES.some((p) => key.startsWith(p))) return 'server';
	if (CORE_KEYS.has(key) || CORE_PREFIXES.some((p) => key.startsWith(p))) return 'core';
	return 'more';
}

/** The parts of the catalogue a route's pages need in the browser. */
export function areasFor(routeId: string | null): ('core' | 'more')[] {
	return routeId !== null && CORE_ROUTES.has(routeId) ? ['core'] : ['core', 'more'];
}
