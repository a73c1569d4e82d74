/**
 * The offline copy of a program (issue 5, item 6): a folder of static HTML pages that opens
 * from a USB stick with file:// and no network. Every page carries its own CSS, no script,
 * and links only relatively to pages and files inside the copy; anything a body links to
 * that is not in the copy stops being a link (its text stays). Resource bodies go through
 * renderMarkdown, the same sanitiser as the site, with images pointing at the copy's files.
 *
 * Pure: it is handed what the viewer may see (gathered by outputs.ts) and returns the pages
 * and which attachment goes where; the route streams them and the files' bytes into a zip.
 */
import { buildAttribution, escapeHtml, type AttributionData } from '../../domain/attribution';
import { clock, sessionSchedule, type Audience } from '../../domain/program-outputs';
import { licenceName } from '../../domain/licence-words';
import type { ResourceLicenceId } from '../../domain/licences';
import type { ProgramContent, ProgramItem, ProgramSession } from '../../domain/programs';
import { localeInfo } from '../../i18n/locales';
import type { Translator } from '../../i18n/translate';
import { renderMarkdown } from '../resources/markdown';

export interface OfflineAttachment {
	id: string;
	fileName: string;
	kind: string;
	altText: string | null;
	title: string | null;
	transcript: string | null;
	size: number;
}

export interface OfflineResource {
	item_id: string;
	resource_id: string;
	version_number: number;
	title: string;
	/** BCP 47 tag of the resource's text. */
	language: string;
	summary: string;
	body: string;
	library_name: string;
	license: ResourceLicenceId;
	duration_minutes: number | null;
	attachments: OfflineAttachment[];
	attribution: AttributionData;
}

export interface OfflineProgram {
	id: string;
	content: ProgramContent;
	authors: (string | null)[];
	version_number: number;
	forked_from: { title: string | null; version_number: number | null } | null;
}

export interface OfflineInput {
	program: OfflineProgram;
	/** The resource items this viewer may see; an item left out shows as unavailable. */
	resources: OfflineResource[];
	/** The instance's address, for credits that name where a resource is published. */
	origin: string;
	tr: Translator;
}

export interface OfflinePage {
	path: string;
	html: string;
}

export interface OfflineSite {
	/** The folder every path is inside, so the zip unpacks into one folder. */
	root: string;
	pages: OfflinePage[];
	/** Attachment bytes to copy in, by their path in the copy. */
	files: { path: string; attachment_id: string }[];
}

const e = escapeHtml;

/** A path segment that is the same on every file system and needs no escaping in a URL. */
export function safeName(name: string, fallback = 'file'): string {
	const n = name.normalize('NFKD');
	const dot = n.lastIndexOf('.');
	const ext = dot > 0 && /^[A-Za-z0-9]{1,10}$/.test(n.slice(dot + 1)) ? n.slice(dot + 1) : '';
	const base = (ext ? n.slice(0, dot) : n)
		.replace(/[^\w-]+/g, '_')
		.replace(/^[_-]+|[_-]+$/g, '')
		.slice(0, 70);
	return `${/[A-Za-z0-9]/.test(base) ? base : fallback}${ext ? `.${ext}` : ''}`;
}

/** The zip's one folder: the title when it has letters a file system keeps, else "program". */
function rootName(title: string): string {
	return safeName(title.replace(/\./g, ' '), 'program').slice(0, 60);
}

const webUrl = (url: string): string | null => {
	try {
		const u = new URL(url);
		return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
	} catch {
		return null;
	}
};

const userText = (text: string, tag = 'span', lang?: string) =>
	`<${tag}${lang ? ` lang="${e(lang)}"` : ''} dir="auto">${e(text)}</${tag}>`;

const paragraphs = (text: string, lang?: string) =>
	text.trim() === '' ? '' : `<p class="text"${lang ? ` lang="${e(lang)}"` : ''} dir="auto">${e(text)}</p>`;

/**
 * Links in a rendered body that point at nothing inside the copy (a relative link to a page
 * of the site, an image left as a link) would be dead offline: they lose their href and stay
 * as text. Web and mail links stay: they are content, followed only if the reader chooses.
 */
export function keepLinksInside(html: string, present: ReadonlySet<string>): string {
	return html.replace(
		/<a\b([^>]*?)\shref="([^"]*)"([^>]*)>/g,
		(whole, before: string, href: string, after: string) => {
			const raw = href.replace(/&amp;/g, '&');
			if (/^(?:https?:|mailto:)/i.test(raw) || raw.startsWith('#')) return whole;
			if (present.has(raw.split('#')[0] ?? '')) return whole;
			return `<a${before}${after}>`;
		}
	);
}

const STYLE = `
:root{color-scheme:light;--text:#1a1a1a;--muted:#555;--line:#bbb;--accent:#1d4f91}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,"Noto Sans","Noto Naskh Arabic","Noto Sans Arabic",Tahoma,sans-serif;line-height:1.6;color:var(--text);background:#fff}
:lang(ar) body,body:lang(ar){line-height:1.8}
header.site,main,footer.site{max-inline-size:48rem;margin-inline:auto;padding-inline:1rem}
nav ul{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;padding:0;list-style:none;margin-block:1rem}
a{color:var(--accent);overflow-wrap:anywhere}
h1{font-size:1.8rem;line-height:1.25;margin-block:1rem}
h2{font-size:1.4rem;margin-block:2rem .5rem}
h3{font-size:1.1rem;margin-block:1.25rem .25rem}
.meta,.muted{color:var(--muted)}
.text{white-space:pre-line;overflow-wrap:anywhere}
.plan{padding:0;list-style:none}
.plan>li{padding-block:.5rem;border-block-end:1px solid var(--line)}
.time{display:inline-block;min-inline-size:6.5rem;font-variant-numeric:tabular-nums;font-weight:600}
.kind{font-weight:600}
.credit{margin-block:.5rem 1rem;overflow-wrap:anywhere}
.body img{max-inline-size:100%;block-size:auto}
.body pre{overflow-x:auto;white-space:pre-wrap}
.files{padding-inline-start:1.25rem}
footer.site{margin-block-start:3rem;padding-block:1rem;border-block-start:1px solid var(--line);color:var(--muted);font-size:.9rem}
@media print{
 nav,.no-print{display:none!important}
 body{font-size:11pt}
 a{color:inherit}
 .session{break-before:page}
 .plan>li,.credit{break-inside:avoid}
 h2,h3{break-after:avoid}
}
@page{margin:18mm 16mm}
`;

interface Ctx {
	input: OfflineInput;
	t: Translator['t'];
	locale: string;
	byItem: Map<string, OfflineResource>;
	present: Set<string>;
}

export const PAGE = {
	index: 'index.html',
	learn: 'learn.html',
	guide: 'guide.html',
	attributions: 'attributions.html',
	session: (n: number) => `session-${n}.html`,
	resource: (r: Pick<OfflineResource, 'resource_id' | 'version_number'>) =>
		`resource-${safeName(r.resource_id)}-v${r.version_number}.html`,
	file: (a: Pick<OfflineAttachment, 'id' | 'fileName'>) => `files/${safeName(a.id)}-${safeName(a.fileName)}`
} as const;

function page(c: Ctx, title: string, body: string): string {
	const { t, locale } = c;
	const dir = localeInfo[locale as keyof typeof localeInfo]?.dir ?? 'ltr';
	const program = c.input.program.content;
	const nav = [
		[PAGE.index, t('prog_out_offline_nav_program')],
		[PAGE.learn, t('prog_out_learn_title')],
		[PAGE.guide, t('prog_out_guide_title')],
		[PAGE.attributions, t('prog_out_attr_title')]
	]
		.map(([href, label]) => `<li><a href="${href}">${e(label ?? '')}</a></li>`)
		.join('');
	return `<!doctype html>
<html lang="${e(locale)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="site"><p class="muted">${userText(program.title, 'bdi', program.languages[0])}</p>
<nav aria-label="${e(t('prog_out_offline_nav'))}"><ul>${nav}</ul></nav></header>
<main>
${body}
</main>
<footer class="site"><p>${e(t('prog_out_offline_footer', { version: c.input.program.version_number }))}</p></footer>
</body>
</html>
`;
}

function minutes(c: Ctx, m: number | null): string {
	return m === null ? '' : e(c.t('prog_out_minutes', { count: m }));
}

function resourceMinutes(c: Ctx) {
	return (item: { id: string }) => c.byItem.get(item.id)?.duration_minutes ?? null;
}

function itemHtml(c: Ctx, item: ProgramItem): string {
	const { t } = c;
	const lang = c.input.program.content.languages[0];
	if (item.kind === 'resource') {
		const r = c.byItem.get(item.id);
		if (!r)
			return `<span class="kind">${e(t('prog_out_kind_resource'))}</span> <span class="muted">${e(t('prog_out_resource_unavailable'))}</span>`;
		return `<span class="kind">${e(t('prog_out_kind_resource'))}</span> <a href="${PAGE.resource(r)}">${userText(r.title, 'bdi', r.language)}</a>${paragraphs(item.note, lang)}`;
	}
	if (item.kind === 'activity') {
		return `<span class="kind">${e(t(`program_activity_${item.activity}`))}</span> ${userText(item.title, 'strong', lang)}${paragraphs(item.instructions, lang)}`;
	}
	const url = webUrl(item.url);
	const label = userText(item.title || item.url, 'bdi', lang);
	return `<span class="kind">${e(t('prog_out_kind_link'))}</span> ${url ? `<a href="${e(url)}">${label}</a>` : label}${paragraphs(item.note, lang)}`;
}

/** One session's plan; headings start at `level` (the session's own title). */
function sessionHtml(c: Ctx, s: ProgramSession, n: number, audience: Audience, level: 1 | 2): string {
	const { t } = c;
	const lang = c.input.program.content.languages[0];
	const h = (k: number) => `h${level + k}`;
	const schedule = sessionSchedule(s, resourceMinutes(c));
	const parts: string[] = [];
	parts.push(
		`<${h(0)} id="session-${n}">${e(t('prog_out_session_number', { number: n }))} · ${userText(s.title, 'bdi', lang)}</${h(0)}>`
	);
	if (s.duration_minutes !== null) parts.push(`<p class="meta">${minutes(c, s.duration_minutes)}</p>`);
	if (s.objectives.trim())
		parts.push(`<${h(1)}>${e(t('prog_out_objectives'))}</${h(1)}>${paragraphs(s.objectives, lang)}`);
	if (audience === 'facilitator' && s.materials.trim())
		parts.push(`<${h(1)}>${e(t('prog_out_materials'))}</${h(1)}>${paragraphs(s.materials, lang)}`);
	if (schedule.length > 0) {
		const rows = schedule
			.map((x) => {
				const time =
					x.start !== null && x.end !== null
						? e(t('prog_out_clock', { start: clock(x.start), end: clock(x.end) }))
						: minutes(c, x.minutes);
				return `<li><span class="time">${time}</span> ${itemHtml(c, x.item)}</li>`;
			})
			.join('');
		parts.push(`<${h(1)}>${e(t('prog_out_plan'))}</${h(1)}><ol class="plan">${rows}</ol>`);
	}
	if (audience === 'facilitator' && s.facilitator_notes.trim())
		parts.push(`<${h(1)}>${e(t('prog_out_notes'))}</${h(1)}>${paragraphs(s.facilitator_notes, lang)}`);
	if (s.reflection_questions.length > 0)
		parts.push(
			`<${h(1)}>${e(t('prog_out_reflection'))}</${h(1)}><ul>${s.reflection_questions.map((q) => `<li>${userText(q, 'span', lang)}</li>`).join('')}</ul>`
		);
	return `<section class="session" aria-labelledby="session-${n}">${parts.join('\n')}</section>`;
}

function coverHtml(c: Ctx): string {
	const { t } = c;
	const p = c.input.program;
	const content = p.content;
	const lang = content.languages[0];
	const authors = p.authors.map((a) => a ?? t('prog_out_former_author'));
	const facts: [string, string][] = [
		[t('prog_out_format'), e(t(`program_format_${content.format}`))],
		...(content.audience.trim()
			? [[t('prog_out_audience'), userText(content.audience, 'span', lang)] as [string, string]]
			: []),
		[t('prog_out_authors'), authors.map((a) => userText(a, 'bdi')).join(', ')],
		[t('prog_out_licence'), e(licenceName(content.licence, c.locale) ?? content.licence)]
	];
	if (p.forked_from?.title)
		facts.push([
			t('prog_out_remixed_from'),
			`${userText(p.forked_from.title, 'bdi')}${p.forked_from.version_number ? ` (${e(t('prog_out_version', { number: p.forked_from.version_number }))})` : ''}`
		]);
	return `<h1 lang="${e(lang ?? c.locale)}" dir="auto">${e(content.title)}</h1>
${paragraphs(content.summary, lang)}
<dl>${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function outcomesHtml(c: Ctx, level: 2): string {
	const content = c.input.program.content;
	if (content.outcomes.length === 0) return '';
	const lang = content.languages[0];
	return `<h${level}>${e(c.t('prog_out_outcomes'))}</h${level}><ul>${content.outcomes.map((o) => `<li>${userText(o, 'span', lang)}</li>`).join('')}</ul>`;
}

function creditText(c: Ctx, r: OfflineResource): string {
	return buildAttribution(r.attribution, {
		pageUrl: `${c.input.origin}/resources/${r.resource_id}`,
		fallbackAuthor: r.library_name,
		resourceUrl: (id) => `${c.input.origin}/resources/${id}`,
		locale: c.locale,
		t: c.t
	}).html;
}

/** The distinct resource versions in program order (one resource may appear twice). */
function distinctResources(c: Ctx): OfflineResource[] {
	const seen = new Set<string>();
	return c.input.resources.filter((r) => {
		const key = PAGE.resource(r);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function attributionsHtml(c: Ctx, level: 1 | 2): string {
	const { t } = c;
	const p = c.input.program;
	const list = distinctResources(c);
	const own = e(
		t('prog_out_attr_program', {
			title: p.content.title,
			licence: licenceName(p.content.licence, c.locale) ?? p.content.licence
		})
	);
	const items = list
		.map(
			(r) =>
				`<li><${level === 1 ? 'h2' : 'h3'} lang="${e(r.language)}" dir="auto">${e(r.title)}</${level === 1 ? 'h2' : 'h3'}><div class="credit">${creditText(c, r)}</div></li>`
		)
		.join('');
	return `<h${level} id="attributions">${e(t('prog_out_attr_title'))}</h${level}>
<p>${own}</p>
${list.length === 0 ? `<p class="muted">${e(t('prog_out_attr_none'))}</p>` : `<ul class="plan">${items}</ul>`}`;
}

function resourcePage(c: Ctx, r: OfflineResource): string {
	const { t } = c;
	const used = new Map(r.attachments.map((a) => [a.fileName, a]));
	const body = keepLinksInside(
		renderMarkdown(r.body, {
			imageSrc: (src) => {
				let name = src;
				try {
					name = decodeURIComponent(src);
				} catch {
					// A stray % belongs to the name as written.
				}
				const a = used.get(src) ?? used.get(name);
				return a && a.kind === 'image' ? PAGE.file(a) : null;
			}
		}),
		c.present
	);
	const files =
		r.attachments.length === 0
			? ''
			: `<h2>${e(t('prog_out_files'))}</h2><ul class="files">${r.attachments
					.map(
						(a) =>
							`<li><a href="${PAGE.file(a)}">${userText(a.title || a.fileName, 'bdi')}</a>${a.transcript ? `<details><summary>${e(t('prog_out_transcript'))}</summary>${paragraphs(a.transcript, r.language)}</details>` : ''}</li>`
					)
					.join('')}</ul>`;
	return page(
		c,
		r.title,
		`<article lang="${e(r.language)}" dir="auto">
<h1>${e(r.title)}</h1>
${paragraphs(r.summary)}
<div class="body">${body}</div>
</article>
${files}
<h2>${e(t('read_attr_heading'))}</h2>
<div class="credit">${creditText(c, r)}</div>`
	);
}

function sessionNav(c: Ctx, i: number): string {
	const count = c.input.program.content.sessions.length;
	const links = [
		...(i > 0
			? [`<li><a href="${PAGE.session(i)}" rel="prev">${e(c.t('prog_out_previous_session'))}</a></li>`]
			: []),
		...(i + 1 < count
			? [`<li><a href="${PAGE.session(i + 2)}" rel="next">${e(c.t('prog_out_next_session'))}</a></li>`]
			: [])
	];
	return links.length === 0
		? ''
		: `<nav aria-label="${e(c.t('prog_out_offline_sessions_nav'))}"><ul>${links.join('')}</ul></nav>`;
}

/** Builds every page of the offline copy. */
export function buildOfflineSite(input: OfflineInput): OfflineSite {
	const tr = input.tr;
	const c: Ctx = {
		input,
		t: tr.t,
		locale: tr.locale,
		byItem: new Map(input.resources.map((r) => [r.item_id, r])),
		present: new Set()
	};
	const content = input.program.content;
	const resources = distinctResources(c);
	const files = new Map<string, string>();
	for (const r of resources) for (const a of r.attachments) files.set(PAGE.file(a), a.id);
	c.present = new Set([
		PAGE.index,
		PAGE.learn,
		PAGE.guide,
		PAGE.attributions,
		...content.sessions.map((_, i) => PAGE.session(i + 1)),
		...resources.map((r) => PAGE.resource(r)),
		...files.keys()
	]);
	const t = tr.t;
	const sessionList = `<h2>${e(t('prog_out_sessions'))}</h2><ol>${content.sessions
		.map(
			(s, i) =>
				`<li><a href="${PAGE.session(i + 1)}">${userText(s.title, 'bdi', content.languages[0])}</a>${s.duration_minutes !== null ? ` <span class="muted">${minutes(c, s.duration_minutes)}</span>` : ''}</li>`
		)
		.join('')}</ol>`;
	const pages: OfflinePage[] = [
		{
			path: PAGE.index,
			html: page(
				c,
				content.title,
				`${coverHtml(c)}
<p>${e(t('prog_out_offline_intro'))}</p>
${outcomesHtml(c, 2)}
${sessionList}`
			)
		},
		{
			path: PAGE.learn,
			html: page(
				c,
				t('prog_out_learn_page_title', { title: content.title }),
				`<h1>${e(t('prog_out_learn_title'))}: ${userText(content.title, 'bdi')}</h1>
${paragraphs(content.summary, content.languages[0])}
${outcomesHtml(c, 2)}
${content.sessions.map((s, i) => sessionHtml(c, s, i + 1, 'learner', 2)).join('\n')}`
			)
		},
		{
			path: PAGE.guide,
			html: page(
				c,
				t('prog_out_guide_page_title', { title: content.title }),
				`<p class="muted">${e(t('prog_out_guide_title'))}</p>
${coverHtml(c)}
${outcomesHtml(c, 2)}
${content.sessions.map((s, i) => sessionHtml(c, s, i + 1, 'facilitator', 2)).join('\n')}
<section class="session">${attributionsHtml(c, 2)}</section>`
			)
		},
		{
			path: PAGE.attributions,
			html: page(c, t('prog_out_attr_page_title', { title: content.title }), attributionsHtml(c, 1))
		},
		...content.sessions.map((s, i) => ({
			path: PAGE.session(i + 1),
			html: page(
				c,
				s.title,
				`${sessionHtml(c, s, i + 1, 'facilitator', 1)}
${sessionNav(c, i)}`
			)
		})),
		...resources.map((r) => ({ path: PAGE.resource(r), html: resourcePage(c, r) }))
	];
	return {
		root: rootName(content.title),
		pages,
		files: [...files].map(([path, attachment_id]) => ({ path, attachment_id }))
	};
}
