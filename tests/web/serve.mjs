// `gongshi serve` in a real browser (Chromium via playwright-core): an open
// page follows each save by itself, shows a build's errors, and comes back
// when they are mended.  The error page and a page with the reload script,
// as sent, are left in DIR for the Nu HTML Checker.
//
//   node tests/web/serve.mjs --port PORT --record FILE --out DIR
//
// FILE is a notice of the served site (its title is rewritten); DIR gets
// the error page for vnu.  Exit 0 when every step passed.
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const arg = (k) => {
	const i = process.argv.indexOf(k);
	if (i < 0 || i + 1 >= process.argv.length) {
		console.error(`serve.mjs: missing ${k}`);
		process.exit(2);
	}
	return process.argv[i + 1];
};
const port = +arg('--port');
const record = arg('--record');
const out = arg('--out');
const STEP_MS = 15000;

const original = fs.readFileSync(record, 'utf8');
const setTitle = (t) => fs.writeFileSync(record,
	original.replace(/^title: .*$/m, `title: ${t}`));
const slug = record.replace(/^.*\//, '').replace(/\.md$/, '');

let failed = 0;
const step = async (name, fn) => {
	const t0 = Date.now();
	try {
		await fn();
		console.log(`ok   ${name} (${Date.now() - t0} ms)`);
	} catch (e) {
		failed++;
		console.log(`FAIL ${name}: ${String(e.message || e).split('\n')[0]}`);
	}
};

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
	const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
	let loads = 0;
	page.on('load', () => loads++);
	await step('record page opens', async () => {
		await page.goto(`http://127.0.0.1:${port}/notices/${slug}/`);
		await page.waitForSelector('h1');
	});
	await step('saving a new title reloads the open page', async () => {
		const before = loads;
		setTitle('预览自动刷新测试：新的标题');
		await page.waitForFunction(() => document.querySelector('h1') &&
			document.querySelector('h1').textContent.includes('预览自动刷新测试：新的标题'),
			null, { timeout: STEP_MS });
		if (loads <= before)
			throw new Error('the page changed without a reload');
	});
	await step('a broken record shows the errors in the page', async () => {
		fs.writeFileSync(record, original.replace(/^title: .*$/m, 'title: "'));
		await page.waitForFunction(() => document.title.includes('内容有错误'),
			null, { timeout: STEP_MS });
		const text = await page.textContent('pre');
		if (!text.includes(record.replace(/^.*\/content\//, 'content/') + ':'))
			throw new Error(`no file:line in ${JSON.stringify(text.slice(0, 200))}`);
		// what the preview sends, not the browser's DOM, for vnu
		const res = await page.request.get(page.url());
		fs.writeFileSync(`${out}/error.html`, await res.text());
	});
	await step('mending it brings the page back', async () => {
		setTitle('预览自动刷新测试：改好了');
		await page.waitForFunction(() => document.querySelector('h1') &&
			document.querySelector('h1').textContent.includes('预览自动刷新测试：改好了'),
			null, { timeout: STEP_MS });
		const res = await page.request.get(page.url());
		fs.writeFileSync(`${out}/page.html`, await res.text());
	});
} finally {
	fs.writeFileSync(record, original);
	await browser.close();
}
process.exit(failed ? 1 : 0);
