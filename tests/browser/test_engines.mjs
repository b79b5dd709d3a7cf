#!/usr/bin/env node
// Browser test of the audit trail and charts pages (docs/api.md "Engines")
// on the demo workspace with a sealed act added: an admin opens the audit
// page, filters it, and opens the charts page; a viewer opens the charts
// page and sees every chart and counts lower by the sealed act, and has no
// audit page; a kept estimate is shown to the admin, not to the viewer.
// Machinery in harness.mjs. Usage: node test_engines.mjs /path/to/vka

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { Harness, check } from './harness.mjs';

const kCharts = ['timeline', 'places', 'calendar', 'victims', 'map'];

const suffix = crypto.randomBytes(4).toString('hex');
const h = await Harness.create('browser_engines', {
  users: {
    admin: { name: 'admin1', role: 'admin', password: `synthetic-admin-${suffix}-pass` },
    viewer: { name: 'viewer1', role: 'viewer', password: `synthetic-view-${suffix}-pass` },
  },
  timeoutMs: 200_000,
});

// Adds a sealed act to an event of the demo's situation; returns the situation.
function addSealedAct() {
  const events = h.vkaRun(['list', 'event', '--limit', '200', '--format', 'ndjson'])
    .split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const bodyOf = (r) => r.body || r;
  const event = events.map(bodyOf).find((e) => e.situation && (e.confidentiality || 'internal') === 'internal');
  check(event, 'the demo has no internal event of a situation');
  h.vkaRun(['add', 'act', '--json', JSON.stringify({
    type: 'killing', event: event.id, date: '1989-03-03', victim_count: 1, confidentiality: 'sealed',
    remarks: 'SYNTHETIC sealed act for the browser test',
  })]);
  return event.situation;
}

// Waits until every chart image on the page has loaded; returns the kinds shown.
async function loadedCharts(page) {
  await page.waitForSelector('figure.chart img');
  await page.waitForFunction(() => [...document.querySelectorAll('figure.chart img')]
    .every((img) => img.complete && img.naturalWidth > 0), null, { timeout: 30_000 });
  return page.$$eval('figure.chart', (figures) => figures.map((f) => f.dataset.kind));
}

// Keeps a multiple systems estimate from a SYNTHETIC two-list table with the
// situation (docs/statistics.md); returns its documented count.
function keepEstimate(situation) {
  const table = path.join(h.work, 'overlap.csv');
  fs.writeFileSync(table, 'A,B,count\n1,0,60\n0,1,50\n1,1,20\n');
  h.vkaRun(['estimate', '--table', table, '--method', 'loglinear', '--keep-for', situation,
    '--counts', 'SYNTHETIC persons killed']);
  return 130;
}

async function shownActs(page) {
  const text = await page.textContent('#stats-summary');
  return Number((text.match(/\d+/) || [''])[0]);
}

async function main() {
  h.prepare();
  const situation = addSealedAct();
  const documented = keepEstimate(situation);
  const page = await h.start();
  const state = {};

  await h.step('admin signs in and opens the audit trail', async () => {
    await h.login(h.users.admin);
    await page.waitForSelector('#kind-counts tbody tr');
    await page.click('nav a[href="/app/audit"]');
    await page.waitForSelector('#audit-entries tbody tr');
    const actions = await page.$$eval('#audit-entries .audit-action', (cells) => cells.map((c) => c.textContent));
    check(actions.includes('login.ok'), `the trail lists ${JSON.stringify(actions.slice(0, 10))}`);
    await h.shot('engines-01-audit');
  });

  await h.step('admin filters the audit trail by action', async () => {
    await page.fill('#audit-filters input[name=action]', 'login');
    await page.click('#audit-apply');
    await page.waitForURL(/action=login/);
    await page.waitForSelector('#audit-entries tbody tr');
    const actions = await page.$$eval('#audit-entries .audit-action', (cells) => cells.map((c) => c.textContent));
    check(actions.length > 0 && actions.every((a) => a.startsWith('login')), `filtered: ${JSON.stringify(actions)}`);
    const answer = JSON.parse((await h.pageApi('GET', '/api/v1/audit?action=login&limit=100')).text);
    check(actions.length === answer.entries.length, `${actions.length} rows for ${answer.entries.length} entries`);
    await h.shot('engines-02-audit-filtered');
  });

  await h.step('admin opens the charts page', async () => {
    await page.click('nav a[href="/app/charts"]');
    await page.waitForSelector('#charts-role-note');
    await page.goto(`${h.base}/app/charts?situation=${situation}`);
    const kinds = await loadedCharts(page);
    check(kinds.join() === [...kCharts, 'estimate'].join(), `charts shown: ${kinds}`);
    state.adminActs = await shownActs(page);
    const stats = JSON.parse((await h.pageApi('GET', `/api/v1/stats?situation=${situation}`)).text);
    check(state.adminActs === stats.acts, `the page shows ${state.adminActs} acts, the API ${stats.acts}`);
    const estimate = await page.textContent('#kept-estimate');
    check(estimate.includes('SYNTHETIC persons killed') && estimate.includes(`documented ${documented}`),
      `the kept estimate shown: ${estimate}`);
    const shown = String(Math.round(stats.estimate.result.methods.loglinear.estimate));
    check(estimate.includes(`estimated ${shown}`), `estimate ${shown} not in: ${estimate}`);
    await h.shot('engines-03-charts-admin');
  });

  await h.step('a viewer sees every chart, counted from what it may read', async () => {
    await h.logout();
    await h.login(h.users.viewer);
    await page.waitForSelector('#kind-counts tbody tr');
    check(!(await page.$('nav a[href="/app/audit"]')), 'the viewer is offered the audit page');
    await page.click('nav a[href="/app/charts"]');
    await page.waitForSelector('#charts-role-note');
    await page.goto(`${h.base}/app/charts?situation=${situation}`);
    const kinds = await loadedCharts(page);
    check(kinds.join() === kCharts.join(), `charts shown to the viewer: ${kinds}`);
    const acts = await shownActs(page);
    check(acts < state.adminActs, `the viewer is shown ${acts} acts, the admin ${state.adminActs}`);
    const caveats = await page.textContent('#stats-summary');
    check(caveats.includes('viewer role'), `no role caveat: ${caveats}`);
    check(!(await page.$('#kept-estimate')), 'the viewer is shown the kept estimate');
    const refused = await h.pageApi('GET', '/api/v1/audit');
    check(refused.status === 403, `the audit trail answered ${refused.status} to a viewer`);
    await h.shot('engines-04-charts-viewer');
  });

  await h.stepNoPageProblems();
}

h.run(main);
