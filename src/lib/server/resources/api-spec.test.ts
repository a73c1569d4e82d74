// The resources API description and its endpoints cannot drift apart: every operation
// has a route file exporting its method, and every method those files export is described.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../http/openapi';
import { resourcesApi } from './api-spec';

const ROUTES = path.resolve(import.meta.dirname, '../../../routes');
const routeFile = (apiPath: string) => path.join(ROUTES, apiPath.replace(/\{(\w+)\}/g, '[$1]'), '+server.ts');
const exported = (file: string) =>
	[...fs.readFileSync(file, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
		(m[1] as string).toLowerCase()
	);

describe('resources API description', () => {
	it('has a handler for every operation', () => {
		for (const op of resourcesApi) {
			const file = routeFile(op.path);
			expect(fs.existsSync(file), `${op.path}: ${file}`).toBe(true);
			expect(exported(file), `${op.method} ${op.path}`).toContain(op.method);
		}
	});

	it('describes every handler of its route files', () => {
		const files = new Set(resourcesApi.map((op) => routeFile(op.path)));
		for (const file of files) {
			const described = resourcesApi.filter((op) => routeFile(op.path) === file).map((op) => op.method);
			expect(exported(file).sort(), file).toEqual(described.sort());
		}
	});

	it('documents the upload as raw bytes with its parameters in the query', () => {
		const doc = buildOpenApi(resourcesApi, '1') as {
			paths: Record<
				string,
				Record<string, { requestBody?: { content: object }; parameters?: { name: string }[] }>
			>;
		};
		const upload = doc.paths['/api/v1/resources/{id}/attachments']?.post;
		expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(['application/octet-stream']);
		expect(upload?.parameters?.map((p) => p.name)).toEqual(
			expect.arrayContaining(['id', 'attachment_id', 'filename', 'alt_text', 'title', 'Idempotency-Key'])
		);
		const list = doc.paths['/api/v1/libraries/{slug}/resources']?.get;
		expect(list?.parameters?.map((p) => p.name)).toEqual(['slug', 'page', 'per_page', 'theme', 'language']);
	});
});
