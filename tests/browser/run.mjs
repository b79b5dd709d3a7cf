#!/usr/bin/env node
// Browser end-to-end tests of vka's web UI (issue 7): the real server on a
// free loopback port, a fresh `vka demo` workspace, users made with
// `vka user add`, and Debian's headless Chromium driven by playwright-core.
//
// Usage: node run.mjs /path/to/vka
// Screenshots go to ./screenshots/ (the ctest working directory). Exits 0
// when every step passes; prints each step's result.

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const kChromium = '/usr/bin/chromium';
const kChromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const kTotalTimeoutMs = 150_000;
const kActionTimeoutMs = 10_000;
const kServerStartMs = 20_000;
// Larger than one upload chunk (8 MiB) so the upload takes several PUTs.
const kEvidenceBytes = 9 * 1024 * 1024 + 321;
const kResumeFirstBytes = 1024 * 1024;

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  console.error(`browser_e2e: playwright-core is missing (${error.message}); run scripts/install-deps.sh (npm ci in tests/browser)`);
  process.exit(1);
}
if (!fs.existsSync(kChromium)) {
  console.error(`browser_e2e: ${kChromium} is missing; run scripts/install-deps.sh (Debian package chromium)`);
  process.exit(1);
}

const vka = process.argv[2];
if (!vka || !fs.existsSync(vka)) {
  console.error('usage: node run.mjs /path/to/vka');
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vka-browser-'));
const workspace = path.join(work, 'ws');
const shots = path.resolve('screenshots');
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });
const unique = crypto.randomBytes(4).toString('hex');
const users = {
  documenter: { name: 'docu', role: 'documenter', password: `synthetic-docu-${unique}-pass` },
  viewer: { name: 'viewer1', role: 'viewer', password: `synthetic-view-${unique}-pass` },
};
// Values that must never reach the public memorial.
const canary = {
  restrictedTitle: `CANARY-RESTRICTED-${unique}`,
  sensitiveContact: `canary-contact-${unique}@example.invalid`,
};

let server = null;
let context = null;
const results = [];
const pageProblems = [];

const overall = setTimeout(() => {
  console.error(`browser_e2e: gave up after ${kTotalTimeoutMs / 1000} s`);
  cleanup().finally(() => process.exit(1));
}, kTotalTimeoutMs);

function vkaRun(args, input) {
  const result = spawnSync(vka, ['-w', workspace, ...args], { input, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`vka ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

function prepareWorkspace() {
  const demo = spawnSync(vka, ['demo', workspace], { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`vka demo failed: ${demo.stderr}`);
  for (const user of Object.values(users)) {
    vkaRun(['user', 'add', user.name, '--role', user.role, '--password-stdin'], `${user.password}\n`);
  }
  // A restricted record and a public person's sensitive field: the memorial
  // must show neither.
  vkaRun(['add', 'source', '--json', JSON.stringify({
    type: 'document', title: canary.restrictedTitle, confidentiality: 'restricted',
    remarks: 'SYNTHETIC canary for the browser test',
  })]);
  vkaRun(['add', 'person', '--json', JSON.stringify({
    names: [{ value: 'Canary', script: 'Latn', part: 'given' }], confidentiality: 'public',
    contacts: canary.sensitiveContact, remarks: 'SYNTHETIC canary for the browser test',
  })]);
}

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(vka, ['-w', workspace, 'serve', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in ${kServerStartMs} ms:\n${log}`)), kServerStartMs);
    const onData = (chunk) => {
      log += chunk.toString();
      const match = log.match(/serving .* at (https?:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${log}`));
    });
  });
}

async function waitHealthy(base) {
  const deadline = Date.now() + kServerStartMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch (_) {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server never became healthy');
}

async function cleanup() {
  if (context) await context.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.removeAllListeners('exit');
    server.kill('SIGTERM');
  }
  fs.rmSync(work, { recursive: true, force: true });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    console.log(`FAIL ${name}: ${error.message.split('\n').slice(0, 6).join('\n     ')}`);
    const page = context && context.pages()[0];
    if (page) await page.screenshot({ path: path.join(shots, `FAILED-${name.replace(/\W+/g, '_')}.png`), fullPage: true }).catch(() => {});
  }
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function submitLogin(page, user, { keyboard = false } = {}) {
  await page.waitForSelector('#login-form');
  if (keyboard) {
    // Keyboard only: the name field has the focus; Tab to the password; Enter.
    check(await page.evaluate(() => document.activeElement.id === 'login-name'), 'the sign-in page does not focus the name field');
    await page.keyboard.type(user.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
  } else {
    await page.fill('#login-name', user.name);
    await page.fill('#login-password', user.password);
    await page.click('#login-form button[type=submit]');
  }
  await page.waitForSelector('#current-user');
  check((await page.textContent('#current-user')) === user.name, 'the header does not name the signed-in user');
}

// Signs in; a new account (its password set with `vka user add`) is sent to
// change its password first, then signs in again with the new one.
async function login(page, base, user, options = {}) {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/app\/login/);
  await submitLogin(page, user, options);
  if (!page.url().includes('/app/password')) return;
  await page.waitForSelector('#must-change');
  const refused = await pageApi(page, 'GET', '/api/v1/records?kind=source&limit=1');
  check(refused.status === 403, `before the password change the server answered ${refused.status}, not 403`);
  const fresh = `${user.password}-changed`;
  await page.fill('#pw-current', user.password);
  await page.fill('#pw-new', fresh);
  await page.fill('#pw-repeat', fresh);
  await page.click('#password-form button[type=submit]');
  await page.waitForURL(/\/app\/login/);
  user.password = fresh;
  await submitLogin(page, user, options);
  check(!page.url().includes('/app/password'), 'still asked to change the password after changing it');
}

async function logout(page) {
  await page.click('#logout');
  await page.waitForURL(/\/app\/login/);
}

// Fills one name entry of the person form.
async function fillName(page, index, value, script, part) {
  await page.fill(`[data-path="names[${index}].value"]`, value);
  await page.selectOption(`[data-path="names[${index}].script"]`, script);
  await page.selectOption(`[data-path="names[${index}].part"]`, part);
}

async function saveAndGetId(page, prefix) {
  await page.click('#save-record');
  await page.waitForURL(new RegExp(`/app/record/${prefix}_`));
  const id = decodeURIComponent(page.url().split('/app/record/')[1]);
  await page.waitForSelector('#record-id');
  check((await page.textContent('#record-id')) === id, 'the record page shows another id');
  return id;
}

// An API call made by the page itself, with its session cookie and CSRF token.
async function pageApi(page, method, url, body) {
  return page.evaluate(async ({ method, url, body }) => {
    const session = await fetch('/api/v1/session');
    const csrf = session.ok ? (await session.json()).csrf : '';
    const response = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }, { method, url, body });
}

async function main() {
  prepareWorkspace();
  const base = await startServer();
  await waitHealthy(base);
  console.log(`server at ${base}, workspace ${workspace}`);

  context = await chromium.launchPersistentContext(path.join(work, 'chromium-profile'), {
    executablePath: kChromium,
    headless: true,
    args: kChromiumArgs,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: false,
  });
  context.setDefaultTimeout(kActionTimeoutMs);
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // Refused requests (401 before login, 403 for the viewer) are expected;
    // CSP violations and script errors are not.
    if (message.type() === 'error' && !text.startsWith('Failed to load resource')) pageProblems.push(`console: ${text}`);
  });

  const ids = {};
  const evidenceFile = path.join(work, 'SYNTHETIC-evidence.bin');
  const evidenceBytes = crypto.randomBytes(kEvidenceBytes);
  fs.writeFileSync(evidenceFile, evidenceBytes);
  const evidenceSha = crypto.createHash('sha256').update(evidenceBytes).digest('hex');

  await step('login as documenter', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('#login-form');
    await shot(page, '01-login');
    await page.fill('#login-name', users.documenter.name);
    await page.fill('#login-password', 'wrong-password-123');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-status:not([hidden])');
    check(await page.isVisible('#totp-field'), 'after a refused sign-in the second-factor field is not offered');
    await login(page, base, users.documenter);
    await page.waitForSelector('#kind-counts tbody tr');
    await shot(page, '02-dashboard');
    check(await page.isVisible('.synthetic'), 'the demo data is not marked SYNTHETIC');
  });

  await step('add a testimony', async () => {
    await page.click('#add-testimony');
    await page.waitForSelector('#record-form[data-kind="source"]');
    // The server's validation errors appear next to their field.
    await page.click('#save-record');
    await page.waitForSelector('#form-errors:not([hidden])');
    await page.waitForSelector('[data-path="title"][aria-invalid="true"]');
    await page.selectOption('[data-path="type"]', 'testimony');
    await page.fill('[data-path="title"]', `SYNTHETIC browser-test testimony ${unique}`);
    await page.fill('[data-path="language"]', 'hy');
    await page.fill('[data-path="date"]', '1990-04-12');
    await page.selectOption('[data-path="reliability"]', 'B');
    await page.check('[data-path="consent.scopes"][value="legal_use"]');
    await page.fill('[data-path="transcript"]', 'SYNTHETIC transcript: the witness describes a beating in the courtyard.');
    await shot(page, '03-testimony-form');
    ids.source = await saveAndGetId(page, 'src');
    check((await page.textContent('#record-title')).includes(unique), 'the new testimony does not show its title');
  });

  await step('add a person with Armenian and Latin names', async () => {
    check(ids.source, 'no testimony');
    await page.click('#add-person');
    await page.waitForSelector('#record-form[data-kind="person"]');
    await fillName(page, 0, 'Վարդգես', 'Armn', 'given');
    for (const [index, value, script, part] of [[1, 'Մելիքսեթյան', 'Armn', 'family'], [2, 'Vardges', 'Latn', 'given'], [3, 'Meliksetyan', 'Latn', 'family']]) {
      await page.click('button.add-item[data-path="names"]');
      await fillName(page, index, value, script, part);
    }
    await page.selectOption('[data-path="sex"]', 'male');
    await page.fill('[data-path="birth"]', '1961');
    await page.fill('[data-path="contacts"]', `synthetic contact ${unique}`);
    await shot(page, '04-person-form');
    ids.person = await saveAndGetId(page, 'per');
    const fields = await page.textContent('#record-fields');
    check(fields.includes('Մելիքսեթյան') && fields.includes('Meliksetyan'), 'the person page lacks a name');
  });

  await step('add an act against the person, sourced to the testimony', async () => {
    check(ids.person && ids.source, 'no person or testimony');
    await page.click('#add-act');
    await page.waitForSelector('#record-form[data-kind="act"]');
    check((await page.inputValue('[data-path="victim"]')) === ids.person, 'the act form is not prefilled with the victim');
    await page.selectOption('[data-path="type"]', 'beating');
    await page.fill('[data-path="date"]', '1990-04-03');
    await page.check('[data-path="grounds"][value="national_identity"]');
    ids.act = await saveAndGetId(page, 'act');
    await page.click('#add-information');
    await page.waitForSelector('#record-form[data-kind="information"]');
    check((await page.inputValue('[data-path="record"]')) === ids.act, 'the link form is not prefilled with the act');
    await page.fill('[data-path="source"]', ids.source);
    await page.selectOption('[data-path="stance"]', 'supports');
    await page.selectOption('[data-path="credibility"]', '2');
    await page.fill('[data-path="locator"]', '00:12:30');
    await page.fill('[data-path="excerpt"]', 'SYNTHETIC excerpt: they beat him in the courtyard');
    ids.information = await saveAndGetId(page, 'inf');
    await page.goto(`${base}/app/record/${ids.act}`);
    await page.waitForSelector('#sources table');
    const sources = await page.textContent('#sources');
    check(sources.includes(unique) && sources.includes('courtyard'), 'the act page does not show its source and excerpt');
    await page.waitForSelector('#history li');
    await page.waitForSelector('#proof .hash');
    await shot(page, '05-act-record');
    // The list of acts filtered on this victim holds exactly this act.
    await page.goto(`${base}/app/list/act`);
    await page.waitForSelector('#record-list');
    await page.selectOption('form.filter select', 'victim');
    await page.fill('form.filter input', ids.person);
    await page.click('form.filter button[type=submit]');
    await page.waitForSelector(`ul.chips li:has-text("victim=${ids.person}")`);
    await page.waitForSelector('#record-list');
    const listed = await page.$$eval('#record-list tbody tr a', (links) => links.map((a) => a.getAttribute('href')));
    check(listed.length === 1 && listed[0] === `/app/record/${ids.act}`, `the filtered list shows ${JSON.stringify(listed)}`);
  });

  await step('edit the act and see the change in its history', async () => {
    check(ids.act, 'no act');
    await page.goto(`${base}/app/record/${ids.act}`);
    await page.click('#edit-record');
    await page.waitForSelector('#record-form[data-kind="act"]');
    await page.fill('[data-path="method"]', 'with sticks');
    await page.fill('[data-path="reason"]', 'SYNTHETIC: the witness added the method');
    await page.click('#save-record');
    await page.waitForSelector('#history li[data-rev="2"] table.diff');
    const diff = await page.textContent('#history li[data-rev="2"]');
    check(diff.includes('method') && diff.includes('with sticks'), 'the revision does not show the changed field');
  });

  await step('upload evidence (resumed, chunked) and see its SHA-256', async () => {
    check(ids.source, 'no testimony');
    await page.goto(`${base}/app/record/${ids.source}`);
    await page.click('#upload-evidence');
    await page.waitForSelector('#upload-form');
    const fileInput = page.locator('#upload-form input[type=file]');
    await fileInput.setInputFiles(evidenceFile);
    // An earlier, interrupted upload of the same file: the UI must resume it.
    const started = await page.evaluate(async ({ source, firstBytes }) => {
      const file = document.querySelector('#upload-form input[type=file]').files[0];
      const csrf = (await (await fetch('/api/v1/session')).json()).csrf;
      const headers = { 'X-CSRF-Token': csrf };
      const created = await fetch('/api/v1/uploads', {
        method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: file.name, size: file.size, source }),
      });
      if (!created.ok) return { error: `create ${created.status} ${await created.text()}` };
      const { upload_id: uploadId } = await created.json();
      const put = await fetch(`/api/v1/uploads/${uploadId}`, {
        method: 'PUT', headers: { ...headers, 'Content-Range': `bytes 0-${firstBytes - 1}/${file.size}` },
        body: file.slice(0, firstBytes),
      });
      if (!put.ok) return { error: `put ${put.status} ${await put.text()}` };
      localStorage.setItem(`vka.upload:${file.name}:${file.size}:${file.lastModified}`, uploadId);
      return { received: (await put.json()).received };
    }, { source: ids.source, firstBytes: kResumeFirstBytes });
    check(!started.error, `could not start the interrupted upload: ${started.error}`);
    check(started.received === kResumeFirstBytes, `the server received ${started.received} bytes of the first chunk`);
    await page.click('#start-upload');
    await page.waitForSelector('#upload-sha256', { timeout: 30_000 });
    const shown = (await page.textContent('#upload-sha256')).trim();
    check(shown === evidenceSha, `the UI shows SHA-256 ${shown}, the file's is ${evidenceSha}`);
    await shot(page, '06-upload-done');
    await page.click('#upload-result a[href^="/app/evidence/"]');
    await page.waitForSelector('#custody tbody tr');
    check((await page.textContent('#evidence-sha256')).trim() === evidenceSha, 'the evidence page shows another hash');
    await shot(page, '07-evidence-custody');
  });

  await step('search in Cyrillic finds the Armenian record', async () => {
    check(ids.person, 'no person');
    const box = page.locator('#global-search');
    check((await box.count()) === 1, 'no search box: the server does not offer /api/v1/search (see its OpenAPI document)');
    await box.fill('Меликсетян');
    await box.press('Enter');
    await page.waitForSelector('#search-results, #search-empty, #search-error');
    check(await page.isVisible(`#search-results li[data-id="${ids.person}"]`),
      `searching "Меликсетян" did not list ${ids.person}: ${(await page.textContent('main')).slice(0, 300)}`);
    await shot(page, '08-search');
  });

  await step('bulk import is all or nothing and reports each problem', async () => {
    const town = `SYNTHETIC Import Town ${unique}`;
    const good = JSON.stringify({ kind: 'place', type: 'city', names: [{ value: town, script: 'Latn' }] });
    const bad = JSON.stringify({ kind: 'place', type: 'city', names: [{ value: 'SYNTHETIC bad', script: 'Armm' }] });
    const exported = async () => (await pageApi(page, 'GET', '/api/v1/export?format=ndjson&kind=place')).text;
    await page.goto(`${base}/app/import`);
    await page.waitForSelector('#import-form');
    await page.fill('#import-form textarea', `${good}\n${bad}\n`);
    await page.click('#start-import');
    await page.waitForSelector('#import-errors tbody tr');
    const rows = await page.$$eval('#import-errors tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    check(rows.length === 1 && rows[0][0] === '2' && /script/.test(rows[0][1] + rows[0][2]),
      `the error report does not name line 2's script alone: ${JSON.stringify(rows)}`);
    await shot(page, '09-import-errors');
    check(!(await exported()).includes(town), 'a refused import wrote its good line');
    await page.fill('#import-form textarea', `${good}\n`);
    await page.click('#start-import');
    await page.waitForSelector('#import-report .flash');
    check((await exported()).includes(town), 'the imported place is not in the export');
  });

  await step('the language switch translates the UI', async () => {
    await page.goto(`${base}/app/export`);
    await page.waitForSelector('#export-links');
    await page.selectOption('#lang-select', 'hy');
    const heading = (text) => page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, text);
    await heading('Արտահանում');
    check((await page.getAttribute('html', 'lang')) === 'hy', 'the page language is not hy');
    await page.selectOption('#lang-select', 'ru');
    await heading('Экспорт');
    await shot(page, '10-export-ru');
    await page.selectOption('#lang-select', 'en');
    await heading('Export');
  });

  await step('the memorial shows without login and hides restricted values', async () => {
    await logout(page);
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    check(session === 401, `signed out, yet /api/v1/session answers ${session}`);
    await page.goto(`${base}/memorial`);
    await page.waitForSelector('#checkpoint');
    check((await page.textContent('#checkpoint')).trim().length > 0, 'the memorial shows no checkpoint');
    check((await page.locator('#timeline li').count()) > 0, 'the memorial timeline is empty');
    check(await page.isVisible('.synthetic'), 'the memorial does not mark the demo as SYNTHETIC');
    const text = await page.textContent('body');
    const json = await page.evaluate(async () => (await fetch('/api/v1/memorial')).text());
    for (const [what, value] of [['restricted title', canary.restrictedTitle], ['sensitive contact', canary.sensitiveContact],
      ['demo contacts', '@example.invalid'], ['test person contact', `synthetic contact ${unique}`]]) {
      check(!text.includes(value), `the memorial page shows a ${what}: ${value}`);
      check(!json.includes(value), `/api/v1/memorial returns a ${what}: ${value}`);
    }
    await shot(page, '11-memorial');
  });

  await step('a viewer sees no add button and the server refuses its write', async () => {
    await login(page, base, users.viewer, { keyboard: true });
    check((await page.locator('#add-testimony').count()) === 0, 'the viewer sees "add testimony"');
    await page.goto(`${base}/app/list/source`);
    await page.waitForSelector('#record-list');
    check((await page.locator('#add-record').count()) === 0, 'the viewer sees the add button');
    if (ids.source) {
      await page.goto(`${base}/app/record/${ids.source}`);
      await page.waitForSelector('#record-fields');
      check((await page.locator('#edit-record').count()) === 0, 'the viewer sees the edit button');
    }
    if (ids.person) {
      await page.goto(`${base}/app/record/${ids.person}`);
      await page.waitForSelector('#record-fields');
      check(!(await page.textContent('#record-fields')).includes(`synthetic contact ${unique}`), 'the viewer sees a sensitive field');
    }
    await shot(page, '12-viewer');
    const refused = await pageApi(page, 'POST', '/api/v1/records', { kind: 'source', body: { type: 'document', title: 'SYNTHETIC viewer write' } });
    check(refused.status === 403, `the server answered ${refused.status} to a viewer's write: ${refused.text}`);
  });

  await step('no script errors or CSP violations', async () => {
    check(pageProblems.length === 0, pageProblems.join('\n'));
  });
}

main()
  .catch((error) => {
    results.push({ name: 'setup', ok: false, error });
    console.log(`FAIL setup: ${error.message}`);
  })
  .finally(async () => {
    clearTimeout(overall);
    await cleanup();
    const failed = results.filter((r) => !r.ok);
    console.log(`\n${results.length - failed.length} passed, ${failed.length} failed; screenshots in ${shots}`);
    process.exit(failed.length || !results.length ? 1 : 0);
  });
