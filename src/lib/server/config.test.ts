import { describe, expect, it } from 'vitest';
import { FORM_OVERHEAD_BYTES, loadConfig, requestBodyLimit } from './config';

describe('requestBodyLimit', () => {
	it('lets a form carry a file of the attachment limit and its texts', () => {
		expect(requestBodyLimit(loadConfig({}))).toBe(25 * 1024 * 1024 + FORM_OVERHEAD_BYTES);
		expect(requestBodyLimit(loadConfig({ ATTACHMENT_MAX_BYTES: '1000' }))).toBe(1000 + FORM_OVERHEAD_BYTES);
		// The longest body and transcript (200,000 characters each, up to 3 UTF-8 bytes) fit.
		expect(FORM_OVERHEAD_BYTES).toBeGreaterThan(2 * 200_000 * 3);
	});
});
