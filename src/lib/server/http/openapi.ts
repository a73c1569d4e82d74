/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the endpoints
 * validate with, so the description cannot drift from what the server accepts.
 * Each feature lists its operations in `<feature>/api-spec.ts`; this module only
 * assembles them.
 */
import { z } from 'zod';

export interface ApiOperation {
	method: 'get' | 'post' | 'put' | 'patch' | 'delete';
	/** OpenAPI path with {param} placeholders, e.g. /api/v1/libraries/{slug}. */
	path: string;
	summary: string;
	body?: z.ZodType;
	/** The body is a file sent as is (an upload), not JSON. */
	upload?: boolean;
	query?: z.ZodType;
	response?: z.ZodType;
	auth: boolean;
	/** Creates that accept a client-made id and an Idempotency-Key. */
	idempotent?: boolean;
	/** Status of the successful answer; 200 unless said. */
	status?: number;
}

const problemSchema = {
	type: 'object',
	required: ['type', 'title', 'status'],
	properties: {
		type: { type: 'string' },
		title: { type: 'string', description: 'A human message in the language of the request.' },
		status: { type: 'integer' },
		errors: {
			type: 'array',
			items: {
				type: 'object',
				properties: { field: { type: 'string' }, message: { type: 'string' } }
			}
		}
	}
} as const;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
	const s = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
	delete s.$schema;
	return s;
}

function queryParameters(schema: z.ZodType): unknown[] {
	const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
	return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
		name,
		in: 'query',
		required: s.required?.includes(name) ?? false,
		schema: prop
	}));
}

export function buildOpenApi(operations: ApiOperation[], version: string): Record<string, unknown> {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of operations) {
		const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
			name: m[1],
			in: 'path',
			required: true,
			schema: { type: 'string' }
		}));
		const headers = op.idempotent
			? [
					{
						name: 'Idempotency-Key',
						in: 'header',
						required: false,
						description:
							'Replaying a request with the same key returns the first answer without writing twice.',
						schema: { type: 'string', maxLength: 128 }
					}
				]
			: [];
		const parameters = [...pathParams, ...(op.query ? queryParameters(op.query) : []), ...headers];
		const status = String(op.status ?? 200);
		paths[op.path] ??= {};
		paths[op.path]![op.method] = {
			summary: op.summary,
			...(op.auth ? { security: [{ session: [] }] } : {}),
			...(parameters.length ? { parameters } : {}),
			...(op.body
				? {
						requestBody: {
							required: true,
							content: { 'application/json': { schema: jsonSchema(op.body, 'input') } }
						}
					}
				: {}),
			...(op.upload
				? {
						requestBody: {
							required: true,
							description:
								"The file's bytes. Its Content-Type is not trusted: the server reads the type from the bytes.",
							// OpenAPI 3.1: an empty media type object means any bytes.
							content: { 'application/octet-stream': {} }
						}
					}
				: {}),
			responses: {
				[status]: {
					description: 'Success',
					...(op.response
						? { content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } }
						: {})
				},
				'4XX': {
					description: 'The request cannot be accepted; the title says why, in the request language.',
					content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
				}
			}
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Circles API',
			version,
			description:
				'JSON API of Circles. Errors are application/problem+json with a message in the language of ' +
				'Accept-Language (or ?lang=en|ar|fr). Creates accept a client-made UUIDv7 id and an Idempotency-Key.'
		},
		servers: [{ url: '/' }],
		paths,
		components: {
			schemas: { Problem: problemSchema },
			securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'circles_session' } }
		}
	};
}
