/** GET the theme taxonomy in the request's language; POST adds a theme (curators; idempotent). */
import { api, apiLocale } from '$lib/server/http/api';
import { addThemeBody } from '$lib/server/resources/schemas';
import { addTheme, listThemes } from '$lib/server/resources/service';

export const GET = api({ run: ({ ctx, event }) => listThemes(ctx, apiLocale(event)) });

export const POST = api({
	auth: 'required',
	body: addThemeBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body }) => addTheme(ctx, body)
});
