/**
 * Calling a route's handler (`GET`, `POST`… of a +server.ts) the way SvelteKit would,
 * without a server: a Request, the route params and the locals hooks.server.ts sets.
 * Test-only; the database is whatever setDb() was given.
 */
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { Actor } from '../context';

export interface CallInit {
	method?: string;
	/** Path and query, e.g. `/api/v1/resources/x?lang=ar`. */
	url: string;
	params?: Record<string, string>;
	actor?: Actor | null;
	/** Sent as JSON (with its Content-Type) unless it is a string, bytes or a stream. */
	json?: unknown;
	body?: string | Uint8Array | ReadableStream<Uint8Array>;
	headers?: Record<string, string>;
}

export interface CallAnswer {
	status: number;
	headers: Headers;
	text: string;
	/** The parsed JSON body (problem+json too), or undefined. */
	json: unknown;
}

export function requestEvent(init: CallInit): RequestEvent {
	const url = new URL(init.url, 'http://localhost');
	const headers: Record<string, string> = { ...init.headers };
	let body: BodyInit | undefined;
	if (init.json !== undefined) {
		headers['content-type'] ??= 'application/json';
		body = JSON.stringify(init.json);
	} else if (init.body !== undefined) {
		body = init.body as BodyInit;
	}
	const request = new Request(url, {
		method: init.method ?? (body === undefined ? 'GET' : 'POST'),
		headers,
		body,
		// Node's fetch needs this for a streamed body.
		...(init.body instanceof ReadableStream ? { duplex: 'half' } : {})
	} as RequestInit);
	return {
		request,
		url,
		params: init.params ?? {},
		locals: { actor: init.actor ?? null, addressHash: 'a'.repeat(64) }
	} as unknown as RequestEvent;
}

export async function callRoute(handler: RequestHandler, init: CallInit): Promise<CallAnswer> {
	const res = await handler(requestEvent(init));
	const text = await res.text();
	let json: unknown;
	try {
		json = text === '' ? undefined : JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** callRoute for a method a route file may not export: a missing handler fails the test by name. */
export function call(handler: RequestHandler | undefined, init: CallInit): Promise<CallAnswer> {
	if (!handler) throw new Error(`no handler for ${init.url}`);
	return callRoute(handler, init);
}

/** The JSON answer parsed with the schema the OpenAPI document publishes, so the document cannot lie. */
export function shaped<S extends z.ZodType>(schema: S, res: CallAnswer, status = 200): z.output<S> {
	expect(res.status, res.text.slice(0, 400)).toBe(status);
	expect(res.headers.get('content-type')).toContain('application/json');
	return schema.parse(res.json);
}
