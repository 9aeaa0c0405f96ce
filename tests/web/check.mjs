// The checks of `make check-web` on a rendered site served on 127.0.0.1.
// Run by tests/web/run.sh (which renders the site and starts nginx):
//
//   node tests/web/check.mjs --public DIR --base http://127.0.0.1:PORT/ \
//        --site SITE_DIR --artifacts DIR
//
// 1. Nu HTML Checker (vnu.jar from npm vnu-jar): 0 errors on every .html.
// 2. axe-core in Debian's chromium at 375x812: 0 serious/critical violations
//    on the home page, each section listing, one page of each taxonomy
//    (grid, tag, year), the 404 page, and one record of each type (and of
//    each category/kind within a type, since templates branch on them).
// 3. Every request of those pages goes to 127.0.0.1 (others are recorded,
//    blocked and fail), and no console error or uncaught exception occurs.
// 4. Search: a Chinese word from a known record's title typed into
//    <input type="search"> brings up a link to that record. Skipped, saying
//    so, while the theme has no search box.
// 5. Print view of a disclosure: the QR code, an element matching
//    `svg.qr, [data-qr]`, decodes (zbarimg on a print-media screenshot) to
//    the page's absolute URL built from site.yaml's base_url. Skipped, saying
//    so, while the theme has no QR element.
// 6. Screenshots of the home page and a disclosure at 375x812 (and the
//    disclosure's print view) are saved under --artifacts.
//
// Also prints, as notes and not failures, axe's moderate/minor findings and
// pages wider than the phone (the elements that stick out).
//
// Prints every failure with page, rule and element, ends with the line
// "check-web: N passed, N failed, N skipped" and exits 1 on any failure.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync',
	// containers often have a small /dev/shm
	'--disable-dev-shm-usage',
];
const MOBILE = { width: 375, height: 812 };
const A4 = { width: 794, height: 1123 };		// CSS px at 96 dpi
const QR_SELECTOR = 'svg.qr, [data-qr]';
const SEARCH_SELECTOR = 'input[type="search"]';
const DEADLINE_MS = 12 * 60 * 1000;
const NAV_TIMEOUT_MS = 30 * 1000;

/* ---------- arguments ---------- */

function parseArgs(argv) {
	const o = {};
	for (let i = 0; i < argv.length; i += 2) {
		const k = argv[i], v = argv[i + 1];
		if (!k.startsWith('--') || v === undefined)
			usage();
		o[k.slice(2)] = v;
	}
	for (const k of ['public', 'base', 'site', 'artifacts'])
		if (!o[k])
			usage();
	if (!o.base.endsWith('/'))
		o.base += '/';
	return o;
}

function usage() {
	console.error('usage: check.mjs --public DIR --base URL --site DIR --artifacts DIR [--site-base URL]');
	process.exit(2);
}

const args = parseArgs(process.argv.slice(2));

/* ---------- results ---------- */

const results = [];	// {name, status: 'pass'|'fail'|'skip', details: []}

function record(name, status, details = []) {
	results.push({ name, status, details });
	const tag = { pass: 'ok  ', fail: 'FAIL', skip: 'SKIP:' }[status];
	console.log(`${tag} ${name}`);
	for (const d of details)
		console.log(`       ${d}`);
}

function clip(s, n = 160) {
	s = String(s).replace(/\s+/g, ' ').trim();
	return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/* ---------- the site: pages to visit ---------- */

// Top-level scalar keys of a record's YAML front matter. Only used to pick
// pages to visit (type, category/kind, slug, draft, title); gongshi itself
// has validated the content before the site was rendered.
function frontMatter(file) {
	const text = fs.readFileSync(file, 'utf8');
	const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
	const fm = {};
	if (!m)
		return fm;
	for (const line of m[1].split(/\r?\n/)) {
		const kv = /^([a-z_]+):[ \t]*(.*?)[ \t]*$/.exec(line);
		if (!kv)
			continue;
		let v = kv[2].replace(/[ \t]+#.*$/, '');
		if (/^".*"$/.test(v) || /^'.*'$/.test(v))
			v = v.slice(1, -1);
		fm[kv[1]] = v;
	}
	return fm;
}

function siteBaseUrl(siteDir) {
	const text = fs.readFileSync(path.join(siteDir, 'site.yaml'), 'utf8');
	const m = /^base_url:[ \t]*["']?([^"'\s#]+)/m.exec(text);
	if (!m)
		throw new Error(`${siteDir}/site.yaml: no base_url`);
	return m[1].endsWith('/') ? m[1] : m[1] + '/';
}

function exists(rel) {
	return fs.existsSync(path.join(args.public, rel));
}

function listDirs(rel) {
	const dir = path.join(args.public, rel);
	if (!fs.existsSync(dir))
		return [];
	return fs.readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isDirectory() && d.name !== 'page')
		.map((d) => d.name).sort();
}

function htmlFiles(dir, out = []) {
	for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, d.name);
		if (d.isDirectory())
			htmlFiles(p, out);
		else if (d.name.endsWith('.html'))
			out.push(p);
	}
	return out.sort();
}

// Pages the browser checks: {path (site-relative URL), what}
function pickPages() {
	const pages = [{ path: '', what: 'home page' }];
	const records = [];	// every rendered record: {path, type, variant, title, file}
	const contentDir = path.join(args.site, 'content');
	const sections = fs.existsSync(contentDir) ? fs.readdirSync(contentDir).sort() : [];
	for (const sec of sections) {
		const sdir = path.join(contentDir, sec);
		if (!fs.statSync(sdir).isDirectory() || !exists(`${sec}/index.html`))
			continue;
		pages.push({ path: `${sec}/`, what: `listing ${sec}` });
		for (const f of fs.readdirSync(sdir).filter((n) => n.endsWith('.md')).sort()) {
			const fm = frontMatter(path.join(sdir, f));
			const slug = fm.slug || f.slice(0, -3);
			const p = `${sec}/${slug}/`;
			if (!exists(`${p}index.html`))
				continue;	// a draft, or not a record
			records.push({ path: p, type: fm.type || sec,
			    variant: fm.category || fm.kind || '', title: fm.title || '',
			    file: `content/${sec}/${f}` });
		}
	}
	for (const tax of ['grids', 'tags', 'archives']) {
		const first = listDirs(tax)[0];
		if (first !== undefined)
			pages.push({ path: `${tax}/${encodeURIComponent(first)}/`, what: `listing ${tax}/${first}` });
	}
	const seen = new Set();
	for (const r of records) {
		const key = `${r.type}/${r.variant}`;
		if (seen.has(key))
			continue;
		seen.add(key);
		pages.push({ path: r.path, what: `record ${r.type}${r.variant ? ' (' + r.variant + ')' : ''}` });
	}
	if (exists('404.html'))
		pages.push({ path: '404.html', what: '404 page' });
	return { pages, records };
}

/* ---------- 1. Nu HTML Checker ---------- */

function checkVnu(files) {
	const jar = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
	const messages = [];
	// in batches, to keep command lines short on large sites
	for (let i = 0; i < files.length; i += 400) {
		const r = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json',
		    '--exit-zero-always', ...files.slice(i, i + 400)],
		    { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 5 * 60 * 1000 });
		if (r.error || r.status !== 0) {
			record('vnu: run the Nu HTML Checker', 'fail',
			    [`java -jar ${jar}: ${r.error ? r.error.message : 'exit ' + r.status}`,
			     clip(r.stderr || '', 2000)]);
			return;
		}
		try {
			messages.push(...JSON.parse(r.stderr).messages);
		} catch (e) {
			record('vnu: run the Nu HTML Checker', 'fail', [`cannot parse its JSON: ${e.message}`, clip(r.stderr, 2000)]);
			return;
		}
	}
	const byFile = new Map(files.map((f) => [f, []]));
	for (const m of messages) {
		if (m.type !== 'error' && m.type !== 'non-document-error')
			continue;
		let f = '';
		try { f = fileURLToPath(m.url); } catch { f = m.url || '(vnu)'; }
		if (!byFile.has(f))
			f = files.find((x) => m.url && m.url.endsWith(x)) || f;
		if (!byFile.has(f))
			byFile.set(f, []);
		byFile.get(f).push(m);
	}
	for (const [f, ms] of byFile) {
		const rel = path.relative(args.public, f);
		if (ms.length === 0) {
			results.push({ name: `vnu ${rel}`, status: 'pass', details: [] });
			continue;
		}
		record(`vnu ${rel}: ${ms.length} error(s)`, 'fail', ms.map((m) =>
		    `${rel}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${clip(m.message, 300)}` +
		    (m.extract ? `  «${clip(m.extract, 120)}»` : '')));
	}
	const ok = [...byFile.values()].filter((ms) => ms.length === 0).length;
	console.log(`== vnu: ${ok} of ${byFile.size} pages without errors`);
}

/* ---------- browser helpers ---------- */

function isLocal(u) {
	if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:'))
		return true;
	try {
		return new URL(u).hostname === '127.0.0.1';
	} catch {
		return false;
	}
}

// Opens a page with console errors and requests recorded.
async function openPage(context, rel, opts = {}) {
	const page = await context.newPage();
	const log = { console: [], requests: [], foreign: [], failed: [] };
	page.on('console', (m) => {
		if (m.type() === 'error') {
			const loc = m.location();
			log.console.push(`${clip(m.text(), 300)}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
		}
	});
	page.on('pageerror', (e) => log.console.push(`uncaught: ${clip(e.message, 300)}`));
	page.on('request', (req) => {
		log.requests.push(req.url());
		if (!isLocal(req.url()))
			log.foreign.push(`${req.method()} ${req.url()} (${req.resourceType()})`);
	});
	page.on('requestfailed', (req) => {
		if (isLocal(req.url()))
			log.failed.push(`${req.url()}: ${req.failure() ? req.failure().errorText : 'failed'}`);
	});
	page.on('response', (resp) => {
		if (resp.status() >= 400 && isLocal(resp.url()))
			log.failed.push(`${resp.url()}: HTTP ${resp.status()}`);
	});
	if (opts.media)
		await page.emulateMedia({ media: opts.media });
	if (opts.viewport)
		await page.setViewportSize(opts.viewport);
	const url = new URL(rel, args.base).href;
	const resp = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
	log.status = resp ? resp.status() : 0;
	// let scripts that run after load settle; local server, so this is quick
	await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
	return { page, log, url };
}

const IMPACT_ORDER = ['critical', 'serious', 'moderate', 'minor'];

async function runAxe(page, axeSource) {
	await page.addScriptTag({ content: axeSource });
	return page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html,
			    summary: n.failureSummary || '' })),
		}));
	});
}

function axeLines(rel, violations) {
	const out = [];
	for (const v of violations) {
		out.push(`/${rel} ${v.id} (${v.impact}): ${v.help}`);
		for (const n of v.nodes.slice(0, 8)) {
			const why = n.summary.split('\n').filter((l) => l && !/^Fix (any|all)/.test(l)).map((l) => l.trim())[0] || '';
			out.push(`    ${n.target}  ${clip(n.html, 110)}${why ? '  — ' + clip(why, 160) : ''}`);
		}
		if (v.nodes.length > 8)
			out.push(`    … and ${v.nodes.length - 8} more element(s)`);
	}
	return out;
}

/* ---------- 4. search ---------- */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

// A two-character Chinese word of the record's title that appears in as few
// other titles as possible: what a resident remembering the notice types.
function searchWord(target, records) {
	const chars = [...target.title];
	let best = null;
	for (let i = 0; i + 1 < chars.length; i++) {
		if (!CJK.test(chars[i]) || !CJK.test(chars[i + 1]))
			continue;
		const w = chars[i] + chars[i + 1];
		const n = records.filter((r) => r !== target && r.title.includes(w)).length;
		if (best === null || n < best.n)
			best = { w, n };
	}
	return best ? best.w : null;
}

async function checkSearch(context, records) {
	const name = 'search: a Chinese word finds its record';
	const target = records.find((r) => r.type === 'disclosure' && searchWord(r, records)) ||
	    records.find((r) => searchWord(r, records));
	if (!target) {
		record(name, 'fail', ['no record with a Chinese title to search for']);
		return;
	}
	const word = searchWord(target, records);
	const candidates = [''];
	if (exists('search/index.html'))
		candidates.push('search/');
	let opened = null;
	for (const rel of candidates) {
		const o = await openPage(context, rel);
		if (await o.page.locator(SEARCH_SELECTOR).count() > 0) {
			opened = { ...o, rel };
			break;
		}
		await o.page.close();
	}
	if (!opened) {
		record(`no search box (no ${SEARCH_SELECTOR} on ${candidates.map((c) => '/' + c).join(' or ')}): search check skipped`, 'skip');
		return;
	}
	const { page, log, rel } = opened;
	const want = new URL(target.path, args.base).pathname;
	// Visible links to the record: the links the page had are remembered
	// before typing, so a result is a link element that is new (a copy of
	// one counts), or, when the search loads a results page, one more than
	// that page has without a query.
	const countLinks = (pg, onlyNew) => pg.evaluate(([wantPath, fresh]) => {
		let n = 0;
		for (const a of document.querySelectorAll('a[href]')) {
			if (fresh && window.checkWebBefore.has(a))
				continue;
			let p;
			try { p = new URL(a.href, document.baseURI).pathname; } catch { continue; }
			if (p.replace(/index\.html$/, '') === wantPath && a.getClientRects().length > 0)
				n++;
		}
		return n;
	}, [want, onlyNew]);
	const navigated = () => page.evaluate(() => !window.checkWebBefore);
	let baseline = null;	// links to the record on a results page without a query
	const found = async () => {
		if (!(await navigated()))
			return (await countLinks(page, true)) > 0;
		if (baseline === null) {
			const u = new URL(page.url());
			u.search = '';
			u.hash = '';
			const plain = await context.newPage();
			await plain.goto(u.href, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
			baseline = await countLinks(plain, false);
			await plain.close();
		}
		return (await countLinks(page, false)) > baseline;
	};
	const poll = async (ms) => {
		const end = Date.now() + ms;
		for (;;) {
			if (await found().catch(() => false))
				return true;
			if (Date.now() > end)
				return false;
			await page.waitForTimeout(200);
		}
	};
	await page.evaluate(() => { window.checkWebBefore = new Set(document.querySelectorAll('a[href]')); });
	const problems = [];
	let hit = false;
	const box = page.locator(`${SEARCH_SELECTOR}:visible`).first();
	if (await box.count() === 0) {
		problems.push(`/${rel}: ${SEARCH_SELECTOR} is not visible at ${MOBILE.width}x${MOBILE.height}`);
	} else {
		try {
			await box.click({ timeout: 5000 });
			await box.pressSequentially(word, { delay: 60, timeout: 10000 });
			hit = await poll(3000);
			if (!hit) {
				// a search that runs on submit (or loads a results page)
				await box.press('Enter', { timeout: 10000 });
				await page.waitForLoadState('load').catch(() => {});
				hit = await poll(5000);
			}
			if (!hit)
				problems.push(`typed “${word}” into ${SEARCH_SELECTOR} on /${rel}: no link to ${want} (“${target.title}”, ${target.file}) appeared`);
		} catch (e) {
			problems.push(`/${rel}: cannot type into ${SEARCH_SELECTOR}: ${clip(e.message, 300)}`);
		}
	}
	problems.push(...log.foreign.map((f) => `request to another host: ${f}`));
	problems.push(...log.console.map((c) => `console error: ${c}`));
	if (problems.length)
		record(name, 'fail', [...new Set(problems)]);
	else
		record(`${name} (“${word}” → ${want})`, 'pass');
	await page.close();
}

/* ---------- 5. print view QR ---------- */

function zbar(png) {
	const r = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png],
	    { encoding: 'utf8', timeout: 60000 });
	if (r.error)
		return { error: `zbarimg: ${r.error.message}` };
	// exit 4: no symbol found
	if (r.status !== 0 && r.status !== 4)
		return { error: `zbarimg exit ${r.status}: ${clip(r.stderr)}` };
	return { codes: r.stdout.split('\n').map((s) => s.trim()).filter(Boolean) };
}

async function checkPrintQr(context, disclosure, baseUrl) {
	const name = 'print view: QR code of the page URL';
	if (!disclosure) {
		record(name, 'fail', ['the site has no disclosure record to print']);
		return;
	}
	const { page, log } = await openPage(context, disclosure.path, { media: 'print', viewport: A4 });
	const shot = path.join(args.artifacts, 'disclosure-print.png');
	await page.screenshot({ path: shot, fullPage: true });
	const qr = page.locator(QR_SELECTOR);
	if (await qr.count() === 0) {
		record(`no QR element (${QR_SELECTOR}) in the print view of /${disclosure.path}: QR check skipped`, 'skip');
		await page.close();
		return;
	}
	const expected = new URL(disclosure.path, baseUrl).href;
	const problems = [];
	if (!(await qr.first().isVisible()))
		problems.push(`/${disclosure.path}: ${QR_SELECTOR} is not visible in print media`);
	const z = zbar(shot);
	if (z.error)
		problems.push(z.error);
	else if (z.codes.length === 0)
		problems.push(`/${disclosure.path}: zbarimg found no QR code in the print view (${shot})`);
	else
		for (const c of z.codes)
			if (c !== expected)
				problems.push(`/${disclosure.path}: QR decodes to “${c}”, expected “${expected}”`);
	problems.push(...log.console.map((c) => `console error: ${c}`));
	problems.push(...log.foreign.map((f) => `request to another host: ${f}`));
	if (problems.length)
		record(name, 'fail', [...new Set(problems)]);
	else
		record(`${name} (${expected})`, 'pass');
	await page.close();
}

/* ---------- main ---------- */

async function main() {
	const { chromium } = await import('playwright-core');
	const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	fs.mkdirSync(args.artifacts, { recursive: true });
	// The site's own base URL, unless the run rendered it for the local
	// server (--site-base): then absolute URLs point at 127.0.0.1.
	const baseUrl = args['site-base'] ?
	    (args['site-base'].endsWith('/') ? args['site-base'] : args['site-base'] + '/') :
	    siteBaseUrl(args.site);
	const { pages, records } = pickPages();

	// 1
	const files = htmlFiles(args.public);
	console.log(`== Nu HTML Checker on ${files.length} pages`);
	checkVnu(files);

	// 2, 3, 6
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'check-web-chromium-'));
	let context;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: MOBILE,
			screen: MOBILE,
			deviceScaleFactor: 2,
			isMobile: true,
			hasTouch: true,
			locale: 'zh-CN',
			timezoneId: 'Asia/Shanghai',
			serviceWorkers: 'block',
			timeout: 60000,
		});
		// Nothing leaves this machine: requests to any other host are
		// recorded (by openPage) and refused here.
		await context.route('**/*', (route) => isLocal(route.request().url())
		    ? route.continue() : route.abort('blockedbyclient'));

		console.log(`== Chromium ${context.browser() ? context.browser().version() : ''} at ${MOBILE.width}x${MOBILE.height}: ${pages.length} pages`);
		const notes = [];
		for (const p of pages) {
			const { page, log } = await openPage(context, p.path);
			const where = `/${p.path} (${p.what})`;
			if (log.status !== 200)
				record(`load ${where}`, 'fail', [`HTTP ${log.status}`]);
			const violations = await runAxe(page, axeSource);
			const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
			const mild = violations.filter((v) => !bad.includes(v));
			bad.sort((a, b) => IMPACT_ORDER.indexOf(a.impact) - IMPACT_ORDER.indexOf(b.impact));
			if (bad.length)
				record(`axe ${where}: ${bad.length} serious/critical violation(s)`, 'fail', axeLines(p.path, bad));
			else
				record(`axe ${where}`, 'pass');
			if (mild.length)
				notes.push(...axeLines(p.path, mild));
			// not an assertion (yet): content wider than the phone
			const wide = await page.evaluate(() => {
				const vw = document.documentElement.clientWidth;
				const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
				    [...e.classList].map((c) => '.' + c).join('');
				// the innermost elements that stick out
				const out = [...document.body.querySelectorAll('*')].filter((e) =>
				    e.getBoundingClientRect().right > vw + 1 &&
				    ![...e.children].some((c) => c.getBoundingClientRect().right > vw + 1));
				return { width: document.documentElement.scrollWidth, vw,
				    culprits: out.slice(0, 4).map((e) => `${e.parentElement ? name(e.parentElement) + " > " : ""}${name(e)} (to ${Math.round(e.getBoundingClientRect().right)}px)`) };
			});
			if (wide.width > wide.vw)
				notes.push(`/${p.path} scrolls sideways at ${MOBILE.width}px: ${wide.width}px wide; sticking out: ${wide.culprits.join(', ')}`);
			if (log.foreign.length)
				record(`network ${where}: requests to hosts other than 127.0.0.1`, 'fail', [...new Set(log.foreign)]);
			else
				record(`network ${where}: ${log.requests.length} request(s), all to 127.0.0.1`, 'pass');
			const errs = [...log.console, ...log.failed.map((f) => `failed request: ${f}`)];
			if (errs.length)
				record(`console ${where}: errors`, 'fail', [...new Set(errs)]);
			else
				record(`console ${where}: no errors`, 'pass');
			if (p.path === '') {
				await page.screenshot({ path: path.join(args.artifacts, 'home.png') });
				await page.screenshot({ path: path.join(args.artifacts, 'home-full.png'), fullPage: true });
			}
			await page.close();
		}
		if (notes.length) {
			console.log('note: not failures: axe moderate/minor findings, pages wider than the phone:');
			for (const n of notes)
				console.log(`       ${n}`);
		}

		// 6: a disclosure, preferably a financial one (ledgers are the widest)
		const disclosures = records.filter((r) => r.type === 'disclosure');
		const disclosure = disclosures.find((r) => r.variant === 'finance') || disclosures[0];
		if (disclosure) {
			const { page } = await openPage(context, disclosure.path);
			await page.screenshot({ path: path.join(args.artifacts, 'disclosure.png') });
			await page.screenshot({ path: path.join(args.artifacts, 'disclosure-full.png'), fullPage: true });
			await page.close();
		}
		const shots = ['home.png', 'disclosure.png'].map((f) => path.join(args.artifacts, f));
		const missing = shots.filter((f) => !fs.existsSync(f) || fs.statSync(f).size === 0);
		record(`screenshots at ${MOBILE.width}x${MOBILE.height} in ${args.artifacts}`,
		    missing.length ? 'fail' : 'pass', missing.map((f) => `not written: ${f}`));

		// 4, 5
		await checkSearch(context, records);
		await checkPrintQr(context, disclosure, baseUrl);
	} finally {
		if (context)
			await context.close().catch(() => {});
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

const watchdog = setTimeout(() => {
	console.error(`check-web: gave up after ${DEADLINE_MS / 60000} minutes`);
	process.exit(1);
}, DEADLINE_MS);
watchdog.unref();

let crashed = null;
try {
	await main();
} catch (e) {
	crashed = e;
}
const n = (s) => results.filter((r) => r.status === s).length;
const failed = results.filter((r) => r.status === 'fail');
if (crashed) {
	console.log(`FAIL check-web stopped: ${crashed.stack || crashed}`);
}
if (failed.length) {
	console.log('');
	console.log('Failures:');
	for (const r of failed) {
		console.log(`  ${r.name}`);
		for (const d of r.details)
			console.log(`      ${d}`);
	}
}
console.log(`check-web: ${n('pass')} passed, ${n('fail') + (crashed ? 1 : 0)} failed, ${n('skip')} skipped`);
process.exit(failed.length || crashed ? 1 : 0);
