/**
 * What the program's outputs need beyond the program itself (issue 5, item 6): each
 * resource item's resource as this viewer may see it, with the version's body, files and
 * attribution, and the library to credit when it names no author. The programs service
 * decides what the viewer may see of the program (private → not found); the resources
 * service decides the rest. One call per page: the guide, learner view, attributions page
 * and the offline copy all read this.
 */
import { resourceItems } from '../../domain/programs';
import type { Ctx } from '../context';
import { listVersionAttachments, type AttachmentView } from '../resources/attachments/service';
import * as resources from '../resources/service';
import type { ContentDiff } from '../../domain/program-merge';
import {
	diffVersions,
	getProgram,
	listVersions,
	upstreamChanges,
	type ProgramView,
	type UpstreamView
} from './service';

export interface OutputResource {
	item_id: string;
	resource_id: string;
	version_id: string;
	version_number: number;
	pinned: boolean;
	title: string;
	language: string;
	summary: string;
	body: string;
	license: resources.VersionView['license'];
	duration_minutes: number | null;
	library_name: string;
	attachments: AttachmentView[];
	attribution: resources.Attribution;
}

/** A component's credit: what the attributions page and the guide show of a resource. */
export type Credit = Pick<
	OutputResource,
	'item_id' | 'resource_id' | 'version_number' | 'title' | 'language' | 'library_name' | 'attribution'
>;

/** One credit per resource version, in program order (the same version twice is credited once). */
export function creditsOf(list: OutputResource[]): Credit[] {
	const seen = new Set<string>();
	return list.flatMap((r) => {
		if (seen.has(r.version_id)) return [];
		seen.add(r.version_id);
		const { item_id, resource_id, version_number, title, language, library_name, attribution } = r;
		return [{ item_id, resource_id, version_number, title, language, library_name, attribution }];
	});
}

export interface ProgramOutputs {
	program: ProgramView;
	/** In program order, one per resource item the viewer may see. */
	resources: OutputResource[];
}

async function outputResource(
	ctx: Ctx,
	program: ProgramView,
	itemId: string
): Promise<OutputResource | null> {
	const shown = program.resources[itemId];
	if (!shown?.available) return null;
	const r = await resources.getResource(ctx, shown.resource_id, { as: 'reader' });
	const sameVersion = r.version.id === shown.version_id;
	const v = sameVersion ? r.version : await resources.getVersion(ctx, shown.version_id);
	const attachments = sameVersion ? r.attachments : await listVersionAttachments(ctx.db.kysely, v.id);
	return {
		item_id: itemId,
		resource_id: r.id,
		version_id: v.id,
		version_number: v.number,
		pinned: shown.pinned,
		title: v.title,
		language: r.language,
		summary: v.summary,
		body: v.body,
		license: v.license,
		duration_minutes: v.duration_minutes,
		library_name: r.library.name,
		attachments,
		attribution: resources.attributionFor(v)
	};
}

/** The program (under its visibility rules) and its resources as this viewer may see them. */
export async function programOutputs(ctx: Ctx, id: string): Promise<ProgramOutputs> {
	const program = await getProgram(ctx, id);
	const items = resourceItems(program.content);
	const found = await Promise.all(items.map((i) => outputResource(ctx, program, i.id)));
	return { program, resources: found.filter((r): r is OutputResource => r !== null) };
}

// --- History ------------------------------------------------------------------------------

export interface HistoryPage {
	program: { id: string; title: string; language: string; edit: boolean };
	versions: Awaited<ReturnType<typeof listVersions>>;
	/** The asked comparison, or null when none was asked or there is only one version. */
	diff: {
		from: number;
		to: number;
		changes: ContentDiff;
		/** What to call each item the diff names (from the newer side, else the older); null: an unavailable resource. */
		names: Record<string, string | null>;
	} | null;
}

/** Each item's title as this viewer may see it (a resource's own title; null when it is not available). */
function itemNames(...views: ProgramView[]): Record<string, string | null> {
	const names: Record<string, string | null> = {};
	for (const view of [...views].reverse())
		for (const s of view.content.sessions)
			for (const item of s.items) {
				const r = view.resources[item.id];
				names[item.id] =
					item.kind === 'resource'
						? r?.available
							? r.title
							: null
						: item.title || (item.kind === 'link' ? item.url : '');
			}
	return names;
}

/** The versions newest first, and the changes between two of them when asked (`from` → `to`). */
export async function programHistory(
	ctx: Ctx,
	id: string,
	compare: { from?: number; to?: number } = {}
): Promise<HistoryPage> {
	const [program, versions] = await Promise.all([getProgram(ctx, id), listVersions(ctx, id)]);
	const known = (n: number | undefined) =>
		n !== undefined && versions.some((v) => v.number === n) ? n : undefined;
	const from = known(compare.from);
	const to = known(compare.to);
	let diff: HistoryPage['diff'] = null;
	if (from !== undefined && to !== undefined && from !== to) {
		const [changes, a, b] = await Promise.all([
			diffVersions(ctx, id, from, to),
			getProgram(ctx, id, { version: from }),
			getProgram(ctx, id, { version: to })
		]);
		diff = { from, to, changes, names: itemNames(b, a) };
	}
	return {
		program: {
			id: program.id,
			title: program.content.title,
			language: program.content.languages[0] ?? 'und',
			edit: program.viewer.edit
		},
		versions,
		diff
	};
}

// --- Upstream --------------------------------------------------------------------------------

export interface UpstreamPage {
	fork: ProgramView;
	/** The original as it is now, for the values and titles of what changed. */
	upstream: ProgramView;
	changes: UpstreamView;
}

/** What changed in the original since the remix, with both programs to read the values from. */
export async function upstreamPage(ctx: Ctx, forkId: string): Promise<UpstreamPage> {
	const [fork, changes] = await Promise.all([getProgram(ctx, forkId), upstreamChanges(ctx, forkId)]);
	const upstream = await getProgram(ctx, changes.upstream.program_id);
	return { fork, upstream, changes };
}
