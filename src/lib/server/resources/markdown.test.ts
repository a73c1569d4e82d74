/** Markdown rendering: every hostile payload is inert and still visible; ordinary Markdown renders. */
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { xssLines } from '../testing/hostile';
import { classifyUrl, renderMarkdown } from './markdown';

interface Element {
	name: string;
	attribs: Record<string, string>;
}

/** Every element of the output, as a browser-grade parser sees it (no regex guessing). */
function elementsOf(html: string): Element[] {
	const found: Element[] = [];
	const walk = (nodes: readonly unknown[]) => {
		for (const node of nodes) {
			const n = node as {
				type?: string;
				name?: string;
				attribs?: Record<string, string>;
				children?: unknown[];
			};
			if (n.name !== undefined && n.attribs !== undefined) found.push({ name: n.name, attribs: n.attribs });
			if (n.children) walk(n.children);
		}
	};
	walk(parseDocument(html, { decodeEntities: true }).children);
	return found;
}

const BAD_SCHEME = /^\s*(?:javascript|data|vbscript|file):/i;

function expectInert(html: string) {
	for (const el of elementsOf(html)) {
		expect(['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'input']).not.toContain(
			el.name
		);
		for (const [name, value] of Object.entries(el.attribs)) {
			expect(name.toLowerCase().startsWith('on'), `${el.name}[${name}]`).toBe(false);
			expect(name).not.toBe('style');
			expect(name).not.toBe('srcdoc');
			if (name === 'href' || name === 'src') {
				// Decode as the browser would and strip what it ignores, then look for a scheme.
				// eslint-disable-next-line no-control-regex -- browsers skip these inside a scheme
				const check = value.replace(/[\u0000-\u0020]/g, '');
				expect(BAD_SCHEME.test(check), `${el.name}[${name}]=${value}`).toBe(false);
				expect(/^[/\\]{2}/.test(check)).toBe(false);
			}
		}
	}
}

describe('renderMarkdown with hostile input', () => {
	it('reads the fixture', () => {
		expect(xssLines.length).toBeGreaterThan(20);
	});

	it.each(xssLines.map((line, i) => [i + 1, line] as const))(
		'payload %i is inert and still shown',
		(_n, line) => {
			const html = renderMarkdown(line);
			expectInert(html);
			expect(html).not.toMatch(/<script/i);
			if (line.includes('<script')) expect(html).toContain('&lt;script');
			// Raw HTML is shown as text: the first tag's name survives, escaped.
			const tag = /<([a-z]+)/i.exec(line);
			if (tag && !line.trimStart().startsWith('[') && !line.trimStart().startsWith('!')) {
				expect(html).toContain(`&lt;${tag[1]}`);
			}
		}
	);

	it.each(xssLines.map((line, i) => [i + 1, line] as const))(
		'payload %i inside a link and an image is inert',
		(_n, line) => {
			expectInert(renderMarkdown(`[x](${line}) ![alt](${line}) <${line}>`));
		}
	);

	it.each([
		'[x](javascript:alert(1))',
		'[x](JaVaScRiPt:alert(1))',
		'[x](&#106;avascript:alert(1))',
		'[x](&#x6A;avascript&colon;alert(1))',
		'[x](java&#x09;script:alert(1))',
		'[x](vbscript:msgbox(1))',
		'[x](data:text/html;base64,PHNjcmlwdD4=)',
		'[x](//evil.example/)',
		'[x](<javascript:alert(1)>)',
		'![a](data:image/png;base64,iVBORw0KGgo=)',
		'![a](javascript:alert(1))',
		'<javascript:alert(1)>',
		'[x]: javascript:alert(1)\n\n[x]'
	])('refuses the link target in %s', (source) => {
		const html = renderMarkdown(source);
		expectInert(html);
		for (const el of elementsOf(html)) {
			expect(el.attribs.href).toBeUndefined();
			expect(el.attribs.src).toBeUndefined();
		}
	});
});

describe('renderMarkdown with ordinary Markdown', () => {
	it('renders headings, shifting h1 to h2', () => {
		const html = renderMarkdown('# Title\n\n## Part\n\n### Step');
		expect(html).toContain('<h2>Title</h2>');
		expect(html).toContain('<h2>Part</h2>');
		expect(html).toContain('<h3>Step</h3>');
		expect(html).not.toContain('<h1');
	});

	it('renders lists, emphasis, code and quotes', () => {
		const html = renderMarkdown('- one\n- **two**\n\n1. *a*\n2. `b`\n\n> said\n\n```\ncode <x>\n```');
		expect(html).toContain('<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>');
		expect(html).toContain('<ol>\n<li><em>a</em></li>\n<li><code>b</code></li>\n</ol>');
		expect(html).toContain('<blockquote>\n<p>said</p>\n</blockquote>');
		expect(html).toContain('<pre><code>code &lt;x&gt;\n</code></pre>');
	});

	it('renders tables without style attributes', () => {
		const html = renderMarkdown('| Step | Time |\n| :--- | ---: |\n| Welcome | 10 |');
		expect(html).toContain('<table>');
		expect(html).toContain('<th>Step</th>');
		expect(html).toContain('<td>Welcome</td>');
		expect(html).not.toContain('style');
	});

	it('keeps relative links plain and marks external ones', () => {
		expect(renderMarkdown('[next](../problem-tree)')).toBe('<p><a href="../problem-tree">next</a></p>\n');
		expect(renderMarkdown('[cc](https://creativecommons.org/)')).toBe(
			'<p><a href="https://creativecommons.org/" rel="nofollow noopener noreferrer">cc</a></p>\n'
		);
		expect(renderMarkdown('[mail](mailto:a@example.org)')).toContain('href="mailto:a@example.org"');
		expect(renderMarkdown('see https://example.org now')).toContain(
			'<a href="https://example.org" rel="nofollow noopener noreferrer">https://example.org</a>'
		);
	});

	it('keeps /\\host on this site (the backslash is percent-encoded)', () => {
		expect(renderMarkdown('[x](/\\evil.example/)')).toBe('<p><a href="/%5Cevil.example/">x</a></p>\n');
	});

	it('shows raw HTML as text', () => {
		expect(renderMarkdown('a <b>bold</b> word')).toBe('<p>a &lt;b&gt;bold&lt;/b&gt; word</p>\n');
	});

	it('renders an image with alt text from this instance, mapped through imageSrc', () => {
		const html = renderMarkdown('![A tree](tree.png "Diagram")', {
			imageSrc: (src) => `/attachments/x/${src}`
		});
		expect(html).toBe('<p><img src="/attachments/x/tree.png" alt="A tree" title="Diagram" /></p>\n');
		expect(renderMarkdown('![A tree](tree.png)')).toContain('<img src="tree.png" alt="A tree" />');
	});

	it('turns an image without alt text into a link to the file', () => {
		expect(renderMarkdown('![](tree.png)')).toBe('<p><a href="tree.png">tree.png</a></p>\n');
	});

	it('turns an image on another site into a link, so no third party is contacted', () => {
		expect(renderMarkdown('![A tree](https://example.org/t.png)')).toBe(
			'<p><a href="https://example.org/t.png" rel="nofollow noopener noreferrer">A tree</a></p>\n'
		);
	});

	it('links the image when imageSrc refuses it', () => {
		expect(renderMarkdown('![A tree](tree.png)', { imageSrc: () => null })).toBe(
			'<p><a href="tree.png">A tree</a></p>\n'
		);
	});
});

describe('classifyUrl', () => {
	it.each([
		['https://example.org', 'external'],
		['HTTP://example.org', 'external'],
		['mailto:a@b.c', 'external'],
		['page', 'relative'],
		['/a/b?c=d:e', 'relative'],
		['#top', 'relative'],
		['javascript:x', 'unsafe'],
		[' \tjava\nscript:x', 'unsafe'],
		['&#106;avascript:x', 'unsafe'],
		['&amp;#106;avascript:x', 'unsafe'],
		['data:text/html,x', 'unsafe'],
		['vbscript:x', 'unsafe'],
		['//evil.example', 'unsafe'],
		['\\\\evil.example', 'unsafe'],
		['/\\evil.example', 'unsafe'],
		['a:b/c', 'unsafe']
	])('%s is %s', (url, kind) => {
		expect(classifyUrl(url)).toBe(kind);
	});
});

describe('renderMarkdown properties', () => {
	const pieces = fc.constantFrom(
		'<script>',
		'</script>',
		'<img src=x onerror=alert(1)>',
		' onload=',
		'"',
		"'",
		'`',
		'[',
		'](',
		')',
		'![',
		'javascript:',
		'data:',
		'&#106;',
		'&colon;',
		'<',
		'>',
		'\n',
		'# ',
		'- ',
		'| a |',
		'https://x.example/',
		'<svg',
		'<a href=',
		'on',
		'error',
		'='
	);
	const hostile = fc.oneof(
		fc.string({ maxLength: 200 }),
		fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 40 }).map((parts) => parts.join(''))
	);

	it('never produces a script element, an event handler or an unsafe URL', () => {
		fc.assert(
			fc.property(hostile, (source) => {
				expectInert(renderMarkdown(source));
			}),
			{ numRuns: 500 }
		);
	});
});
