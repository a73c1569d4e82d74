/**
 * Passphrase hashing with argon2id. Production uses the OWASP parameters
 * (19 MiB, 2 passes, 1 lane); tests switch to a light cost with setHashCost('test')
 * so a suite of sign-ups stays fast. Verifying for a handle that does not exist
 * still runs argon2 against a dummy hash of the same cost, so the time a login
 * takes does not tell who has an account.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';
import { normalizePassphrase } from '../../domain/passphrase';

// `Algorithm` is a const enum in the package's types, which isolated modules cannot
// read; 2 is its Argon2id member.
const ARGON2ID = 2 satisfies Options['algorithm'];

const costs = {
	production: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
	test: { memoryCost: 1_024, timeCost: 1, parallelism: 1 }
} as const;

export type HashCost = keyof typeof costs;

let cost: HashCost = 'production';
let dummy: Promise<string> | undefined;

/** For tests only: `setHashCost('test')` makes hashing cheap. */
export function setHashCost(next: HashCost): void {
	if (next !== cost) dummy = undefined;
	cost = next;
}

const options = (): Options => ({ algorithm: ARGON2ID, ...costs[cost] });

export function hashPassphrase(passphrase: string): Promise<string> {
	return hash(normalizePassphrase(passphrase), options());
}

/** False for a missing or malformed hash, after spending the same time as a real check. */
export async function verifyPassphrase(stored: string | null, passphrase: string): Promise<boolean> {
	const candidate = normalizePassphrase(passphrase);
	if (!stored) {
		dummy ??= hash(randomBytes(24).toString('base64'), options());
		await verify(await dummy, candidate).catch(() => false);
		return false;
	}
	try {
		return await verify(stored, candidate);
	} catch {
		return false;
	}
}

/** True when a stored hash was made with other parameters than today's: rehash it at the next login. */
export function needsRehash(stored: string): boolean {
	const c = costs[cost];
	return !stored.startsWith(`$argon2id$v=19$m=${c.memoryCost},t=${c.timeCost},p=${c.parallelism}$`);
}
