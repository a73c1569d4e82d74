/** PATCH (change role) and DELETE (remove, or leave when it is your own handle) one member. */
import { changeRoleBody } from '$lib/server/libraries/schemas';
import { changeMemberRole, getLibraryWithMembers, removeMember } from '$lib/server/libraries/service';
import { api } from '$lib/server/http/api';

export const PATCH = api({
	auth: 'required',
	body: changeRoleBody,
	run: ({ ctx, body, params }) => changeMemberRole(ctx, params.slug ?? '', params.handle ?? '', body.role)
});

export const DELETE = api({
	auth: 'required',
	run: async ({ ctx, params }) => {
		await removeMember(ctx, params.slug ?? '', params.handle ?? '');
		return getLibraryWithMembers(ctx, params.slug ?? '');
	}
});
