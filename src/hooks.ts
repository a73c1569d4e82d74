// Universal hook: `/ar/…` and `/fr/…` route to the same pages as `/…`; the
// language is read from the URL in hooks.server.ts, not from the route tree.
import type { Reroute } from '@sveltejs/kit';
import { delocalize } from '$lib/i18n/locales';

export const reroute: Reroute = ({ url }) => delocalize(url.pathname).path;
