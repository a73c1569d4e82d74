import { describe, expect, it } from 'vitest';
import { clock, sessionSchedule } from './program-outputs';
import type { ProgramItem } from './programs';

const activity = (id: string, minutes: number | null): ProgramItem => ({
	id,
	kind: 'activity',
	activity: 'reflection',
	title: id,
	instructions: '',
	duration_minutes: minutes,
	based_on: []
});

describe('sessionSchedule', () => {
	it('runs a clock from the session start through known durations', () => {
		const s = sessionSchedule({ items: [activity('a', 20), activity('b', 45)] });
		expect(s.map((x) => [x.start, x.end])).toEqual([
			[0, 20],
			[20, 65]
		]);
	});

	it('stops the clock after an item of unknown length, and takes a resource its own duration', () => {
		const resource: ProgramItem = {
			id: 'r',
			kind: 'resource',
			resource_id: 'x',
			version_id: null,
			note: '',
			duration_minutes: null
		};
		const s = sessionSchedule({ items: [resource, activity('u', null), activity('c', 10)] }, () => 30);
		expect(s.map((x) => [x.minutes, x.start, x.end])).toEqual([
			[30, 0, 30],
			[null, 30, null],
			[10, null, null]
		]);
	});
});

describe('clock', () => {
	it('writes hours and two-digit minutes', () => {
		expect(clock(0)).toBe('0:00');
		expect(clock(65)).toBe('1:05');
		expect(clock(600)).toBe('10:00');
	});
});
