/**
 * Test-only: the team's hostile inputs (../shared/fixtures/hostile-input), read once.
 */
import fs from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/hostile-input');

/** Every non-empty line of xss.txt: payloads that must stay text wherever they are shown. */
export const xssLines: string[] = fs
	.readFileSync(path.join(FIXTURES, 'xss.txt'), 'utf8')
	.split('\n')
	.filter((l) => l.trim() !== '');
