// Lint: TypeScript and Svelte recommended rules, plus the architecture's one-way
// dependencies as errors (after Outline): domain imports nothing of the server,
// the database or Svelte; client code never imports server code.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'bench/results/', 'content/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': 'error',
			'no-console': 'off',
			// Links go through the i18n href() (locale prefix), which resolve() does not know.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/lib/domain/**'],
		// Tests beside the domain may read fixtures from disk; the code under test may not.
		ignores: ['src/lib/domain/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['**/server/**', '$lib/server/**'], message: 'domain/ is pure: no server code.' },
						{
							group: ['kysely', 'better-sqlite3', 'pg', 'svelte', 'svelte/*', '@sveltejs/*', '$app/*'],
							message: 'domain/ is pure: no database or framework.'
						},
						{ group: ['node:*', 'fs', 'path', 'http'], message: 'domain/ is pure: no I/O.' }
					]
				}
			]
		}
	},
	{
		files: ['src/lib/client/**', 'src/lib/ui/**', 'src/service-worker.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['**/server/**', '$lib/server/**'], message: 'Browser code cannot import server code.' }
					]
				}
			]
		}
	}
);
