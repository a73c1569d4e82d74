/**
 * The forms of the outputs pages (remix, take from the original), as form strings turned
 * into the service's input; the field rules stay in schemas.ts and are checked again there.
 */
import { z } from 'zod';
import type { ForkInput, TakeUpstreamInput } from './schemas';
import { clientId, uuid } from './schemas';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Remix: a client id (a second click makes no second copy) and an optional new title. */
export const forkForm = z
	.object({
		id: z.preprocess(blankToUndefined, clientId),
		title: z.preprocess(blankToUndefined, z.string().optional())
	})
	.transform((f): ForkInput => ({ ...(f.id ? { id: f.id } : {}), ...(f.title ? { title: f.title } : {}) }));

const PREFER = /^prefer:(program|(?:session|item):[0-9a-f-]{36})$/;

/**
 * Take from the original: the pressed button says what (`program`, `session` or `item`
 * with an id); the radios `prefer:<unit>` settle conflicts (keep `ours` / take `theirs`).
 * A client version id makes a repeated post (back, resend) take nothing twice.
 */
export const takeForm = z
	.object({
		version_id: z.preprocess(blankToUndefined, clientId),
		program: z.preprocess(blankToUndefined, z.literal('1').optional()),
		session: z.preprocess(blankToUndefined, uuid.optional()),
		item: z.preprocess(blankToUndefined, uuid.optional())
	})
	.catchall(z.unknown())
	.transform((f): TakeUpstreamInput => {
		const prefer: Record<string, 'ours' | 'theirs'> = {};
		for (const [key, value] of Object.entries(f)) {
			const unit = PREFER.exec(key)?.[1];
			if (unit && (value === 'ours' || value === 'theirs')) prefer[unit] = value;
		}
		return {
			...(typeof f.version_id === 'string' ? { version_id: f.version_id } : {}),
			program: f.program === '1',
			sessions: typeof f.session === 'string' ? [f.session] : [],
			items: typeof f.item === 'string' ? [f.item] : [],
			prefer
		};
	});

/** The history page's comparison from the URL; anything else is ignored, not refused. */
export function compareQuery(params: URLSearchParams): { from?: number; to?: number } {
	const n = (v: string | null) => {
		const x = Number(v);
		return v !== null && Number.isInteger(x) && x > 0 && x < 1e9 ? x : undefined;
	};
	return { from: n(params.get('from')), to: n(params.get('to')) };
}
