// The catalogue parts cut from messages/<locale>.json by the circles-messages plugin (vite.config.ts).
declare module 'virtual:circles-messages/*' {
	const messages: Record<string, unknown>;
	export default messages;
}
