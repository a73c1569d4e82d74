// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/i18n/locales';
import type { Translator } from '$lib/i18n/translate';
import type { Actor } from '$lib/server/context';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			t: Translator;
			actor: Actor | null;
			/** sha256 of the client address; the raw address is never stored or logged. */
			addressHash: string;
		}
		interface Error {
			message: string;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
