/**
 * The programs feature's JSON operations, for the OpenAPI document. Bodies and queries are
 * the very schemas the endpoints validate with. Reads follow visibility: public and unlisted
 * programs are readable by anyone who has the id, private ones only by their co-authors
 * and invitees (404 to everyone else, never listed or counted); every co-author may write.
 */
import { z } from 'zod';
import type { ApiOperation } from '../http/openapi';
import {
	attributionsOut,
	historyOut,
	invitationOut,
	licenceOut,
	okOut,
	programDiffOut,
	programDiffQuery,
	programListQuery,
	programOut,
	programPageOut,
	programSummaryOut,
	programVersionsOut,
	programViewQuery,
	takeOut,
	upstreamOut
} from './api-schemas';
import {
	createProgramBody,
	editProgramBody,
	forkBody,
	inviteBody,
	saveProgramBody,
	takeUpstreamBody,
	visibilityBody
} from './schemas';

export const programsApi: ApiOperation[] = [
	{
		method: 'get',
		path: '/api/v1/programs',
		summary: 'Public programs, most recently changed first (private and unlisted ones are never listed)',
		query: programListQuery,
		response: programPageOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/programs',
		summary:
			"Create a program (private unless said); with template: true it starts from its format's sessions, written in `locale`",
		body: createProgramBody,
		response: programOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/programs/mine',
		summary: 'The programs you co-author, whatever their visibility',
		response: z.array(programSummaryOut),
		auth: true
	},
	{
		method: 'get',
		path: '/api/v1/programs/invitations',
		summary: 'The co-author invitations waiting for you',
		response: z.array(invitationOut),
		auth: true
	},
	{
		method: 'get',
		path: '/api/v1/programs/{id}',
		summary:
			'A program: its head, or ?version=N; with its resources as you may see them, timings and remixes',
		query: programViewQuery,
		response: programOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/edits',
		summary:
			'One edit as a new version (co-authors): edit_program, set_layout, add/edit/remove/move/duplicate a session, add_item, add_resource (pinned or following the latest), edit/remove/move an item',
		body: editProgramBody,
		response: programOut,
		auth: true,
		idempotent: true
	},
	{
		method: 'get',
		path: '/api/v1/programs/{id}/versions',
		summary: 'The versions, newest first, with who saved each',
		response: programVersionsOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/versions',
		summary:
			'Save a whole content made on base_version_id (co-authors). Changes saved since are merged in; overlapping ones answer 409 with the conflicting units (session:<id>, item:<id>, program) as errors, and nothing is written',
		body: saveProgramBody,
		response: programOut,
		auth: true,
		idempotent: true
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/visibility',
		summary: 'Make the program private, unlisted (anyone with the link) or public (co-authors)',
		body: visibilityBody,
		response: programOut,
		auth: true,
		idempotent: true
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/invitations',
		summary: 'Invite a co-author by handle (any co-author); inviting again changes nothing',
		body: inviteBody,
		response: invitationOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/invitations/accept',
		summary: 'Accept your invitation: you become a co-author, equal to the others',
		response: programOut,
		auth: true,
		idempotent: true
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/invitations/decline',
		summary: 'Decline your invitation',
		response: okOut,
		auth: true,
		idempotent: true
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/leave',
		summary: 'Stop being a co-author (the last one may not leave a public or unlisted program: 409)',
		response: okOut,
		auth: true,
		idempotent: true
	},
	{
		method: 'get',
		path: '/api/v1/programs/{id}/history',
		summary: 'Who changed what, newest first',
		response: historyOut,
		auth: false
	},
	{
		method: 'get',
		path: '/api/v1/programs/{id}/diff',
		summary: 'What changed between two version numbers, by session and item',
		query: programDiffQuery,
		response: programDiffOut,
		auth: false
	},
	{
		method: 'get',
		path: '/api/v1/programs/{id}/remixes',
		summary: 'The remixes of this program you may know of (public ones and your own)',
		response: z.array(programSummaryOut),
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/remixes',
		summary:
			'Remix a version (the newest unless `version` is given) into a new private program of yours, remembering where it came from',
		body: forkBody,
		response: programOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/programs/{id}/upstream',
		summary:
			"For a remix: what changed upstream since it was made (or each part last taken), by session, each change clean or in conflict with the remix's own edits",
		response: upstreamOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/programs/{id}/upstream',
		summary:
			'Take upstream changes into a remix (co-authors), by session, by item or the program fields, as one new version; conflicts are settled by `prefer` or reported and left alone',
		body: takeUpstreamBody,
		response: takeOut,
		auth: true,
		idempotent: true
	},
	{
		method: 'get',
		path: '/api/v1/programs/{id}/licence',
		summary:
			"Each component's licence, what the program as delivered carries (an NC component makes it NC; SA and ND parts keep their own) and real conflicts",
		response: licenceOut,
		auth: false
	},
	{
		method: 'get',
		path: '/api/v1/programs/{id}/attributions',
		summary: 'Full attribution (title, authors, source, licence, changes) for every component you may see',
		response: attributionsOut,
		auth: false
	}
];
