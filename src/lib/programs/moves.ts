/**
 * Where "move up" and "move down" take a session or an item, as the (session, position)
 * the service's move edits want. An item at the edge of its session moves into the
 * neighbouring session, so buttons, keys and drag all reach every place.
 */
export interface Target {
	session_id: string;
	position: number;
}

interface Shape {
	sessions: { id: string; items: { id: string }[] }[];
}

export function sessionMoves(content: Shape, sessionId: string): { up: number | null; down: number | null } {
	const i = content.sessions.findIndex((s) => s.id === sessionId);
	if (i < 0) return { up: null, down: null };
	return { up: i > 0 ? i - 1 : null, down: i < content.sessions.length - 1 ? i + 1 : null };
}

export function itemMoves(content: Shape, itemId: string): { up: Target | null; down: Target | null } {
	const si = content.sessions.findIndex((s) => s.items.some((i) => i.id === itemId));
	const session = content.sessions[si];
	if (!session) return { up: null, down: null };
	const ii = session.items.findIndex((i) => i.id === itemId);
	const before = content.sessions[si - 1];
	const after = content.sessions[si + 1];
	const up =
		ii > 0
			? { session_id: session.id, position: ii - 1 }
			: before
				? { session_id: before.id, position: before.items.length }
				: null;
	const down =
		ii < session.items.length - 1
			? { session_id: session.id, position: ii + 1 }
			: after
				? { session_id: after.id, position: 0 }
				: null;
	return { up, down };
}
