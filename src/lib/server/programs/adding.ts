/**
 * "Add to program" (issue 5, item 3): from a resource page or a search hit, a person picks
 * one of their programs and a session (or a new session, or a new program) and the resource
 * goes in, pinned to the version they saw or following the latest. A new program or session
 * and the item are separate saves, each named by a client-made id, so a resent form (or a
 * retry after a refusal) finds what the first attempt made and adds nothing twice.
 */
import { DomainError } from '../../domain/errors';
import type { ProgramContent } from '../../domain/programs';
import type { Ctx } from '../context';
import * as resources from '../resources/service';
import type { AddToProgramInput } from './forms';
import { createProgram, editProgram } from './service';
import * as store from './store';

export interface AddChoices {
	resource: {
		id: string;
		title: string;
		language: string;
		version_id: string;
		version_number: number;
	};
	programs: { id: string; title: string; sessions: { id: string; title: string }[] }[];
}

const MY_PROGRAMS_LIMIT = 500;

/**
 * The resource as a reader sees it (published; the asked version when it is a published
 * version of it) and the signed-in person's programs with their sessions.
 */
export async function addChoices(ctx: Ctx, resourceId: string, versionId?: string): Promise<AddChoices> {
	if (!ctx.actor) throw new DomainError('unauthenticated', 'error_unauthenticated');
	const r = await resources.getResource(ctx, resourceId, { as: 'reader' });
	if (!r.published_version_id) throw new DomainError('not_found', 'program_resource_not_available');
	let v = r.version;
	if (versionId && versionId !== v.id) {
		const asked = await resources.getVersion(ctx, versionId).catch(() => null);
		if (asked && asked.resource_id === r.id && asked.state === 'published') v = asked;
	}
	const k = ctx.db.kysely;
	const rows = await store.programsOfAuthor(k, ctx.actor.id, MY_PROGRAMS_LIMIT);
	const programs = await Promise.all(
		rows.map(async (p) => {
			const head = await store.versionById(k, p.head_version_id);
			const content = head ? (JSON.parse(head.content) as ProgramContent) : null;
			return {
				id: p.id,
				title: p.title,
				sessions: (content?.sessions ?? []).map((s) => ({ id: s.id, title: s.title }))
			};
		})
	);
	return {
		resource: { id: r.id, title: v.title, language: r.language, version_id: v.id, version_number: v.number },
		programs
	};
}

/** Adds the resource where the person chose; returns where it went. */
export async function addToProgram(
	ctx: Ctx,
	input: AddToProgramInput
): Promise<{ program_id: string; session_id: string }> {
	// The resource is checked first, so a refused resource does not leave a new empty program behind.
	const r = await resources.getResource(ctx, input.resource_id, { as: 'reader' }).catch(() => null);
	if (!r?.published_version_id)
		throw new DomainError('invalid', 'program_resource_not_available', {
			fields: [{ field: 'resource_id', message: 'program_resource_not_available' }]
		});
	const programId =
		'new' in input.program
			? (await createProgram(ctx, { ...input.program.new, languages: [r.language] })).id
			: input.program.id;
	let sessionId: string;
	if ('new' in input.session) {
		const wanted = input.session.new;
		const before = await store.programById(ctx.db.kysely, programId);
		const view = await editProgram(ctx, programId, {
			...(input.version_ids[0] ? { version_id: input.version_ids[0] } : {}),
			edit: {
				op: 'add_session',
				...(wanted.id ? { session_id: wanted.id } : {}),
				session: { title: wanted.title }
			}
		});
		// A replayed save returns the program as it is; the new session is the one with this id or the last one.
		const made = wanted.id
			? view.content.sessions.find((s) => s.id === wanted.id)
			: view.head_number > (before?.head_number ?? 0)
				? view.content.sessions.at(-1)
				: undefined;
		if (!made) throw new DomainError('conflict', 'program_busy');
		sessionId = made.id;
	} else sessionId = input.session.id;
	await editProgram(ctx, programId, {
		...(input.version_ids[1] ? { version_id: input.version_ids[1] } : {}),
		edit: {
			op: 'add_resource',
			session_id: sessionId,
			...(input.item_id ? { item_id: input.item_id } : {}),
			resource_id: input.resource_id,
			pin: input.pin,
			...(input.resource_version_id ? { resource_version_id: input.resource_version_id } : {})
		}
	});
	return { program_id: programId, session_id: sessionId };
}
