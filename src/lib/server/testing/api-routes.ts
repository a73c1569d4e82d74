/**
 * Test-only: where an OpenAPI path's handler lives and which methods it exports, so a
 * feature's api-spec.ts and its +server.ts files cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROUTES = path.resolve(import.meta.dirname, '../../../routes');

export const routeFile = (apiPath: string) =>
	path.join(ROUTES, apiPath.replace(/\{(\w+)\}/g, '[$1]'), '+server.ts');

export const exportedMethods = (file: string) =>
	[...fs.readFileSync(file, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
		(m[1] as string).toLowerCase()
	);
