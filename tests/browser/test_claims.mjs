#!/usr/bin/env node
// Browser test of the reparations registry pages (docs/ui.md "Claims
// registry") on the demo's SYNTHETIC claims: a claims officer (role lawyer:
// moves claims and decides) opens the registry, filters it by status, opens
// a claim, moves it to its next status with a reason and sees the history
// update, dismisses a duplicate flag with a rationale, opens the summary,
// draws a verification sample and records its findings up to the
// conclusion, and opens a claim's statement PDF.
// Machinery in harness.mjs. Usage: node test_claims.mjs /path/to/vka

import crypto from 'node:crypto';

import { Harness, check } from './harness.mjs';

// Statuses with a next move that is not a decision.
const kMovable = ['draft', 'submitted', 'under_verification', 'verified'];

const suffix = crypto.randomBytes(4).toString('hex');
const h = await Harness.create('browser_claims', {
  users: { officer: { name: 'claims-officer', role: 'lawyer', password: `synthetic-officer-${suffix}-pass` } },
});

async function main() {
  h.prepare();
  const page = await h.start();
  const state = {};

  await h.step('claims officer signs in and opens the registry', async () => {
    await h.login(h.users.officer);
    await page.waitForSelector('#kind-counts tbody tr'); // the dashboard has finished loading
    await page.click('nav a[href="/app/claims"]');
    await page.waitForSelector('#claims-list tbody tr');
    check((await page.textContent('h1')).includes('Claims registry'), 'the registry page has no heading');
    const statuses = await page.$$eval('#claims-list tbody tr', (rows) => rows.map((r) => r.dataset.status));
    state.status = kMovable.find((s) => statuses.includes(s));
    check(state.status, `no claim in a movable status among ${JSON.stringify(statuses)}`);
    await h.shot('claims-01-list');
  });

  await h.step('filter the registry by status', async () => {
    check(state.status, 'no status to filter by');
    await page.selectOption('#claims-status-filter', state.status);
    await page.click('#claims-filter button[type=submit]');
    await page.waitForURL(new RegExp(`/app/claims\\?status=${state.status}`));
    await page.waitForSelector('#claims-list tbody tr');
    const statuses = await page.$$eval('#claims-list tbody tr', (rows) => rows.map((r) => r.dataset.status));
    check(statuses.length > 0 && statuses.every((s) => s === state.status), `filtered list shows ${JSON.stringify(statuses)}`);
    check((await page.inputValue('#claims-status-filter')) === state.status, 'the filter does not show the chosen status');
    state.claim = await page.getAttribute('#claims-list tbody tr', 'data-id');
    await h.shot('claims-02-filtered');
  });

  await h.step('open a claim and move it to its next status with a reason', async () => {
    check(state.claim, 'no claim to open');
    await page.click(`#claims-list a[href="/app/claims/${state.claim}"]`);
    await page.waitForSelector('#claim-title');
    check((await page.getAttribute('#claim-status', 'data-status')) === state.status, 'the claim page shows another status');
    await page.waitForSelector('#claim-history-table tbody tr');
    const revisionsBefore = await page.$$eval('#claim-history-table tbody tr', (rows) => rows.length);
    // Every control of the workflow form has a label.
    const unlabelled = await page.$$eval('#transition-form input, #transition-form select, #transition-form textarea',
      (controls) => controls.filter((c) => !document.querySelector(`label[for="${c.id}"]`)).map((c) => c.id || c.outerHTML));
    check(unlabelled.length === 0, `controls without a label: ${unlabelled.join(', ')}`);
    const options = await page.$$eval('#transition-to option', (opts) => opts.map((o) => ({ value: o.value, decision: o.dataset.decision })));
    const move = options.find((o) => !o.decision && o.value !== 'withdrawn');
    check(move, `no workflow move offered: ${JSON.stringify(options)}`);
    state.to = move.value;
    await page.selectOption('#transition-to', state.to);
    check(await page.isHidden('#transition-decision'), 'decision fields shown for a workflow move');
    const reason = `SYNTHETIC browser test: documents checked ${suffix}`;
    await page.fill('#transition-reason', reason);
    await h.shot('claims-03-transition-form');
    await page.click('#transition-submit');
    await page.waitForSelector(`#claim-status[data-status="${state.to}"]`);
    await page.waitForSelector('.flash');
    const rows = await page.$$eval('#claim-history-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    check(rows.length === revisionsBefore + 1, `history has ${rows.length} rows, expected ${revisionsBefore + 1}`);
    check(rows[0].includes(reason) && rows[0].includes(h.users.officer.name), 'the newest history row lacks the reason or the actor');
    await h.shot('claims-04-moved');
  });

  await h.step('a decision status shows the decision fields', async () => {
    const decisions = await page.$$eval('#transition-to option', (opts) => opts.filter((o) => o.dataset.decision).map((o) => o.value));
    if (!decisions.length) return; // the claim's next states hold no decision
    await page.selectOption('#transition-to', decisions[0]);
    check(await page.isVisible('#transition-legal-basis'), 'the legal basis field is hidden for a decision');
  });

  await h.step('dismiss a duplicate flag with a rationale', async () => {
    await page.click('#claims-duplicates-link');
    await page.waitForSelector('#duplicate-flags article.flag');
    state.flag = await page.locator('article.flag:has(.flag-review)').first().getAttribute('data-flag');
    check(state.flag, 'no undecided flag with a review form');
    const card = page.locator(`article.flag[data-flag="${state.flag}"]`);
    check((await card.locator('.flag-explanation').textContent()).trim().length > 0, 'the flag has no explanation');
    // Without a rationale nothing is sent.
    await card.locator('.flag-dismiss').click();
    await card.locator('.flag-reason[aria-invalid="true"]').waitFor();
    await card.locator('.flag-reason').fill(`SYNTHETIC: distinct claims, checked ${suffix}`);
    await card.locator('.flag-dismiss').click();
    await card.locator('.flag-review').waitFor({ state: 'detached' });
    check((await card.locator('.flag-decision').textContent()).includes(h.users.officer.name), 'the card does not show the decision');
    const answer = await h.pageApi('GET', '/api/v1/claims/duplicates');
    const flag = JSON.parse(answer.text).flags.find((f) => f.id === state.flag);
    check(flag && flag.decision === 'dismissed' && flag.reviewer === h.users.officer.name, `the server holds ${JSON.stringify(flag)}`);
    await h.shot('claims-05-duplicates');
  });

  await h.step('open the summary grouped by status', async () => {
    await page.click('#claims-summary-link');
    await page.waitForSelector('#claims-summary tbody tr.total');
    await page.selectOption('#claims-summary-by', 'status');
    await page.click('#claims-summary-form button[type=submit]');
    await page.waitForURL(/\/app\/claims\/summary\?by=status/);
    await page.waitForSelector('#claims-summary tbody tr:not(.total)');
    const answer = JSON.parse((await h.pageApi('GET', '/api/v1/claims/summary?by=status')).text);
    const rows = await page.$$eval('#claims-summary tbody tr', (trs) => trs.length);
    check(rows === answer.groups.length + 1, `the table has ${rows} rows for ${answer.groups.length} groups`);
    const total = await page.textContent('#claims-summary tr.total td');
    check(total.trim() === String(answer.total.claims), `total ${total} differs from ${answer.total.claims}`);
    await h.shot('claims-06-summary');
  });

  await h.step('the summary in Armenian', async () => {
    await page.selectOption('#lang-select', 'hy');
    await page.waitForSelector('h1:has-text("Ռեեստրի ամփոփում")');
    await page.selectOption('#lang-select', 'en');
    await page.waitForSelector('h1:has-text("Registry summary")');
  });

  await h.step('draw a verification sample, record findings and see the conclusion', async () => {
    await page.click('nav a[href="/app/claims"]');
    await page.waitForSelector('#sample-form');
    const statuses = await page.$$eval('#claims-list tbody tr', (rows) => rows.map((r) => r.dataset.status));
    await page.selectOption('#sample-status', statuses[0]);
    await page.fill('#sample-margin', '0.4'); // a small sample: a few claims to check
    await page.fill('#sample-reason', `SYNTHETIC browser sample ${suffix}`);
    await page.click('#sample-draw');
    await page.waitForURL(/\/app\/claims\/samples\/smp_/);
    await page.waitForSelector('#sample-claims tbody tr');
    // Without a note nothing is sent.
    await page.locator('.finding-correct').first().click();
    await page.waitForSelector('.finding-note[aria-invalid="true"]');
    for (let i = 0; await page.locator('.finding-correct').count(); i++) {
      check(i < 100, 'findings do not get recorded');
      const before = await page.locator('.finding-correct').count();
      await page.locator('.finding-note').first().fill(`SYNTHETIC check ${i}`);
      await page.locator(i === 0 ? '.finding-error' : '.finding-correct').first().click();
      await page.waitForFunction((n) => document.querySelectorAll('.finding-correct').length < n, before);
    }
    const text = await page.textContent('#sample-conclusion');
    const id = page.url().split('/').pop();
    const answer = JSON.parse((await h.pageApi('GET', `/api/v1/claims/samples/${id}`)).text);
    check(answer.conclusion && answer.conclusion.errors === 1, `the server holds ${JSON.stringify(answer.conclusion)}`);
    check(text.includes(`${answer.conclusion.checked}`) && text.includes('at most'), `the conclusion reads: ${text}`);
    await h.shot('claims-07-sample');
  });

  await h.step('open the statement PDF of a claim', async () => {
    check(state.claim, 'no claim to open');
    await page.goto(new URL(`/app/claims/${state.claim}`, page.url()).toString());
    await page.waitForSelector('#claim-statement .statement-link[data-lang="hy"]');
    const links = await page.$$eval('#claim-statement a', (as) => as.map((a) => a.dataset.lang));
    check(JSON.stringify(links) === JSON.stringify(['en', 'hy', 'ru']), `statement links: ${JSON.stringify(links)}`);
    const href = await page.getAttribute('#claim-statement .statement-link[data-lang="hy"]', 'href');
    const got = await page.evaluate(async (url) => {
      const r = await fetch(url);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('Content-Type'), magic: String.fromCharCode(...bytes.slice(0, 5)) };
    }, href);
    check(got.status === 200 && got.type === 'application/pdf' && got.magic === '%PDF-', `the statement link gives ${JSON.stringify(got)}`);
  });

  await h.stepNoPageProblems();
}

h.run(main);
