/**
 * Loads one language's catalogue, in the parts a route needs (areas.ts), each its own
 * code-split chunk: the browser fetches a part once and caches it (immutable, hashed
 * URL) instead of finding all messages inlined in every page's HTML. The parts are
 * virtual modules cut from messages/<locale>.json at build time (vite.config.ts).
 */
import type { CatalogueArea } from './areas';
import type { Catalogue } from './keys';
import type { Locale } from './locales';

type Part = Exclude<CatalogueArea, 'server'>;
type Loader = () => Promise<{ default: Record<string, unknown> }>;

// Literal specifiers, so the bundler makes one chunk per language and part.
const loaders: Record<Locale, Record<Part, Loader>> = {
	en: {
		core: () => import('virtual:circles-messages/en/core'),
		more: () => import('virtual:circles-messages/en/more')
	},
	ar: {
		core: () => import('virtual:circles-messages/ar/core'),
		more: () => import('virtual:circles-messages/ar/more')
	},
	fr: {
		core: () => import('virtual:circles-messages/fr/core'),
		more: () => import('virtual:circles-messages/fr/more')
	}
};

export async function loadCatalogue(locale: Locale, areas: readonly Part[]): Promise<Catalogue> {
	const parts = await Promise.all(areas.map((a) => loaders[locale][a]()));
	return Object.assign({}, ...parts.map((p) => p.default)) as Catalogue;
}
