/**
 * The programs API's own shapes: query strings (text turned into the service's input by
 * its own field schemas), presenters for the few views the service words in camelCase
 * (the licence picture, resource attributions), and what the API answers, for the
 * OpenAPI document. The API speaks snake_case throughout.
 */
import { z } from 'zod';
import { CONFLICT_MESSAGES, type LicenceConflict } from '../../domain/program-licences';
import { ACTIVITY_KINDS, LAYOUTS, PROGRAM_FORMATS, VISIBILITIES } from '../../domain/programs';
import type { Translator } from '../../i18n/translate';
import { attributionJson, attributionOut } from '../resources/api-schemas';
import { listQuery } from './schemas';
import type { AttributionsView, LicenceView } from './service';

// --- Queries ---------------------------------------------------------------------------------

/** ?page=&per_page= on the public list (not strict: ?lang= travels with every request). */
export const programListQuery = z.object({
	page: listQuery.shape.page,
	per_page: listQuery.shape.per_page
});

const versionNumber = z.coerce.number().int().min(1).max(1_000_000_000);

/** ?version=N shows that version instead of the head. */
export const programViewQuery = z.object({ version: versionNumber.optional() });

/** ?from=&to= are version numbers of the same program. */
export const programDiffQuery = z.object({ from: versionNumber, to: versionNumber });

// --- Presenters ------------------------------------------------------------------------------

function conflictJson(c: LicenceConflict, t: Translator) {
	return {
		kind: c.kind,
		item_id: c.item_id,
		sources: [...c.sources],
		chosen: c.kind === 'licence-not-allowed' ? c.chosen : null,
		allowed: c.kind === 'licence-not-allowed' ? [...c.allowed] : null,
		message: t.t(CONFLICT_MESSAGES[c.kind])
	};
}

export function licenceJson(v: LicenceView, t: Translator) {
	return {
		own: v.own,
		as_delivered: {
			attribution: v.asDelivered.attribution,
			notice: v.asDelivered.notice,
			non_commercial: v.asDelivered.nonCommercial,
			unmodified_parts: v.asDelivered.unmodifiedParts
		},
		keep_own_licence: v.keepOwnLicence,
		linked_only: v.linkedOnly,
		conflicts: v.conflicts.map((c) => conflictJson(c, t)),
		components: v.components
	};
}

export function attributionsJson(v: AttributionsView) {
	return {
		program: v.program,
		items: v.items.map((i) => ({
			item_id: i.item_id,
			resource_id: i.resource_id,
			version_number: i.version_number,
			attribution: attributionJson(i.attribution)
		}))
	};
}

// --- What the API answers (for the OpenAPI document) -----------------------------------------

const strings = z.array(z.string());
const int = z.number().int();
const minutes = int.nullable();
const person = z
	.object({ handle: z.string().nullable().describe('null for an account since deleted') })
	.nullable();
const visibility = z.enum(VISIBILITIES);
const change = z.enum(['added', 'removed', 'changed', 'moved']);

const itemOut = z.discriminatedUnion('kind', [
	z.object({
		id: z.string(),
		kind: z.literal('resource'),
		resource_id: z.string(),
		version_id: z.string().nullable().describe('A pinned version; null follows the latest published one'),
		note: z.string(),
		duration_minutes: minutes.describe("null uses the resource's own duration")
	}),
	z.object({
		id: z.string(),
		kind: z.literal('activity'),
		activity: z.enum(ACTIVITY_KINDS),
		title: z.string(),
		instructions: z.string(),
		duration_minutes: minutes,
		based_on: strings.describe('Resource items of this program whose text the instructions adapt')
	}),
	z.object({
		id: z.string(),
		kind: z.literal('link'),
		url: z.string(),
		title: z.string(),
		note: z.string(),
		duration_minutes: minutes
	})
]);

export const programContentOut = z.object({
	title: z.string(),
	summary: z.string(),
	languages: strings,
	audience: z.string(),
	format: z.enum(PROGRAM_FORMATS),
	layout: z.enum(LAYOUTS),
	outcomes: strings,
	licence: z.string().describe("The licence of the program's own text"),
	sessions: z.array(
		z.object({
			id: z.string(),
			title: z.string(),
			objectives: z.string(),
			duration_minutes: minutes,
			materials: z.string(),
			facilitator_notes: z.string(),
			reflection_questions: strings,
			items: z.array(itemOut)
		})
	)
});

const resolvedOut = z.discriminatedUnion('available', [
	z.object({
		available: z.literal(true),
		resource_id: z.string(),
		version_id: z.string(),
		version_number: int,
		pinned: z.boolean(),
		newer_available: z.boolean(),
		title: z.string(),
		language: z.string(),
		license: z.string(),
		duration_minutes: minutes
	}),
	z
		.object({ available: z.literal(false), resource_id: z.string() })
		.describe('Unpublished, removed or not visible to you: nothing about it is shown')
]);

export const programOut = z.object({
	id: z.string(),
	visibility,
	head_number: int,
	version: z.object({
		id: z.string(),
		number: int,
		change_note: z.string().nullable(),
		author: person,
		created_at: z.string()
	}),
	content: programContentOut,
	resources: z.record(z.string(), resolvedOut).describe("Each resource item's resource, by item id"),
	time: z.object({
		sessions: z.array(
			z.object({
				session_id: z.string(),
				planned_minutes: minutes,
				items_minutes: int,
				items_without_time: int,
				over_time: z.boolean().describe("The items take longer than the session's time")
			})
		),
		planned_minutes: int,
		items_minutes: int,
		over_time_sessions: int
	}),
	authors: z.array(z.object({ handle: z.string().nullable(), joined_at: z.string(), invited_by: person })),
	forked_from: z
		.object({
			program_id: z.string(),
			version_id: z.string(),
			version_number: int.nullable(),
			title: z.string().nullable().describe('null when the original is no longer shared with you')
		})
		.nullable(),
	remixes: z.object({ count: int, items: z.array(z.object({ id: z.string(), title: z.string() })) }),
	viewer: z.object({
		is_author: z.boolean(),
		invitation_id: z.string().nullable(),
		edit: z.boolean(),
		fork: z.boolean(),
		leave: z.boolean()
	}),
	created_at: z.string(),
	updated_at: z.string()
});

export const programSummaryOut = z.object({
	id: z.string(),
	title: z.string(),
	format: z.enum(PROGRAM_FORMATS),
	visibility,
	version_number: int,
	updated_at: z.string()
});

export const programPageOut = z.object({
	total: int,
	page: int,
	per_page: int,
	items: z.array(programSummaryOut)
});

export const invitationOut = z.object({
	id: z.string(),
	program_id: z.string(),
	program_title: z.string(),
	invited_by: person,
	created_at: z.string()
});

export const okOut = z.object({ ok: z.literal(true) });

export const historyOut = z.array(
	z.object({
		action: z.string(),
		actor: person,
		created_at: z.string(),
		version_number: int.nullable(),
		change_note: z.string().nullable(),
		data: z.record(z.string(), z.unknown())
	})
);

export const programVersionsOut = z.array(
	z.object({
		id: z.string(),
		number: int,
		change_note: z.string().nullable(),
		author: person,
		created_at: z.string(),
		is_head: z.boolean()
	})
);

export const programDiffOut = z.object({
	program: z.object({ fields: strings }),
	sessions: z.array(
		z.object({
			session_id: z.string(),
			title: z.string(),
			change: change.nullable().describe('null when only its items changed'),
			fields: strings,
			moved: z.boolean(),
			items: z.array(
				z.object({
					item_id: z.string(),
					kind: z.enum(['resource', 'activity', 'link']),
					change,
					fields: strings,
					moved: z.boolean(),
					from_session: z.string().nullable(),
					to_session: z.string().nullable()
				})
			)
		})
	),
	count: int
});

const unitChange = z.object({
	unit: z.string().describe('program, session:<id> or item:<id>'),
	change,
	fields: strings,
	moved: z.boolean(),
	status: z.enum(['clean', 'conflict']),
	reason: z.enum(['edited_both', 'removed_here', 'edited_here', 'session_missing', 'moved_both']).nullable(),
	conflicts: z.array(
		z.object({ field: z.string(), base: z.unknown(), ours: z.unknown(), theirs: z.unknown() })
	)
});

export const upstreamOut = z.object({
	upstream: z.object({
		program_id: z.string(),
		title: z.string(),
		head_number: int,
		head_version_id: z.string()
	}),
	forked_from_number: int.nullable(),
	report: z.object({
		program: unitChange.nullable(),
		sessions: z.array(
			z.object({
				session_id: z.string(),
				title: z.string(),
				change: unitChange.nullable(),
				items: z.array(unitChange.extend({ item_id: z.string() }))
			})
		),
		pending: int,
		conflicts: int
	})
});

export const takeOut = z.object({
	program: programOut,
	taken: strings.describe('Units now in step with upstream'),
	conflicts: z.array(unitChange).describe('Asked-for units left as they were: choose with prefer'),
	unchanged: strings
});

export const licenceOut = z.object({
	own: z.string(),
	as_delivered: z.object({
		attribution: z.boolean(),
		notice: z.boolean(),
		non_commercial: z.boolean().describe('A NonCommercial component makes the program as delivered NC'),
		unmodified_parts: z.boolean()
	}),
	keep_own_licence: strings.describe('Item ids of components that stay under their own licence (SA, ND)'),
	linked_only: strings.describe('Item ids under all rights reserved: pointed to, never copied'),
	conflicts: z.array(
		z.object({
			kind: z.enum([
				'adapting-no-derivatives',
				'sharealike-conflict',
				'sharealike-noncommercial-conflict',
				'no-common-licence',
				'licence-not-allowed'
			]),
			item_id: z.string(),
			sources: strings,
			chosen: z.string().nullable(),
			allowed: strings.nullable(),
			message: z.string().describe('In the language of the request')
		})
	),
	components: z.array(
		z.object({ item_id: z.string(), resource_id: z.string(), title: z.string(), license: z.string() })
	)
});

export const attributionsOut = z.object({
	program: z.object({ title: z.string(), authors: z.array(z.string().nullable()), licence: z.string() }),
	items: z.array(
		z.object({
			item_id: z.string(),
			resource_id: z.string(),
			version_number: int,
			attribution: attributionOut
		})
	)
});
