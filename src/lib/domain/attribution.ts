/**
 * A ready-to-copy attribution (TASL: title, author, source, licence, and what was changed),
 * as plain text and as HTML, in the reader's language. The data comes from the resources
 * service (attributionFor); the words from the message catalogue through `t`, so this
 * module only arranges them. The HTML is meant to be pasted into someone else's page:
 * everything in it that came from people (titles, names, change notes, URLs) is escaped.
 */
import type { MessageKey, MessageParams } from '../i18n/keys';
import { isPublicDomainTool, licenceName } from './licence-words';
import { ALL_RIGHTS_RESERVED, type ResourceLicenceId } from './licences';

/** One credited work: the shape of the service's Attribution (and its basedOn) that matters here. */
export interface CreditedWork {
	title: string;
	authors: string[];
	sourceUrl: string | null;
	licenceId: ResourceLicenceId;
	licenceUrl: string | null;
}

export interface AttributionData extends CreditedWork {
	changes?: string;
	basedOn?: CreditedWork & { resourceId: string };
}

export interface AttributionContext {
	/** Where this resource is read: its page's absolute URL. */
	pageUrl: string;
	/** Who to credit when the resource names no author: its library (or the instance). */
	fallbackAuthor: string;
	/** The absolute URL of another resource on this instance (an adaptation's source). */
	resourceUrl: (resourceId: string) => string;
	/** For a translation: the original it was translated from. */
	translatedFrom?: { title: string; url: string } | null;
	locale: string;
	t: (key: MessageKey, params?: MessageParams) => string;
}

export interface AttributionText {
	text: string;
	html: string;
}

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Only web addresses become links; anything else stays text (a javascript: URL must never be an href). */
function webUrl(url: string | null | undefined): string | null {
	if (!url) return null;
	try {
		const u = new URL(url);
		return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
	} catch {
		return null;
	}
}

// Placeholders stand in for the parts that differ between text and HTML while the
// translated sentence is escaped; private-use characters never occur in messages or escapes.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const slot = (name: string) => `${OPEN}${name}${CLOSE}`;
const SLOT = new RegExp(`${OPEN}(\\w+)${CLOSE}`, 'g');

interface Part {
	text: string;
	html: string;
}

/** A sentence from the catalogue with parts that render differently as text and as HTML. */
function sentence(ctx: AttributionContext, key: MessageKey, parts: Record<string, Part>): Part {
	const template = ctx.t(key, Object.fromEntries(Object.keys(parts).map((k) => [k, slot(k)])));
	const fill = (s: string, as: 'text' | 'html') => s.replace(SLOT, (_m, k: string) => parts[k]?.[as] ?? '');
	return { text: fill(template, 'text'), html: fill(escapeHtml(template), 'html') };
}

const RTL_LANGUAGES = /^(?:ar|he|fa|ur|ps|dv|yi|sd|ug|ckb)(?:-|$)/i;

/**
 * In right-to-left text, a Latin title or an address inside the sentence would be
 * reordered with the punctuation around it. Plain text has no <bdi>, so the text form
 * isolates them with Unicode's own marks (first-strong / left-to-right isolate … pop).
 */
function isolator(locale: string) {
	const rtl = RTL_LANGUAGES.test(locale);
	return {
		text: (s: string) => (rtl ? `\u2068${s}\u2069` : s),
		url: (s: string) => (rtl ? `\u2066${s}\u2069` : s)
	};
}

/** A linked piece: as text, followed by its address in angle brackets (RFC 3986, appendix C). */
function linked(ctx: AttributionContext, label: Part, url: string | null, rel?: string): Part {
	const href = webUrl(url);
	if (!href) return label;
	const relAttr = rel ? ` rel="${rel}"` : '';
	return {
		text: `${label.text} ${isolator(ctx.locale).url(`<${href}>`)}`,
		html: `<a href="${escapeHtml(href)}"${relAttr}>${label.html}</a>`
	};
}

/** A title in the language's quotation marks; only the title is isolated, the marks belong to the sentence. */
function quoted(ctx: AttributionContext, title: string): Part {
	return {
		text: ctx.t('read_attr_quoted', { title: isolator(ctx.locale).text(title) }),
		html: escapeHtml(ctx.t('read_attr_quoted', { title }))
	};
}

const plain = (s: string): Part => ({ text: s, html: escapeHtml(s) });

function names(ctx: AttributionContext, authors: string[]): Part {
	const iso = isolator(ctx.locale);
	const list = authors.map((a) => a.trim()).filter((a) => a !== '');
	if (list.length === 0) return { text: iso.text(ctx.fallbackAuthor), html: escapeHtml(ctx.fallbackAuthor) };
	const format = (xs: string[]) =>
		new Intl.ListFormat(ctx.locale, { style: 'long', type: 'conjunction' }).format(xs);
	return { text: format(list.map(iso.text)), html: escapeHtml(format(list)) };
}

function creditParts(ctx: AttributionContext, work: CreditedWork, where: string): Record<string, Part> {
	return {
		title: linked(ctx, quoted(ctx, work.title), work.sourceUrl ?? where),
		author: names(ctx, work.authors),
		licence: linked(ctx, plain(licenceName(work.licenceId, ctx.locale) ?? ''), work.licenceUrl, 'license')
	};
}

function workKey(id: ResourceLicenceId, as: 'work' | 'source'): MessageKey {
	if (id === ALL_RIGHTS_RESERVED)
		return as === 'work' ? 'read_attr_work_reserved' : 'read_attr_source_reserved';
	if (isPublicDomainTool(id))
		return as === 'work' ? 'read_attr_work_public_domain' : 'read_attr_source_public_domain';
	return as === 'work' ? 'read_attr_work_licensed' : 'read_attr_source_licensed';
}

/** The attribution for a resource, one statement per line. */
export function buildAttribution(data: AttributionData, ctx: AttributionContext): AttributionText {
	const lines: Part[] = [sentence(ctx, workKey(data.licenceId, 'work'), creditParts(ctx, data, ctx.pageUrl))];
	if (ctx.translatedFrom) {
		lines.push(
			sentence(ctx, 'read_attr_translation', {
				title: linked(ctx, quoted(ctx, ctx.translatedFrom.title), ctx.translatedFrom.url)
			})
		);
	}
	if (data.basedOn) {
		const source = data.basedOn;
		lines.push(
			sentence(
				ctx,
				workKey(source.licenceId, 'source'),
				creditParts(ctx, source, ctx.resourceUrl(source.resourceId))
			)
		);
	}
	const changes = data.changes?.trim();
	if (changes) {
		// A change log may run over several lines; an attribution is one statement per line.
		const oneLine = changes.replace(/\s*\n\s*/g, ' ');
		lines.push(
			sentence(ctx, 'read_attr_changes', {
				changes: { text: isolator(ctx.locale).text(oneLine), html: escapeHtml(oneLine) }
			})
		);
	}
	return {
		text: lines.map((l) => l.text).join('\n'),
		html: `<p>${lines.map((l) => l.html).join('<br>\n')}</p>`
	};
}
