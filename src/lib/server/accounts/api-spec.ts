/**
 * The accounts operations of the JSON API, for the OpenAPI document
 * (server/http/openapi.ts assembles every feature's list).
 */
import type { ApiOperation } from '../http/openapi';
import {
	accountCreated,
	accountExport,
	loggedOut,
	loginBody,
	me,
	sessionStarted,
	signupBody
} from './schemas';

export type { ApiOperation };

export const accountOperations: ApiOperation[] = [
	{
		method: 'post',
		path: '/api/v1/accounts',
		summary:
			'Sign up with a pseudonymous handle and a passphrase. Replaying the same client id with the same handle returns the same account.',
		body: signupBody,
		response: accountCreated,
		auth: false,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/accounts/me',
		summary: 'The signed-in account.',
		response: me,
		auth: true
	},
	{
		method: 'get',
		path: '/api/v1/accounts/me/export',
		summary: 'Download my data: everything stored about the signed-in account.',
		response: accountExport,
		auth: true
	},
	{
		method: 'post',
		path: '/api/v1/session',
		summary:
			'Log in: sets the circles_session cookie. Limited to 5 failures per handle and 20 per address in 15 minutes (429 with Retry-After).',
		body: loginBody,
		response: sessionStarted,
		auth: false
	},
	{
		method: 'delete',
		path: '/api/v1/session',
		summary: 'Log out: ends this session and clears the cookie.',
		response: loggedOut,
		auth: false
	}
];
