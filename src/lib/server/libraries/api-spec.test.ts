import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../http/openapi';
import { librariesApi } from './api-spec';

describe('libraries API description', () => {
	it('turns every operation into OpenAPI from the validating schemas', () => {
		const doc = buildOpenApi(librariesApi, 'test') as {
			paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string }[] }>>;
		};
		expect(Object.keys(doc.paths).sort()).toEqual([
			'/api/v1/libraries',
			'/api/v1/libraries/{slug}',
			'/api/v1/libraries/{slug}/members',
			'/api/v1/libraries/{slug}/members/{handle}',
			'/api/v1/libraries/{slug}/suspension'
		]);
		const create = doc.paths['/api/v1/libraries']!.post!;
		expect(JSON.stringify(create.requestBody)).toContain('"name"');
		expect(create.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
		expect(doc.paths['/api/v1/libraries']!.get!.parameters?.map((p) => p.name)).toEqual(['page', 'per_page']);
	});
});
