/** The session cookie as routes see it: read it, set it after login, clear it on logout. */
import type { RequestEvent } from '@sveltejs/kit';
import type { SessionRequest, SessionStarted } from './service';
import { SESSION_COOKIE, sessionCookieOptions } from './sessions';

export function currentToken(event: Pick<RequestEvent, 'cookies'>): string | null {
	return event.cookies.get(SESSION_COOKIE) ?? null;
}

export function sessionRequest(event: Pick<RequestEvent, 'cookies' | 'request'>): SessionRequest {
	return { userAgent: event.request.headers.get('user-agent'), currentToken: currentToken(event) };
}

export function setSessionCookie(
	event: Pick<RequestEvent, 'cookies' | 'url'>,
	started: SessionStarted
): void {
	event.cookies.set(SESSION_COOKIE, started.token, sessionCookieOptions(event.url));
}

export function clearSessionCookie(event: Pick<RequestEvent, 'cookies'>): void {
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
}
