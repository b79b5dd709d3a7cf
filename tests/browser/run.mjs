#!/usr/bin/env node
// Browser end-to-end tests of vka's web UI (issue 7), records and evidence:
// sign-in and the forced password change, forms with validation, a person
// with names in two scripts, an act with its source, a resumable evidence
// upload, search, import, the public memorial and a viewer's limits.
// Machinery (server, Chromium, steps, screenshots) in harness.mjs.
//
// Usage: node run.mjs /path/to/vka
// Screenshots go to ./screenshots/ (the ctest working directory). Exits 0
// when every step passes; prints each step's result.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { Harness, check } from './harness.mjs';

// Larger than one upload chunk (8 MiB) so the upload takes several PUTs.
const kEvidenceBytes = 9 * 1024 * 1024 + 321;
const kResumeFirstBytes = 1024 * 1024;

const suffix = crypto.randomBytes(4).toString('hex');
const h = await Harness.create('browser_e2e', {
  users: {
    documenter: { name: 'docu', role: 'documenter', password: `synthetic-docu-${suffix}-pass` },
    viewer: { name: 'viewer1', role: 'viewer', password: `synthetic-view-${suffix}-pass` },
  },
});
const { users, unique, work } = h;
// Values that must never reach the public memorial.
const canary = {
  restrictedTitle: `CANARY-RESTRICTED-${unique}`,
  sensitiveContact: `canary-contact-${unique}@example.invalid`,
};

function prepareWorkspace() {
  h.prepare();
  // A restricted record and a public person's sensitive field: the memorial
  // must show neither.
  h.vkaRun(['add', 'source', '--json', JSON.stringify({
    type: 'document', title: canary.restrictedTitle, confidentiality: 'restricted',
    remarks: 'SYNTHETIC canary for the browser test',
  })]);
  h.vkaRun(['add', 'person', '--json', JSON.stringify({
    names: [{ value: 'Canary', script: 'Latn', part: 'given' }], confidentiality: 'public',
    contacts: canary.sensitiveContact, remarks: 'SYNTHETIC canary for the browser test',
  })]);
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

async function main() {
  prepareWorkspace();
  const page = await h.start();
  const { base } = h;

  const ids = {};
  const evidenceFile = path.join(work, 'SYNTHETIC-evidence.bin');
  const evidenceBytes = crypto.randomBytes(kEvidenceBytes);
  fs.writeFileSync(evidenceFile, evidenceBytes);
  const evidenceSha = crypto.createHash('sha256').update(evidenceBytes).digest('hex');

  await h.step('login as documenter', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('#login-form');
    await h.shot('01-login');
    await page.fill('#login-name', users.documenter.name);
    await page.fill('#login-password', 'wrong-password-123');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-status:not([hidden])');
    check(await page.isVisible('#totp-field'), 'after a refused sign-in the second-factor field is not offered');
    await h.login(users.documenter);
    await page.waitForSelector('#kind-counts tbody tr');
    await h.shot('02-dashboard');
    check(await page.isVisible('.synthetic'), 'the demo data is not marked SYNTHETIC');
  });

  await h.step('a page opened while the previous one loads is not overwritten by it', async () => {
    // One of the dashboard's counts (situations, limit=100; list pages ask
    // for 50) is held back 3 s; the user opens the list of sources
    // meanwhile, which loads first. The late dashboard must not replace it.
    const slow = /\/api\/v1\/records\?kind=situation&limit=100$/;
    await page.route(slow, async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    });
    try {
      await page.goto(`${base}/`);
      await page.waitForSelector('#main .muted');
      await page.click('nav a[href="/app/list/source"]');
      await page.waitForSelector('#record-list');
      await page.waitForTimeout(4000);
      check(await page.isVisible('#record-list'), 'the list of sources was replaced by the late dashboard');
      check((await page.locator('#kind-counts').count()) === 0, 'the late dashboard was drawn over the list');
    } finally {
      await page.unroute(slow);
    }
    await page.goto(`${base}/`);
    await page.waitForSelector('#kind-counts tbody tr');
  });

  await h.step('add a testimony', async () => {
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
    await h.shot('03-testimony-form');
    ids.source = await saveAndGetId(page, 'src');
    check((await page.textContent('#record-title')).includes(unique), 'the new testimony does not show its title');
  });

  await h.step('add a person with Armenian and Latin names', async () => {
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
    await h.shot('04-person-form');
    ids.person = await saveAndGetId(page, 'per');
    const fields = await page.textContent('#record-fields');
    check(fields.includes('Մելիքսեթյան') && fields.includes('Meliksetyan'), 'the person page lacks a name');
  });

  await h.step('add an act against the person, sourced to the testimony', async () => {
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
    await h.shot('05-act-record');
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

  await h.step('edit the act and see the change in its history', async () => {
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

  await h.step('upload evidence (resumed, chunked) and see its SHA-256', async () => {
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
    await h.shot('06-upload-done');
    await page.click('#upload-result a[href^="/app/evidence/"]');
    await page.waitForSelector('#custody tbody tr');
    check((await page.textContent('#evidence-sha256')).trim() === evidenceSha, 'the evidence page shows another hash');
    await h.shot('07-evidence-custody');
  });

  await h.step('record a transfer in the chain of custody', async () => {
    await page.waitForSelector('#custody-form');
    await page.selectOption('#custody-form select[name="action"]', 'transferred');
    await page.fill('#custody-form input[name="counterpart"]', 'SYNTHETIC Prosecutor\'s Office');
    await page.fill('#custody-form input[name="purpose"]', 'investigation');
    await page.fill('#custody-form textarea[name="reason"]', 'handed over in person');
    await page.click('#custody-submit');
    await page.waitForFunction(() => [...document.querySelectorAll('#custody tbody tr')]
      .some((tr) => tr.textContent.includes('transferred') && tr.textContent.includes('SYNTHETIC Prosecutor')));
    check((await page.textContent('#custody-status')).trim() !== '', 'no confirmation after recording the transfer');
  });

  await h.step('search in Cyrillic finds the Armenian record', async () => {
    check(ids.person, 'no person');
    const box = page.locator('#global-search');
    check((await box.count()) === 1, 'no search box: the server does not offer /api/v1/search (see its OpenAPI document)');
    await box.fill('Меликсетян');
    await box.press('Enter');
    await page.waitForSelector('#search-results, #search-empty, #search-error');
    check(await page.isVisible(`#search-results li[data-id="${ids.person}"]`),
      `searching "Меликсетян" did not list ${ids.person}: ${(await page.textContent('main')).slice(0, 300)}`);
    await h.shot('08-search');
  });

  await h.step('bulk import is all or nothing and reports each problem', async () => {
    const town = `SYNTHETIC Import Town ${unique}`;
    const good = JSON.stringify({ kind: 'place', type: 'city', names: [{ value: town, script: 'Latn' }] });
    const bad = JSON.stringify({ kind: 'place', type: 'city', names: [{ value: 'SYNTHETIC bad', script: 'Armm' }] });
    const exported = async () => (await h.pageApi('GET', '/api/v1/export?format=ndjson&kind=place')).text;
    await page.goto(`${base}/app/import`);
    await page.waitForSelector('#import-form');
    await page.fill('#import-form textarea', `${good}\n${bad}\n`);
    await page.click('#start-import');
    await page.waitForSelector('#import-errors tbody tr');
    const rows = await page.$$eval('#import-errors tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    check(rows.length === 1 && rows[0][0] === '2' && /script/.test(rows[0][1] + rows[0][2]),
      `the error report does not name line 2's script alone: ${JSON.stringify(rows)}`);
    await h.shot('09-import-errors');
    check(!(await exported()).includes(town), 'a refused import wrote its good line');
    await page.fill('#import-form textarea', `${good}\n`);
    await page.click('#start-import');
    await page.waitForSelector('#import-report .flash');
    check((await exported()).includes(town), 'the imported place is not in the export');
  });

  await h.step('the language switch translates the UI', async () => {
    await page.goto(`${base}/app/export`);
    await page.waitForSelector('#export-links');
    await page.selectOption('#lang-select', 'hy');
    const heading = (text) => page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, text);
    await heading('Արտահանում');
    check((await page.getAttribute('html', 'lang')) === 'hy', 'the page language is not hy');
    await page.selectOption('#lang-select', 'ru');
    await heading('Экспорт');
    await h.shot('10-export-ru');
    await page.selectOption('#lang-select', 'en');
    await heading('Export');
  });

  await h.step('the memorial shows without login and hides restricted values', async () => {
    await h.logout();
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
    await h.shot('11-memorial');
  });

  await h.step('a viewer sees no add button and the server refuses its write', async () => {
    await h.login(users.viewer, { keyboard: true });
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
    await h.shot('12-viewer');
    const refused = await h.pageApi('POST', '/api/v1/records', { kind: 'source', body: { type: 'document', title: 'SYNTHETIC viewer write' } });
    check(refused.status === 403, `the server answered ${refused.status} to a viewer's write: ${refused.text}`);
  });

  await h.stepNoPageProblems();
}

h.run(main);
