/**
 * Prints the counts CI must show: store tests that ran on PostgreSQL, browser
 * tests that ran in Chromium, and a closing "N passed, N failed, N skipped" line.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
	onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		let pgPassed = 0;
		let browserPassed = 0;
		for (const m of modules) {
			for (const test of m.children.allTests()) {
				const state = test.result().state;
				if (state === 'passed') passed++;
				else if (state === 'failed') failed++;
				else skipped++;
				if (state !== 'passed') continue;
				if (test.fullName.includes('[postgres]')) pgPassed++;
				// Suites that drive Chromium carry a [chromium] tag (tests/e2e/support/browser.ts).
				if (test.fullName.includes('[chromium]')) browserPassed++;
			}
		}
		console.log(`\nstore tests on PostgreSQL: ${pgPassed} passed`);
		console.log(`browser tests in Chromium: ${browserPassed} passed`);
		console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
	}
}
