/**
 * CLI output in the person's language (from LC_ALL / LANG), with the same messages as
 * the web UI, and the two kinds of expected failure a command may throw: a usage
 * error (exit 2, with the command's usage) and a translated one-line failure (exit 1).
 * Usage text itself stays in English: it is command syntax, like the command names.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DomainError } from '../lib/domain/errors';
import { translator } from '../lib/i18n/catalogues';
import type { MessageKey, MessageParams } from '../lib/i18n/keys';
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

/** Prints one translated line to stdout (or stderr for explanations of a refusal). */
export function say(key: MessageKey, params: MessageParams = {}, stream: 'out' | 'err' = 'out'): void {
	const line = cliTranslator().t(key, params);
	if (stream === 'out') console.log(line);
	else console.error(line);
}

/** The command was called wrongly: main prints the reason and the command's usage, exit 2. */
export class CliUsageError extends Error {}

/** An expected failure of a CLI-only concern (a port in use, no build): one translated line, exit 1. */
export class CliFailure extends Error {
	constructor(
		readonly messageKey: MessageKey,
		readonly params: MessageParams = {}
	) {
		super(messageKey);
		this.name = 'CliFailure';
	}
}

/**
 * Strict argument parsing: unknown options and extra words are usage errors, never
 * ignored, so a typo such as `--froce` cannot silently do the unsafe thing.
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
	args: string[],
	options: O,
	positionals: { min: number; max: number }
) {
	let parsed;
	try {
		parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
	} catch (err) {
		const code = (err as { code?: string }).code;
		if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
			const known = new Set(
				Object.entries(options).flatMap(([name, o]) => (o.short ? [name, o.short] : [name]))
			);
			const bad = args.find(
				(a) => a.startsWith('-') && a !== '--' && !known.has(a.replace(/^--?/, '').split('=')[0] ?? '')
			);
			throw new CliUsageError(
				`unknown option "${clip(bad ?? '')}" (put a file name that starts with "-" after "--")`
			);
		}
		throw new CliUsageError(clip(err instanceof Error ? err.message : String(err), 200));
	}
	const n = parsed.positionals.length;
	if (n < positionals.min) throw new CliUsageError(n === 0 ? 'missing argument' : 'too few arguments');
	if (n > positionals.max)
		throw new CliUsageError(`unexpected argument "${clip(parsed.positionals[positionals.max] ?? '')}"`);
	return parsed;
}

/** Shortens and de-controls an argument before echoing it in a usage error. */
export function clip(value: string, max = 80): string {
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	const safe = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
	return safe.length > max ? safe.slice(0, max - 3) + '...' : safe;
}
