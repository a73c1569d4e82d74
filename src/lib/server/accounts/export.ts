/**
 * Where other features plug into two account use cases, so accounts never reads
 * their tables:
 * - "download my data": each feature adds what it stores about the person under
 *   its own name (`registerDataExporter('libraries', exportMemberships)`);
 * - "delete my account": each feature cleans up in the same transaction as the
 *   account itself (`registerAccountDeletionHook('libraries', removeMembershipsOfAccount)`).
 *   A hook may throw a DomainError to stop the deletion; nothing is then changed.
 * Registration happens when the feature's module is loaded, so the server must
 * load every feature that registers before serving (see the lead's note in hooks).
 */
import type { Executor } from '../db';

/** Everything the feature stores about `accountId`, as plain JSON-able data. */
export type DataExporter = (k: Executor, accountId: string) => Promise<unknown>;

/** Removes or anonymises the feature's personal data of `accountId`, inside the deletion transaction. */
export type AccountDeletionHook = (trx: Executor, accountId: string, now: Date) => Promise<void>;

/** Top-level keys of the export that accounts itself writes. */
export const OWN_EXPORT_KEYS = ['format', 'version', 'exported_at', 'account', 'sessions', 'login_attempts'];

const exporters = new Map<string, DataExporter>();
const deletionHooks = new Map<string, AccountDeletionHook>();

/** Registering the same name again replaces the previous one (module reloads in development). */
export function registerDataExporter(name: string, fn: DataExporter): void {
	if (OWN_EXPORT_KEYS.includes(name)) throw new Error(`"${name}" is a key of the account export itself`);
	exporters.set(name, fn);
}

export function registerAccountDeletionHook(name: string, fn: AccountDeletionHook): void {
	deletionHooks.set(name, fn);
}

export function dataExporters(): [string, DataExporter][] {
	return [...exporters].sort(([a], [b]) => a.localeCompare(b));
}

export function accountDeletionHooks(): [string, AccountDeletionHook][] {
	return [...deletionHooks].sort(([a], [b]) => a.localeCompare(b));
}

/** For tests: forget a registration. */
export function unregister(name: string): void {
	exporters.delete(name);
	deletionHooks.delete(name);
}
