/**
 * The resources feature's JSON operations, for the OpenAPI document. Bodies and
 * queries are the very schemas the endpoints validate with. Reads of published
 * resources are public; members of a resource's library also see its drafts.
 */
import { z } from 'zod';
import type { ApiOperation } from '../http/openapi';
import {
	attachmentOut,
	attributionOut,
	diffOut,
	diffQuery,
	openRequestsQuery,
	publishBody,
	requestOut,
	resourceListQuery,
	resourceOut,
	resourcePageOut,
	resourceViewQuery,
	themeOut,
	translationsOut,
	uploadQuery,
	versionOut,
	versionSummaryOut
} from './api-schemas';
import {
	adaptResourceBody,
	addThemeBody,
	createResourceBody,
	createTranslationBody,
	restoreVersionBody,
	saveVersionBody,
	translationRequestBody
} from './schemas';

export const resourcesApi: ApiOperation[] = [
	{
		method: 'get',
		path: '/api/v1/libraries/{slug}/resources',
		summary: "A library's published resources, most recently changed first; filter by theme and language",
		query: resourceListQuery,
		response: resourcePageOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/resources',
		summary: 'Create a resource in a library you belong to; a curator may publish it at once',
		body: createResourceBody,
		response: resourceOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/resources/{id}',
		summary:
			'A resource: its published version for everyone, its newest for members (?as=reader: as the public)',
		query: resourceViewQuery,
		response: resourceOut,
		auth: false
	},
	{
		method: 'get',
		path: '/api/v1/resources/{id}/versions',
		summary: 'The history, newest first; readers see published versions only',
		response: z.array(versionSummaryOut),
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/resources/{id}/versions',
		summary:
			"Save a new version: a contributor's is a draft, a curator's may be published; attachment_ids names the files it carries",
		body: saveVersionBody,
		response: versionOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/versions/{id}',
		summary: 'One version (drafts for members only)',
		response: versionOut,
		auth: false
	},
	{
		method: 'get',
		path: '/api/v1/resources/{id}/diff',
		summary: 'A readable diff between two versions of the resource',
		query: diffQuery,
		response: diffOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/resources/{id}/publish',
		summary: 'Publish a version, the newest when none is named (curators); publishing again changes nothing',
		body: publishBody,
		response: resourceOut,
		auth: true
	},
	{
		method: 'post',
		path: '/api/v1/resources/{id}/unpublish',
		summary: 'Take the resource out of public view (curators); its versions stay',
		response: resourceOut,
		auth: true
	},
	{
		method: 'post',
		path: '/api/v1/resources/{id}/versions/{vid}/restore',
		summary: 'Restore an old version as a new one (curators); history is never rewritten',
		body: restoreVersionBody,
		response: versionOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/resources/{id}/translations',
		summary: 'How the translations stand ("the original has changed") and the languages the work exists in',
		response: translationsOut,
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/resources/{id}/translations',
		summary: 'Translate a published resource (refused for no-derivatives licences)',
		body: createTranslationBody,
		response: resourceOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/translation-requests',
		summary: 'Open and claimed translation requests, oldest first; for one language when given',
		query: openRequestsQuery,
		response: z.array(requestOut),
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/resources/{id}/translation-requests',
		summary: 'Ask for a translation of a published resource into a language',
		body: translationRequestBody,
		response: requestOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'post',
		path: '/api/v1/translation-requests/{id}/claim',
		summary: 'Take an open translation request on',
		response: requestOut,
		auth: true
	},
	{
		method: 'post',
		path: '/api/v1/versions/{id}/adaptations',
		summary:
			'Adapt this version into a new resource in a library you belong to, under the licence rules (ND refuses, SA keeps the licence, NC stays NC)',
		body: adaptResourceBody,
		response: resourceOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/resources/{id}/attribution',
		summary: 'The data of an attribution (title, authors, source, licence, changes) for the version shown',
		query: resourceViewQuery,
		response: attributionOut,
		auth: false
	},
	{
		method: 'get',
		path: '/api/v1/themes',
		summary: 'The theme taxonomy, labelled in the language of the request',
		response: z.array(themeOut),
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/themes',
		summary: 'Add a theme with labels in several languages (curators of any library)',
		body: addThemeBody,
		response: themeOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/resources/{id}/attachments',
		summary: "The resource's files: every one for members, the published version's for everyone else",
		response: z.array(attachmentOut),
		auth: false
	},
	{
		method: 'post',
		path: '/api/v1/resources/{id}/attachments',
		summary:
			'Upload a file as the raw request body, with any Content-Type (application/octet-stream will do; it is not trusted: the type is read from the bytes, and SVG and HTML are refused). A version carries the file once a save names it in attachment_ids',
		query: uploadQuery,
		upload: true,
		response: attachmentOut,
		auth: true,
		idempotent: true,
		status: 201
	},
	{
		method: 'get',
		path: '/api/v1/attachments/{id}',
		summary: "An attachment's metadata, with the URL of its bytes",
		response: attachmentOut,
		auth: false
	}
];
