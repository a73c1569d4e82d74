/**
 * A small HTTP client for the tests that talk to the running server without a
 * browser: JSON API calls with a cookie jar of one session, and form posts the way
 * a browser without JavaScript sends them (urlencoded, with a same-site Origin so
 * SvelteKit's CSRF check lets them through).
 */
import http from 'node:http';
import { expect } from 'vitest';
import { baseURL } from './provided';

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	/** The parsed body when it is JSON (problem+json included), else undefined. */
	json: unknown;
}

export interface Problem {
	type: string;
	title: string;
	status: number;
	errors?: { field: string; message: string }[];
}

export interface RequestOptions {
	method?: string;
	/** A value to send as JSON, or a raw string body sent as it is. */
	json?: unknown;
	body?: string;
	headers?: Record<string, string>;
}

async function answer(res: Response): Promise<Answer> {
	const text = await res.text();
	let json: unknown;
	if (/json/.test(res.headers.get('content-type') ?? '')) {
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** One visitor's conversation with the server: it keeps the session cookie it is given. */
export class Client {
	private cookies = new Map<string, string>();

	constructor(readonly base: string = baseURL()) {}

	private remember(res: Response): void {
		for (const line of res.headers.getSetCookie()) {
			const [pair = ''] = line.split(';');
			const i = pair.indexOf('=');
			if (i < 0) continue;
			const name = pair.slice(0, i).trim();
			const value = pair.slice(i + 1).trim();
			if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	private cookieHeader(): Record<string, string> {
		if (this.cookies.size === 0) return {};
		return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
	}

	async request(path: string, options: RequestOptions = {}): Promise<Answer> {
		const headers: Record<string, string> = { ...this.cookieHeader(), ...options.headers };
		let body = options.body;
		if (options.json !== undefined) {
			body = JSON.stringify(options.json);
			headers['content-type'] ??= 'application/json';
		}
		const res = await fetch(this.base + path, {
			method: options.method ?? (body === undefined ? 'GET' : 'POST'),
			headers,
			body,
			redirect: 'manual'
		});
		this.remember(res);
		return answer(res);
	}

	/**
	 * A request on a connection of its own, closed after. For bodies the server
	 * refuses before reading them (413): the unread rest would poison a kept-alive
	 * connection for the next request.
	 */
	async isolated(
		path: string,
		method: string,
		body: string,
		headers: Record<string, string>
	): Promise<Answer> {
		const url = new URL(this.base + path);
		const res = await new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
			const req = http.request(
				url,
				{ method, agent: false, headers: { ...this.cookieHeader(), ...headers, connection: 'close' } },
				(r) => {
					const chunks: Buffer[] = [];
					r.on('data', (c: Buffer) => chunks.push(c));
					r.on('end', () => {
						const h = new Headers();
						for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') h.set(k, v);
						resolve({ status: r.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8') });
					});
					r.on('error', reject);
				}
			);
			// The server may answer and close before taking the whole body; that is its right.
			req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? undefined : reject(e)));
			req.end(body);
		});
		let json: unknown;
		try {
			json = JSON.parse(res.text);
		} catch {
			json = undefined;
		}
		return { ...res, json };
	}

	/** A form post as a browser without JavaScript makes it. */
	async form(
		path: string,
		fields: Record<string, string>,
		headers: Record<string, string> = {}
	): Promise<Answer> {
		return this.request(path, {
			method: 'POST',
			body: new URLSearchParams(fields).toString(),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.base,
				accept: 'text/html',
				...headers
			}
		});
	}

	async signUpApi(handle: string, passphrase: string, headers: Record<string, string> = {}): Promise<Answer> {
		return this.request('/api/v1/accounts', { json: { handle, passphrase }, headers });
	}

	/** Logs in through the API; the session cookie is kept for the next requests. */
	async logInApi(handle: string, passphrase: string): Promise<void> {
		const res = await this.request('/api/v1/session', { json: { handle, passphrase } });
		expect(res.status, `log in as ${handle}: ${res.text}`).toBe(200);
		expect(this.cookies.size, 'a session cookie after logging in').toBeGreaterThan(0);
	}
}

/** Asserts a refusal: a 4xx (never a 5xx) as problem+json with a human title. */
export function expectProblem(res: Answer, context: string, status?: number): Problem {
	expect(res.status, `${context}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
	expect(res.status, `${context}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
	if (status !== undefined) expect(res.status, `${context}: ${res.text.slice(0, 300)}`).toBe(status);
	expect(res.headers.get('content-type'), context).toMatch(/^application\/problem\+json/);
	const problem = res.json as Problem;
	expect(typeof problem?.title, `${context}: problem title`).toBe('string');
	expect(problem.title.trim().length, `${context}: problem title`).toBeGreaterThan(0);
	expect(problem.status, `${context}: problem status`).toBe(res.status);
	return problem;
}

/** A run-unique suffix, so tests sharing one server never collide on handles or names. */
export function unique(prefix: string): string {
	return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
