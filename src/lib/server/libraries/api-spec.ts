/**
 * The libraries feature's JSON operations, for the OpenAPI document. The bodies
 * and queries are the very schemas the endpoints validate with.
 */
import type { ApiOperation } from '../http/openapi';
import {
	addMemberBody,
	changeRoleBody,
	createLibraryBody,
	libraryDetailOut,
	libraryOut,
	libraryPageOut,
	listQuery,
	memberOut,
	suspendBody
} from './schemas';

export const librariesApi: ApiOperation[] = [
	{
		method: 'get',
		path: '/api/v1/libraries',
		summary: 'List libraries, newest first (suspended ones included, marked as such)',
		query: listQuery,
		response: libraryPageOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/libraries',
		summary: 'Create a library; the caller becomes its first curator',
		body: createLibraryBody,
		response: libraryOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/libraries/{slug}',
		summary: 'A library with its members',
		response: libraryDetailOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/libraries/{slug}/members',
		summary: 'Add a member by handle (curators only)',
		body: addMemberBody,
		response: memberOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'patch',
		path: '/api/v1/libraries/{slug}/members/{handle}',
		summary: "Change a member's role (curators only; a library keeps at least one curator)",
		body: changeRoleBody,
		response: memberOut,
		auth: true
	},
	{
		method: 'delete',
		path: '/api/v1/libraries/{slug}/members/{handle}',
		summary: 'Remove a member (curators), or leave when the handle is your own',
		response: libraryDetailOut,
		auth: true
	},
	{
		method: 'post',
		path: '/api/v1/libraries/{slug}/suspension',
		summary: 'Suspend a library with a public reason (instance administrator)',
		body: suspendBody,
		response: libraryOut,
		auth: true
	},
	{
		method: 'delete',
		path: '/api/v1/libraries/{slug}/suspension',
		summary: "Lift a library's suspension (instance administrator)",
		response: libraryOut,
		auth: true
	}
];
