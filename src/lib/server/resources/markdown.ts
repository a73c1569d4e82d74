/**
 * Resource bodies: Markdown to HTML that is safe to put on a page. Two walls, so one
 * mistake is not enough: markdown-it never passes raw HTML through (it is shown as text)
 * and refuses unsafe link targets, then sanitize-html keeps only an allow-list of tags,
 * attributes and URL schemes on whatever markdown-it produced.
 *
 * Decisions (see the tests):
 * - A body's h1 becomes h2: the page's title is its one h1.
 * - Links: http:, https:, mailto: and relative URLs only; protocol-relative (//host, /\host)
 *   and every other scheme are dropped, after undoing the tricks browsers forgive (entities,
 *   control characters, whitespace, case). Links to other sites get rel="nofollow noopener
 *   noreferrer".
 * - Images: only from this instance (a relative src, mapped by `imageSrc`, e.g. an attachment's
 *   file name to its download path), and only with alternative text. An image on another site
 *   becomes a link labelled with its alt text, because loading it would tell that site who is
 *   reading (and the Content-Security-Policy would block it anyway). An image without alt text
 *   becomes a link to the file named by its file name, so the content is not lost silently but
 *   no unlabelled image reaches a page.
 * - No style, class or event attributes, no iframes, forms, SVG or MathML: table alignment
 *   (which markdown-it writes as style) is dropped.
 */
import MarkdownIt, { type MarkdownIt as Parser } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export interface RenderOptions {
	/**
	 * Maps an image's relative src as written (e.g. `diagram.png`) to the same-origin path to
	 * load it from, or null to show the image as a link instead. Default: kept as written.
	 */
	readonly imageSrc?: (src: string) => string | null;
}

const SAFE_SCHEMES = ['http', 'https', 'mailto'] as const;

/**
 * What a browser would make of a URL's start: entities decoded, control characters and
 * whitespace removed (browsers ignore them inside a scheme), lower-cased.
 */
function normalisedForCheck(url: string): string {
	return decodeEntities(url).replace(IGNORED_IN_SCHEME, '').toLowerCase();
}

// Browsers skip controls, spaces and invisible characters inside a scheme ("java\tscript:").
const IGNORED_IN_SCHEME =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
	colon: ':',
	tab: '\t',
	newline: '\n',
	sol: '/',
	bsol: '\\',
	lpar: '(',
	rpar: ')',
	period: '.',
	amp: '&',
	quot: '"',
	apos: "'",
	lt: '<',
	gt: '>',
	nbsp: '\u00a0'
};

function decodeEntities(text: string): string {
	// Repeated, because &amp;#106; decodes to &#106; which a second parser would decode again.
	let previous = '';
	let current = text;
	for (let i = 0; i < 5 && current !== previous; i++) {
		previous = current;
		current = current.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
			const lower = body.toLowerCase();
			if (lower.startsWith('#x')) return codePoint(parseInt(lower.slice(2), 16)) ?? whole;
			if (lower.startsWith('#')) return codePoint(parseInt(lower.slice(1), 10)) ?? whole;
			return NAMED_ENTITIES[lower] ?? whole;
		});
	}
	return current;
}

function codePoint(n: number): string | null {
	return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : null;
}

export type UrlKind = 'external' | 'relative' | 'unsafe';

/** Classifies a link target: a safe absolute URL, a same-origin relative one, or neither. */
export function classifyUrl(url: string): UrlKind {
	const check = normalisedForCheck(url);
	// //host and /\host (browsers read \ as /) leave the origin without naming a scheme.
	if (/^[/\\]{2}/.test(check)) return 'unsafe';
	const scheme = /^([a-z][a-z0-9+.-]*):/.exec(check);
	if (scheme) {
		const name = scheme[1] as string;
		return (SAFE_SCHEMES as readonly string[]).includes(name) ? 'external' : 'unsafe';
	}
	// A colon before any / ? # would be read as a scheme by some parser; refuse it.
	if (/^[^/?#]*:/.test(check)) return 'unsafe';
	return 'relative';
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

function fileNameOf(src: string): string {
	const path = src.replace(/[?#].*$/, '');
	const last = path.split('/').pop() ?? path;
	try {
		return decodeURIComponent(last) || src;
	} catch {
		return last || src;
	}
}

function createParser(options: RenderOptions): Parser {
	const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
	// First wall for links and images: only what classifyUrl accepts is made a link at all
	// (markdown-it's own check allows data: images, which we never want).
	md.validateLink = (url: string) => classifyUrl(url) !== 'unsafe';

	md.renderer.rules.image = (tokens, idx, _opts, env) => {
		const token = tokens[idx];
		if (!token) return '';
		const src = String(token.attrGet('src') ?? '');
		const alt = md.renderer.renderInlineAsText(token.children ?? [], md.options, env).trim();
		const titleValue = token.attrGet('title');
		const title = titleValue === null ? '' : String(titleValue);
		const kind = classifyUrl(src);
		if (kind === 'unsafe') return escapeHtml(alt);
		if (kind === 'external') {
			return `<a href="${escapeHtml(src)}">${escapeHtml(alt || fileNameOf(src))}</a>`;
		}
		if (alt === '') return `<a href="${escapeHtml(src)}">${escapeHtml(fileNameOf(src))}</a>`;
		const mapped = options.imageSrc ? options.imageSrc(src) : src;
		if (mapped === null || classifyUrl(mapped) !== 'relative') {
			return `<a href="${escapeHtml(src)}">${escapeHtml(alt)}</a>`;
		}
		const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
		return `<img src="${escapeHtml(mapped)}" alt="${escapeHtml(alt)}"${titleAttr}>`;
	};
	return md;
}

const defaultParser = createParser({});

const SANITIZE: sanitizeHtml.IOptions = {
	allowedTags: [
		'p',
		'br',
		'hr',
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'ul',
		'ol',
		'li',
		'strong',
		'em',
		's',
		'code',
		'pre',
		'blockquote',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'a',
		'img'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel'],
		img: ['src', 'alt', 'title'],
		ol: ['start']
	},
	allowedSchemes: [...SAFE_SCHEMES],
	// Images load from this instance only: no scheme at all, so only relative paths pass.
	allowedSchemesByTag: { img: [] },
	allowedSchemesAppliedToAttributes: ['href', 'src'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		h1: 'h2',
		a: (tagName, attribs) => {
			const href = attribs.href ?? '';
			const kind = classifyUrl(href);
			const rest: Record<string, string> = {};
			if (attribs.title !== undefined) rest.title = attribs.title;
			if (kind === 'unsafe' || href === '') return { tagName, attribs: rest };
			if (kind === 'external')
				return { tagName, attribs: { ...rest, href, rel: 'nofollow noopener noreferrer' } };
			return { tagName, attribs: { ...rest, href } };
		}
	},
	exclusiveFilter: (frame) => {
		// Second check on images: a missing or non-relative src, or no alt text, and it goes.
		if (frame.tag !== 'img') return false;
		const src = frame.attribs.src ?? '';
		const alt = (frame.attribs.alt ?? '').trim();
		return src === '' || alt === '' || classifyUrl(src) !== 'relative';
	}
};

/** Renders a resource body (Markdown) to HTML that may be inserted into a page as is. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
	const parser = options.imageSrc ? createParser(options) : defaultParser;
	const html = parser.render(markdown);
	return sanitizeHtml(html, SANITIZE);
}
