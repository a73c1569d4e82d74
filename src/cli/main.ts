/**
 * `circles <command>`: dispatches to one module per command. Every command returns
 * an exit code; errors meant for people are printed as one clear line, never a stack.
 */
import { isDomainError } from '../lib/domain/errors';
import { closeDb } from '../lib/server/db';
import { CliFailure, CliUsageError, clip, cliTranslator, printDomainError } from './output';

export { CliUsageError } from './output';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<{ run: Command; usage: string }>> = {
	serve: () => import('./serve'),
	seed: () => import('./seed'),
	migrate: () => import('./migrate'),
	backup: () => import('./backup'),
	restore: () => import('./restore'),
	admin: () => import('./admin'),
	import: () => import('./import'),
	export: () => import('./export'),
	reindex: () => import('./reindex'),
	check: () => import('./check')
};

function help(): string {
	return [
		'usage: circles <command> [options]',
		'',
		'commands:',
		'  serve                       migrate, seed an empty database, and serve the app',
		'  migrate                     apply pending database migrations',
		'  seed                        load the demo library into an empty database',
		'  admin create <handle>       make an instance administrator (asks for a passphrase;',
		'                              --promote makes an existing account one)',
		'  backup [--force] <file>     write a consistent snapshot of the SQLite database (online)',
		'  restore <file>              replace the SQLite database with a Circles backup',
		'                              (stop the server first; the old database is kept)',
		'  import <dir> --library <slug>',
		'                              import a folder of Markdown resources (creates the library)',
		'  export <dir> --library <slug> [--force]',
		'                              write a library as a folder of Markdown resources',
		'  reindex                     rebuild the search index from the published resources',
		'  check                       report drift between the search index and the resources',
		'                              (exit 1 when they differ)',
		'',
		'environment: PORT, HOST, DATA_DIR, DATABASE_URL (see README.md)'
	].join('\n');
}

export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name) {
		console.error(help());
		return 2;
	}
	if (name === 'help' || name === '--help' || name === '-h') {
		console.log(help());
		return 0;
	}
	// hasOwn: `circles constructor` must be an unknown command, not Object.prototype's.
	const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
	if (!load) {
		console.error(`circles: unknown command "${clip(name)}"\n\n${help()}`);
		return 2;
	}
	const command = await load();
	try {
		return await command.run(rest);
	} catch (err) {
		if (isDomainError(err)) {
			printDomainError(err, cliTranslator());
			return 1;
		}
		if (err instanceof CliFailure) {
			console.error(cliTranslator().t(err.messageKey, err.params));
			return 1;
		}
		if (err instanceof CliUsageError) {
			console.error(`circles ${name}: ${err.message}\n\n${command.usage}`);
			return 2;
		}
		console.error(`circles ${name}: ${err instanceof Error ? err.message : String(err)}`);
		return 1;
	} finally {
		if (name !== 'serve') await closeDb();
	}
}
