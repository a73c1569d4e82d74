#!/usr/bin/env node
// The `circles` command. It runs the TypeScript sources through tsx so the CLI and
// the server share one codebase without a second build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
