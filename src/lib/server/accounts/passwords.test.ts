/** Passphrase hashing: argon2id, normalisation, rehash detection, and the dummy check for unknown handles. */
import * as argon2 from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassphrase, needsRehash, setHashCost, verifyPassphrase } from './passwords';

// Count real argon2 verifications, to show an unknown handle costs one too.
vi.mock('@node-rs/argon2', async (importOriginal) => {
	const real = await importOriginal<typeof argon2>();
	return { ...real, verify: vi.fn(real.verify) };
});

beforeAll(() => setHashCost('test'));
afterAll(() => setHashCost('production'));

describe('passphrases', () => {
	it('hashes with argon2id and a fresh salt each time', async () => {
		const a = await hashPassphrase('correct horse battery');
		const b = await hashPassphrase('correct horse battery');
		expect(a).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
		expect(a).not.toBe(b);
		expect(await verifyPassphrase(a, 'correct horse battery')).toBe(true);
		expect(await verifyPassphrase(a, 'correct horse batterY')).toBe(false);
	});

	it('matches the same words typed in another Unicode form', async () => {
		const h = await hashPassphrase('café ｐａｓｓｗｏｒｄ');
		expect(await verifyPassphrase(h, 'cafe\u0301 password')).toBe(true);
	});

	it('says false, not an error, for a missing or malformed hash', async () => {
		const verify = vi.mocked(argon2.verify);
		verify.mockClear();
		expect(await verifyPassphrase(null, 'anything at all')).toBe(false);
		// No account, yet argon2 ran against the dummy hash: the answer takes as long as a real one.
		expect(verify).toHaveBeenCalledTimes(1);
		expect(await verifyPassphrase('not a hash', 'anything at all')).toBe(false);
	});

	it('uses the OWASP parameters in production and spots hashes made with others', async () => {
		const light = await hashPassphrase('correct horse battery');
		expect(needsRehash(light)).toBe(false);
		setHashCost('production');
		try {
			expect(needsRehash(light)).toBe(true);
			const strong = await hashPassphrase('correct horse battery');
			expect(strong).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
			expect(needsRehash(strong)).toBe(false);
		} finally {
			setHashCost('test');
		}
	});
});
