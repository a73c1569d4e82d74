/**
 * What the builder's reading pages need in one call each: the programs index (the signed-in
 * person's programs and the public ones) and the program page (the program and its licence
 * picture). The service decides what this viewer may see.
 */
import type { Ctx } from '../context';
import {
	getProgram,
	licenceSummary,
	listMyPrograms,
	listPublicPrograms,
	myInvitations,
	type InvitationView,
	type LicenceView,
	type ProgramSummary,
	type ProgramView
} from './service';

export interface ProgramsIndex {
	mine: ProgramSummary[] | null;
	invitations: number;
	public: Awaited<ReturnType<typeof listPublicPrograms>>;
}

export async function programsIndex(ctx: Ctx, page: number): Promise<ProgramsIndex> {
	const [mine, invitations, shared] = await Promise.all([
		ctx.actor ? listMyPrograms(ctx) : Promise.resolve(null),
		ctx.actor ? myInvitations(ctx) : Promise.resolve([] as InvitationView[]),
		listPublicPrograms(ctx, { page, per_page: 20 })
	]);
	return { mine, invitations: invitations.length, public: shared };
}

export async function programPage(
	ctx: Ctx,
	id: string
): Promise<{ program: ProgramView; licences: LicenceView }> {
	const [program, licences] = await Promise.all([getProgram(ctx, id), licenceSummary(ctx, id)]);
	return { program, licences };
}
