import { describe, expect, it } from 'vitest';
import { itemMoves, sessionMoves } from './moves';

const content = {
	sessions: [
		{ id: 's1', items: [{ id: 'a' }, { id: 'b' }] },
		{ id: 's2', items: [] },
		{ id: 's3', items: [{ id: 'c' }] }
	]
};

describe('moves', () => {
	it('sessions move one place, not past the ends', () => {
		expect(sessionMoves(content, 's1')).toEqual({ up: null, down: 1 });
		expect(sessionMoves(content, 's2')).toEqual({ up: 0, down: 2 });
		expect(sessionMoves(content, 's3')).toEqual({ up: 1, down: null });
		expect(sessionMoves(content, 'nope')).toEqual({ up: null, down: null });
	});

	it('items move within their session, then across into the neighbour', () => {
		expect(itemMoves(content, 'a')).toEqual({ up: null, down: { session_id: 's1', position: 1 } });
		expect(itemMoves(content, 'b')).toEqual({
			up: { session_id: 's1', position: 0 },
			down: { session_id: 's2', position: 0 }
		});
		expect(itemMoves(content, 'c')).toEqual({ up: { session_id: 's2', position: 0 }, down: null });
	});
});
