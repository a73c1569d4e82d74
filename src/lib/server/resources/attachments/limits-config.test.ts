// The attachment limits read from the environment (config.ts), with PORT-style validation.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';

describe('attachment limits in config', () => {
	it('defaults to 25 MiB per file and 1 GiB per library', () => {
		const c = loadConfig({});
		expect(c.attachmentMaxBytes).toBe(25 * 1024 * 1024);
		expect(c.libraryQuotaBytes).toBe(1024 * 1024 * 1024);
	});

	it('reads whole byte counts', () => {
		const c = loadConfig({ ATTACHMENT_MAX_BYTES: '1048576', LIBRARY_QUOTA_BYTES: '10737418240' });
		expect(c.attachmentMaxBytes).toBe(1048576);
		expect(c.libraryQuotaBytes).toBe(10737418240);
	});

	it('refuses values that are not a positive whole number', () => {
		for (const bad of ['0', '-1', '1.5', 'lots', '25MB', '1e400']) {
			expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: bad }), bad).toThrow(/ATTACHMENT_MAX_BYTES must be/);
			expect(() => loadConfig({ LIBRARY_QUOTA_BYTES: bad }), bad).toThrow(/LIBRARY_QUOTA_BYTES must be/);
		}
	});
});
