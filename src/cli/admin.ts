/**
 * `circles admin create <handle> [--promote]`: makes an instance administrator.
 * The passphrase is asked on the terminal with echo off (twice), or read from
 * CIRCLES_PASSPHRASE, or from the first line of standard input when it is not a
 * terminal (scripts, tests). Reserved handles such as "admin" are allowed here and
 * only here. --promote makes an existing account an administrator instead.
 */
import { getDb } from '../lib/server/db';
import { createAdmin } from '../lib/server/accounts/service';
import { CliFailure, CliUsageError, clip, cliTranslator, parseCommandArgs, say } from './output';

export const usage = [
	'usage: circles admin create [--promote] <handle>',
	'',
	'  Creates an instance administrator with this handle and asks for its passphrase',
	'  (or reads CIRCLES_PASSPHRASE, or the first line of standard input when piped).',
	'  --promote   make an existing account an administrator; no passphrase needed'
].join('\n');

/** Reads one line from the terminal without showing what is typed. */
function askHidden(prompt: string): Promise<string | null> {
	const stdin = process.stdin;
	return new Promise((resolve) => {
		// Echo goes off before the prompt shows, so nothing typed after it can appear.
		stdin.setRawMode(true);
		process.stderr.write(prompt);
		let typed = '';
		const done = (value: string | null) => {
			stdin.setRawMode(false);
			stdin.pause();
			stdin.off('data', onData);
			process.stderr.write('\n');
			resolve(value);
		};
		const onData = (chunk: Buffer) => {
			for (const ch of chunk.toString('utf8')) {
				if (ch === '\r' || ch === '\n') return done(typed);
				if (ch === '\u0003' || ch === '\u0004') return done(null); // Ctrl-C, Ctrl-D
				if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
				else if (ch >= ' ') typed += ch;
			}
		};
		stdin.resume();
		stdin.on('data', onData);
	});
}

async function readFirstLine(): Promise<string> {
	let text = '';
	for await (const chunk of process.stdin) {
		text += String(chunk);
		// A passphrase is at most a few kB; stop reading a runaway stream.
		if (text.includes('\n') || text.length > 64 * 1024) break;
	}
	return text.split(/\r?\n/)[0] ?? '';
}

async function passphraseFor(handle: string): Promise<string> {
	const fromEnv = process.env.CIRCLES_PASSPHRASE;
	if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
	if (!process.stdin.isTTY) {
		const line = await readFirstLine();
		if (!line) throw new CliFailure('account_admin_no_passphrase');
		return line;
	}
	const t = cliTranslator();
	const first = await askHidden(t.t('account_admin_prompt', { handle }));
	if (first === null) throw new CliFailure('account_admin_cancelled');
	if (!first) throw new CliFailure('account_admin_no_passphrase');
	const second = await askHidden(t.t('account_admin_prompt_again'));
	if (second === null) throw new CliFailure('account_admin_cancelled');
	if (second !== first) throw new CliFailure('account_passphrase_mismatch');
	return first;
}

export async function run(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	if (sub !== 'create')
		throw new CliUsageError(sub ? `unknown subcommand "${clip(sub)}"` : 'missing subcommand');
	const { values, positionals } = parseCommandArgs(
		rest,
		{ promote: { type: 'boolean' } },
		{ min: 1, max: 1 }
	);
	const handle = positionals[0] ?? '';
	const promote = values.promote === true;
	const db = await getDb();
	const passphrase = promote ? undefined : await passphraseFor(handle);
	const result = await createAdmin(
		{ db, actor: null, addressHash: 'cli', now: () => new Date() },
		{ handle, passphrase, promote, locale: cliTranslator().locale }
	);
	say(result.promoted ? 'account_admin_promoted' : 'account_admin_created', {
		handle: result.account.handle
	});
	return 0;
}
