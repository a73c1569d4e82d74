// The programs API description and its endpoints cannot drift apart: every operation has a
// route file exporting its method, every method those files export is described, and every
// route file under /api/v1/programs belongs to some operation.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../http/openapi';
import { exportedMethods, routeFile } from '../testing/api-routes';
import { programsApi } from './api-spec';

describe('programs API description', () => {
	it('has a handler for every operation', () => {
		for (const op of programsApi) {
			const file = routeFile(op.path);
			expect(fs.existsSync(file), `${op.path}: ${file}`).toBe(true);
			expect(exportedMethods(file), `${op.method} ${op.path}`).toContain(op.method);
		}
	});

	it('describes every handler of every route file under /api/v1/programs', () => {
		const dir = path.dirname(routeFile('/api/v1/programs'));
		const files = fs
			.readdirSync(dir, { recursive: true, encoding: 'utf8' })
			.filter((f) => path.basename(f) === '+server.ts')
			.map((f) => path.join(dir, f));
		expect(files.length).toBeGreaterThan(10);
		for (const file of files) {
			const described = programsApi.filter((op) => routeFile(op.path) === file).map((op) => op.method);
			expect(exportedMethods(file).sort(), file).toEqual(described.sort());
		}
	});

	it('documents writes with Idempotency-Key and reads with their query parameters', () => {
		const doc = buildOpenApi(programsApi, '1') as {
			paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: unknown }>>;
		};
		for (const op of programsApi.filter((o) => o.method === 'post'))
			expect(
				doc.paths[op.path]?.post?.parameters?.map((p) => p.name),
				op.path
			).toContain('Idempotency-Key');
		expect(doc.paths['/api/v1/programs']?.get?.parameters?.map((p) => p.name)).toEqual(['page', 'per_page']);
		expect(doc.paths['/api/v1/programs/{id}']?.get?.parameters?.map((p) => p.name)).toEqual([
			'id',
			'version'
		]);
		expect(doc.paths['/api/v1/programs/{id}/diff']?.get?.parameters?.map((p) => p.name)).toEqual([
			'id',
			'from',
			'to'
		]);
		expect(JSON.stringify(doc.paths['/api/v1/programs/{id}/edits']?.post?.requestBody)).toContain(
			'add_resource'
		);
	});
});
