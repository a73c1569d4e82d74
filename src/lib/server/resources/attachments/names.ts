/**
 * Attachment file names: what a person uploaded, made safe to store, show and put
 * in a Content-Disposition header. The name never becomes a path (blobs are named
 * by their hash), but it is still cleaned of path separators, control characters
 * and bidirectional overrides (which can disguise "gpj.exe" as "exe.jpg"), so what
 * people see is what the file is called. HTML-looking names are kept as text: pages
 * escape them like any other text.
 */
export const FILE_NAME_MAX = 200;

// C0/C1 controls, DEL, bidi embeddings/overrides/isolates and marks, zero-width
// characters, line/paragraph separators and the BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** A cleaned name, or null when nothing usable is left (the caller refuses it). */
export function sanitizeFileName(raw: string): string | null {
	let name = raw.normalize('NFC').replace(UNSAFE, '');
	// Keep only the last path segment a browser or archive might have sent, then
	// replace any separator that is left, so no name ever reads as a path.
	name = name.replace(/[/\\]+/g, '_').trim();
	// Leading dots would make hidden files (and "..") when exported to a folder.
	name = name.replace(/^\.+/, '').trim();
	if (name === '') return null;
	if ([...name].length > FILE_NAME_MAX) name = truncateKeepingExtension(name, FILE_NAME_MAX);
	return name;
}

function truncateKeepingExtension(name: string, max: number): string {
	const chars = [...name];
	const dot = name.lastIndexOf('.');
	const ext = dot > 0 ? [...name.slice(dot)] : [];
	if (ext.length > 0 && ext.length <= 16) {
		return (
			chars
				.slice(0, max - ext.length)
				.join('')
				.trimEnd() + ext.join('')
		);
	}
	return chars.slice(0, max).join('');
}

/** Make the name's extension agree with the detected type ("x.png" holding a PDF becomes "x.png.pdf"). */
export function withExtension(name: string, allowed: string[], ext: string): string {
	const dot = name.lastIndexOf('.');
	const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
	if (allowed.includes(current)) return name;
	const suffix = `.${ext}`;
	const chars = [...name];
	if (chars.length + suffix.length > FILE_NAME_MAX) {
		return chars.slice(0, FILE_NAME_MAX - suffix.length).join('') + suffix;
	}
	return name + suffix;
}

/** RFC 5987 attr-char: everything else is percent-encoded from UTF-8. */
function encodeRfc5987(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()
	);
}

/**
 * Content-Disposition with an ASCII fallback `filename` for old clients and the
 * exact name in `filename*` (RFC 6266 §4.3, RFC 5987).
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
	const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
	return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
