/**
 * Loads one language's catalogue as its own code-split chunk. The browser fetches
 * it once and caches it (immutable, hashed URL) instead of finding all messages
 * inlined in every page's HTML.
 */
import type { Catalogue } from './keys';
import type { Locale } from './locales';

const loaders: Record<Locale, () => Promise<{ default: unknown }>> = {
	en: () => import('../../../messages/en.json'),
	ar: () => import('../../../messages/ar.json'),
	fr: () => import('../../../messages/fr.json')
};

export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
	return (await loaders[locale]()).default as Catalogue;
}
