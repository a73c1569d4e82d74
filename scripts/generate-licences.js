#!/usr/bin/env node
// Generates src/lib/domain/licences.data.json from the Creative Commons machine-readable
// licence data (ccREL in RDF/XML, the cc.licenserdf files in ../shared/fixtures). The domain
// is pure and cannot read files, so the facts are turned into JSON here, once, and committed;
// licences.test.ts reruns this script and fails if the committed file drifts from the data.
//
//   node scripts/generate-licences.js [rdf-dir] [--out file] [--check]
//
// rdf-dir defaults to $CC_RDF_DIR, then ../shared/fixtures/creative-commons/licenserdf.
// --check writes nothing and exits 1 when the output file is not what the data gives.
// No dependencies: a small XML reader below is enough for RDF/XML of this shape, and it
// resolves namespaces properly so a different prefix in a future file still reads right.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEFAULT_RDF_DIR = path.resolve(ROOT, '..', 'shared', 'fixtures', 'creative-commons', 'licenserdf');
const DEFAULT_OUT = path.join(ROOT, 'src', 'lib', 'domain', 'licences.data.json');

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const CC = 'http://creativecommons.org/ns#';
// The schema declares the old web.resource.org terms equivalent to the cc: ones; accept both.
const CC_OLD = 'http://web.resource.org/cc/';
const DC = 'http://purl.org/dc/elements/1.1/';
const DCQ = 'http://purl.org/dc/terms/';

/** The UI languages; other translations in the data are left out to keep the bundle small. */
const TITLE_LANGUAGES = ['en', 'ar', 'fr'];

/** Where a ccREL term sits in a licence description, and the schema class its values belong to. */
const TERM_KINDS = /** @type {const} */ ([
	['permits', 'Permission'],
	['requires', 'Requirement'],
	['prohibits', 'Prohibition']
]);

/** cc:licenseClass → what kind of instrument it is (a licence, the CC0 waiver, the PD mark). */
const LICENCE_CLASSES = new Map([
	['http://creativecommons.org/license/', 'licence'],
	['http://creativecommons.org/choose/zero/', 'waiver'],
	['http://creativecommons.org/choose/mark/', 'mark']
]);

/** @param {string} message */
function fail(message) {
	throw new Error(`generate-licences: ${message}`);
}

/** @param {string} message */
function warn(message) {
	process.stderr.write(`generate-licences: warning: ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// A minimal namespace-aware XML reader: elements, attributes, text, CDATA, entities. No DTDs
// (the CC files have none, and refusing them keeps entity expansion out of the picture).

/**
 * @typedef {{ name: string, attrs: Map<string, string>, children: XmlNode[], lang: string | null }} XmlElement
 * @typedef {XmlElement | { text: string }} XmlNode
 */

/** @param {string} text */
function decodeEntities(text) {
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e) => {
		if (e === 'amp') return '&';
		if (e === 'lt') return '<';
		if (e === 'gt') return '>';
		if (e === 'quot') return '"';
		if (e === 'apos') return "'";
		return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
	});
}

/**
 * @param {string} source
 * @param {string} file for error messages
 * @returns {XmlElement | null} the document element, or null for an empty file
 */
function parseXml(source, file) {
	const token =
		/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!([^>]*)>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;
	const attribute = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
	/** @type {{ element: XmlElement, ns: Map<string, string>, qname: string }[]} */
	const stack = [];
	/** @type {XmlElement | null} */
	let root = null;
	// Sticky matching: each token must start where the last ended, so anything unreadable stops
	// the loop at a known offset instead of being skipped.
	let offset = 0;
	let match;
	while ((match = token.exec(source)) !== null) {
		offset = token.lastIndex;
		const [, cdata, declaration, closing, opening, attrText, selfClosing, text] = match;
		const top = stack.at(-1);
		if (declaration !== undefined)
			fail(`${file}: declarations (<!${declaration.slice(0, 20)}…>) are not supported`);
		if (cdata !== undefined || text !== undefined) {
			const value = cdata ?? decodeEntities(text ?? '');
			if (top) top.element.children.push({ text: value });
			else if (value.trim() !== '') fail(`${file}: text outside the document element`);
			continue;
		}
		if (closing !== undefined) {
			if (!top || top.qname !== closing) fail(`${file}: unexpected </${closing}>`);
			stack.pop();
			continue;
		}
		if (opening === undefined) continue; // comment or processing instruction
		const ns = new Map(top ? top.ns : [['xml', XML_NS]]);
		/** @type {[string, string][]} */
		const raw = [];
		for (const [, name, dq, sq] of (attrText ?? '').matchAll(attribute)) {
			const value = decodeEntities(dq ?? sq ?? '');
			if (name === 'xmlns') ns.set('', value);
			else if (name.startsWith('xmlns:')) ns.set(name.slice(6), value);
			else raw.push([name, value]);
		}
		/** @param {string} qname @param {boolean} isAttribute */
		const resolve = (qname, isAttribute) => {
			const colon = qname.indexOf(':');
			// Unprefixed attributes are in no namespace; unprefixed elements take the default one.
			if (colon < 0) return isAttribute ? qname : (ns.get('') ?? '') + qname;
			const uri = ns.get(qname.slice(0, colon));
			if (uri === undefined) fail(`${file}: undeclared prefix in ${qname}`);
			return uri + qname.slice(colon + 1);
		};
		const attrs = new Map(raw.map(([name, value]) => [resolve(name, true), value]));
		/** @type {XmlElement} */
		const element = {
			name: resolve(opening, false),
			attrs,
			children: [],
			lang: attrs.get(XML_NS + 'lang') ?? top?.element.lang ?? null
		};
		if (top) top.element.children.push(element);
		else if (root) fail(`${file}: more than one document element`);
		else root = element;
		if (!selfClosing) stack.push({ element, ns, qname: opening });
	}
	if (offset !== source.length) fail(`${file}: cannot read XML at offset ${offset}`);
	if (stack.length > 0) fail(`${file}: <${stack.at(-1)?.qname}> is not closed`);
	return root;
}

// ---------------------------------------------------------------------------------------------
// RDF/XML → triples, for the subset the CC files use: node elements (typed or rdf:Description)
// with property elements whose object is rdf:resource, a literal (with xml:lang), or a nested
// node element.

/**
 * @typedef {{ iri: string } | { literal: string, lang: string | null }} RdfObject
 * @typedef {{ s: string, p: string, o: RdfObject }} Triple
 */

/** @param {XmlNode} node @returns {node is XmlElement} */
const isElement = (node) => 'name' in node;

/**
 * @param {XmlElement} node
 * @param {Triple[]} out
 * @param {string} file
 * @returns {string} the subject IRI
 */
function readNode(node, out, file) {
	const subject = node.attrs.get(RDF + 'about');
	if (subject === undefined) fail(`${file}: <${node.name}> without rdf:about (blank nodes are not expected)`);
	if (node.name !== RDF + 'Description') out.push({ s: subject, p: RDF + 'type', o: { iri: node.name } });
	for (const property of node.children.filter(isElement)) {
		const resource = property.attrs.get(RDF + 'resource');
		const nested = property.children.filter(isElement);
		if (resource !== undefined) out.push({ s: subject, p: property.name, o: { iri: resource } });
		else if (nested.length === 1 && nested[0]) {
			out.push({ s: subject, p: property.name, o: { iri: readNode(nested[0], out, file) } });
		} else if (nested.length > 1) fail(`${file}: <${property.name}> holds more than one node`);
		else {
			const literal = property.children.map((c) => ('text' in c ? c.text : '')).join('');
			out.push({ s: subject, p: property.name, o: { literal, lang: property.lang } });
		}
	}
	return subject;
}

/** @param {string} file @returns {Triple[]} */
function readRdf(file) {
	const root = parseXml(fs.readFileSync(file, 'utf8'), path.basename(file));
	if (root === null) return []; // rdf_index.rdf in the fixtures is an empty file
	if (root.name !== RDF + 'RDF') fail(`${file}: the document element is not rdf:RDF`);
	/** @type {Triple[]} */
	const triples = [];
	for (const node of root.children.filter(isElement)) readNode(node, triples, file);
	return triples;
}

// ---------------------------------------------------------------------------------------------
// Triples → licence entries.

/** @param {string} iri */
function ccTerm(iri) {
	if (iri.startsWith(CC)) return iri.slice(CC.length);
	if (iri.startsWith(CC_OLD)) return iri.slice(CC_OLD.length);
	return null;
}

/**
 * SPDX-style id for a generic (unported) CC licence URI, or null for anything else (ported,
 * sampling, devnations…). Elements are put in SPDX order, which turns the 1.0 licence CC wrote
 * as by-nd-nc into CC-BY-NC-ND-1.0.
 * @param {string} uri
 */
function idFor(uri) {
	const m = /^https?:\/\/creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d+\.\d+)\/$/.exec(uri);
	if (!m) return null;
	const [, family, code = '', version] = m;
	if (family === 'publicdomain') {
		if (code === 'zero') return `CC0-${version}`;
		if (code === 'mark') return `PDM-${version}`;
		return null;
	}
	const elements = code.split('-');
	const order = ['by', 'nc', 'sa', 'nd'];
	if (elements[0] !== 'by' || elements.some((e) => !order.includes(e))) return null;
	if (new Set(elements).size !== elements.length) return null;
	const sorted = order.filter((e) => elements.includes(e));
	return `CC-${sorted.join('-').toUpperCase()}-${version}`;
}

/**
 * Titles in the UI languages. A title is "<name> <version> <jurisdiction>"; the French titles of
 * the 4.0 licences in cc.licenserdf instead end in an unrelated sentence from CC's translation
 * catalogue ("Ceci peut être votre site web principal…"). Rather than show that, or hand-write a
 * replacement, such a title is dropped and the UI falls back to English.
 * @param {Triple[]} about
 * @param {string} id
 * @param {string} version
 */
function titlesOf(about, id, version) {
	/** @type {Record<string, string>} */
	const titles = {};
	for (const lang of TITLE_LANGUAGES) {
		const found = about.flatMap((t) =>
			t.p === DC + 'title' && 'literal' in t.o && t.o.lang?.toLowerCase() === lang ? [t.o.literal] : []
		);
		if (found.length > 1) fail(`${id}: ${found.length} titles in "${lang}"`);
		const title = found[0]?.replace(/\s+/g, ' ').trim();
		if (!title) continue;
		const afterVersion = title.split(version)[1]?.trim() ?? '';
		if (afterVersion.split(' ').length > 3) {
			warn(`${id}: "${lang}" title has stray text after the version, left out: ${title}`);
			continue;
		}
		titles[lang] = title;
	}
	if (!titles.en) fail(`${id}: no English title`);
	return titles;
}

/**
 * The ccREL vocabulary declared in the schema (cc:Permission, cc:Requirement, cc:Prohibition
 * instances), so a term in the wrong slot or a typo in the data is caught here.
 * @param {Triple[]} triples
 */
function vocabulary(triples) {
	/** @type {Map<string, Set<string>>} */
	const byClass = new Map();
	for (const t of triples) {
		if (t.p !== RDF + 'type' || !('iri' in t.o)) continue;
		const cls = ccTerm(t.o.iri);
		const term = ccTerm(t.s);
		if (cls === null || term === null) continue;
		byClass.set(cls, (byClass.get(cls) ?? new Set()).add(term));
	}
	return byClass;
}

/** @param {string} dir */
export function buildLicences(dir) {
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.rdf'))
		.sort();
	if (files.length === 0) fail(`no .rdf files in ${dir}`);
	const triples = files.flatMap((f) => readRdf(path.join(dir, f)));
	const vocab = vocabulary(triples);
	const subjects = [
		...new Set(
			triples
				.filter((t) => t.p === RDF + 'type' && 'iri' in t.o && ccTerm(t.o.iri) === 'License')
				.map((t) => t.s)
		)
	].sort();

	/** @type {Record<string, Record<string, unknown>>} */
	const licences = {};
	for (const uri of subjects) {
		const about = triples.filter((t) => t.s === uri);
		/** @param {string} predicate */
		const objects = (predicate) =>
			about.filter((t) => t.p === predicate || t.p === predicate.replace(CC, CC_OLD)).map((t) => t.o);
		/** @param {string} predicate */
		const iris = (predicate) => objects(predicate).flatMap((o) => ('iri' in o ? [o.iri] : []));
		/** @param {string} predicate */
		const literals = (predicate) =>
			objects(predicate).flatMap((o) => ('literal' in o ? [o.literal.trim()] : []));

		// Ported licences are adapted to one country's law; the commons offers the international ones.
		if (objects(CC + 'jurisdiction').length > 0) continue;
		const id = idFor(uri);
		if (id === null) {
			warn(`skipped ${uri}: not a generic CC licence this project names`);
			continue;
		}
		if (licences[id]) fail(`${id}: described twice`);

		const [version, ...moreVersions] = literals(DCQ + 'hasVersion');
		if (version === undefined || moreVersions.length > 0) fail(`${id}: needs exactly one dcq:hasVersion`);
		if (!id.endsWith(`-${version}`)) fail(`${id}: dcq:hasVersion ${version} disagrees with the URI`);

		const [licenceClass] = iris(CC + 'licenseClass');
		const kind = licenceClass === undefined ? undefined : LICENCE_CLASSES.get(licenceClass);
		if (kind === undefined) fail(`${id}: unknown cc:licenseClass ${licenceClass}`);

		// The PD mark's data points at CC0's legal code; a mark has none, and linking CC0's text
		// from it would mislabel the work. Only legal code under the licence's own URI is kept.
		const [legalcode = null] = iris(CC + 'legalcode');
		if (legalcode !== null && !legalcode.startsWith(uri))
			warn(`${id}: legal code ${legalcode} is not its own, left out`);

		/** @type {Record<string, string[]>} */
		const terms = {};
		for (const [slot, cls] of TERM_KINDS) {
			const names = iris(CC + slot).map((iri) => {
				const name = ccTerm(iri);
				if (name === null) fail(`${id}: cc:${slot} ${iri} is not a ccREL term`);
				const known = vocab.get(cls);
				if (known && !known.has(name)) fail(`${id}: cc:${slot} ${name} is not a cc:${cls} in the schema`);
				return name;
			});
			terms[slot] = [...new Set(names)].sort();
		}

		const [replacedByUri] = iris(DCQ + 'isReplacedBy');
		licences[id] = {
			deprecated: objects(CC + 'deprecatedOn').length > 0,
			kind,
			legalcode: legalcode !== null && legalcode.startsWith(uri) ? legalcode : null,
			...terms,
			replacedBy: replacedByUri === undefined ? null : idFor(replacedByUri),
			titles: titlesOf(about, id, version),
			url: uri,
			version
		};
	}
	return {
		$comment:
			'Generated by scripts/generate-licences.js from the Creative Commons licence RDF (cc.licenserdf). Do not edit: rerun the script.',
		licences
	};
}

// ---------------------------------------------------------------------------------------------
// Output: sorted keys, and laid out exactly as prettier lays out JSON (tabs, arrays on one line
// when they fit in 110 columns), so `prettier --check` and the drift test both hold.

const PRINT_WIDTH = 110;
const TAB_WIDTH = 2; // prettier counts a tab as its tabWidth (default 2) when measuring lines

/** @param {unknown} value @param {number} depth @param {number} prefixWidth */
function serialize(value, depth, prefixWidth) {
	const indent = '\t'.repeat(depth);
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		const items = value.map((v) => serialize(v, depth + 1, 0));
		const inline = `[${items.join(', ')}]`;
		if (!inline.includes('\n') && depth * TAB_WIDTH + prefixWidth + inline.length + 1 <= PRINT_WIDTH)
			return inline;
		return `[\n${items.map((i) => `${indent}\t${i}`).join(',\n')}\n${indent}]`;
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		if (entries.length === 0) return '{}';
		const lines = entries.map(([k, v]) => {
			const key = `${JSON.stringify(k)}: `;
			return `${indent}\t${key}${serialize(v, depth + 1, key.length)}`;
		});
		return `{\n${lines.join(',\n')}\n${indent}}`;
	}
	return JSON.stringify(value);
}

/** @param {string} dir */
export function renderLicences(dir) {
	return `${serialize(buildLicences(dir), 0, 0)}\n`;
}

function main() {
	const args = process.argv.slice(2);
	/** @type {string | undefined} */
	let dir;
	let out = DEFAULT_OUT;
	let check = false;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--out') out = path.resolve(args[++i] ?? fail('--out needs a file'));
		else if (arg === '--check') check = true;
		else if (arg?.startsWith('--')) fail(`unknown option ${arg}`);
		else dir = arg;
	}
	dir = path.resolve(dir ?? process.env.CC_RDF_DIR ?? DEFAULT_RDF_DIR);
	const json = renderLicences(dir);
	if (check) {
		const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
		if (current !== json) {
			process.stderr.write(`${out} is out of date: run node scripts/generate-licences.js\n`);
			process.exitCode = 1;
		}
		return;
	}
	fs.writeFileSync(out, json);
	const count = Object.keys(JSON.parse(json).licences).length;
	process.stdout.write(`wrote ${count} licences to ${out}\n`);
}

// Run only as a command, so buildLicences/renderLicences can also be imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	try {
		main();
	} catch (error) {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	}
}
