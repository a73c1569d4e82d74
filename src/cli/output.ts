/** CLI output in the person's language (from LC_ALL / LANG), with the same messages as the web UI. */
import type { DomainError } from '../lib/domain/errors';
import { translator } from '../lib/i18n/catalogues';
import { isLocale } from '../lib/i18n/locales';
import type { Translator } from '../lib/i18n/translate';

export function cliTranslator(env: NodeJS.ProcessEnv = process.env): Translator {
	const lang = (env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en').slice(0, 2).toLowerCase();
	return translator(isLocale(lang) ? lang : 'en');
}

export function printDomainError(err: DomainError, t: Translator): void {
	console.error(t.t(err.messageKey, err.params));
	for (const f of err.fields) console.error(`  ${f.field}: ${t.t(f.message, f.params)}`);
}
