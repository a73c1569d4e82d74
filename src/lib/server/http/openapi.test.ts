import { describe, expect, it } from 'vitest';
import { apiOperations } from '../api-operations';
import { buildOpenApi } from './openapi';

describe('OpenAPI document', () => {
	const doc = buildOpenApi(apiOperations, '1') as {
		openapi: string;
		paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string }[] }>>;
	};

	it('is OpenAPI 3.1 and lists every operation the features declare', () => {
		expect(doc.openapi).toBe('3.1.0');
		for (const op of apiOperations)
			expect(doc.paths[op.path]?.[op.method], `${op.method} ${op.path}`).toBeDefined();
	});

	it('describes request bodies from the same zod schemas the endpoints validate with', () => {
		const create = doc.paths['/api/v1/libraries']?.post;
		expect(JSON.stringify(create?.requestBody)).toContain('"name"');
		expect(create?.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
	});

	it('declares every path parameter', () => {
		for (const [path, ops] of Object.entries(doc.paths)) {
			const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
			for (const op of Object.values(ops)) {
				for (const n of names) expect(op.parameters?.map((p) => p.name)).toContain(n);
			}
		}
	});
});
