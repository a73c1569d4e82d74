import { expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing';
import { DomainError } from '../../domain/errors';
import { requestHash, withIdempotency, pruneIdempotencyKeys } from './idempotency';

describeEachDialect('idempotency keys', ({ db }) => {
	const now = new Date('2026-11-01T00:00:00Z');

	it('runs a write once and replays its answer', async () => {
		let writes = 0;
		const write = async () => ({ status: 201, body: JSON.stringify({ n: ++writes }) });
		const hash = requestHash('POST', '/api/v1/x', '{"a":1}');
		const first = await withIdempotency(db(), 'account:a', 'k1', hash, now, write);
		const second = await withIdempotency(db(), 'account:a', 'k1', hash, now, write);
		expect(first).toEqual({ status: 201, body: '{"n":1}', replayed: false });
		expect(second).toEqual({ status: 201, body: '{"n":1}', replayed: true });
		expect(writes).toBe(1);
	});

	it('keeps keys apart per scope', async () => {
		let writes = 0;
		const write = async () => ({ status: 201, body: String(++writes) });
		const hash = requestHash('POST', '/p', '');
		await withIdempotency(db(), 'account:a', 'k', hash, now, write);
		await withIdempotency(db(), 'account:b', 'k', hash, now, write);
		expect(writes).toBe(2);
	});

	it('refuses the same key with a different request', async () => {
		const write = async () => ({ status: 201, body: '{}' });
		await withIdempotency(db(), 's', 'k', requestHash('POST', '/p', '{"a":1}'), now, write);
		await expect(
			withIdempotency(db(), 's', 'k', requestHash('POST', '/p', '{"a":2}'), now, write)
		).rejects.toMatchObject({ kind: 'conflict', messageKey: 'error_idempotency_mismatch' });
	});

	it('frees the key when the write fails, so a corrected retry goes through', async () => {
		const hash = requestHash('POST', '/p', '{}');
		await expect(
			withIdempotency(db(), 's', 'k', hash, now, async () => {
				throw new DomainError('invalid', 'error_invalid_input');
			})
		).rejects.toBeInstanceOf(DomainError);
		const ok = await withIdempotency(db(), 's', 'k', hash, now, async () => ({ status: 201, body: 'ok' }));
		expect(ok.replayed).toBe(false);
	});

	it('tells a concurrent replay to retry instead of writing twice', async () => {
		const hash = requestHash('POST', '/p', '{}');
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		let writes = 0;
		const slow = withIdempotency(db(), 's', 'k', hash, now, async () => {
			writes++;
			await gate;
			return { status: 201, body: 'first' };
		});
		await new Promise((r) => setTimeout(r, 20));
		await expect(
			withIdempotency(db(), 's', 'k', hash, now, async () => {
				writes++;
				return { status: 201, body: 'second' };
			})
		).rejects.toMatchObject({ messageKey: 'error_idempotency_in_progress' });
		release();
		expect((await slow).body).toBe('first');
		expect(writes).toBe(1);
	});

	it('forgets keys older than the retention period', async () => {
		const write = async () => ({ status: 201, body: '1' });
		await withIdempotency(db(), 's', 'old', 'h', new Date('2026-01-01T00:00:00Z'), write);
		await withIdempotency(db(), 's', 'new', 'h', now, write);
		await pruneIdempotencyKeys(db(), now);
		const keys = await db().kysely.selectFrom('idempotency_keys').select('key').execute();
		expect(keys.map((k) => k.key)).toEqual(['new']);
	});
});

describeEachDialect('idempotency request identity', ({ db }) => {
	it('leaves passphrases out of the stored request hash but still tells requests apart', async () => {
		const a = requestHash('POST', '/api/v1/accounts', '{"handle":"amal","passphrase":"one long secret"}');
		const b = requestHash('POST', '/api/v1/accounts', '{"handle":"amal","passphrase":"another secret!"}');
		const c = requestHash('POST', '/api/v1/accounts', '{"handle":"noor","passphrase":"one long secret"}');
		expect(a).toBe(b);
		expect(a).not.toBe(c);
		await withIdempotency(db(), 's', 'k', a, new Date(), async () => ({ status: 201, body: '{}' }));
		const stored = await db().kysely.selectFrom('idempotency_keys').selectAll().execute();
		expect(JSON.stringify(stored)).not.toContain('secret');
	});
});
