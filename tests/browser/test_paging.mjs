#!/usr/bin/env node
// Browser test of the list pager (view_list.js) on the demo's SYNTHETIC
// persons: "next" pages by the API's keyset (`after` in the URL, the last id
// of the page before), the rows follow in id order without repeats, the
// "Showing" range counts on, and "previous" goes back to the page before.
// Machinery in harness.mjs. Usage: node test_paging.mjs /path/to/vka

import crypto from 'node:crypto';

import { Harness, check } from './harness.mjs';

const suffix = crypto.randomBytes(4).toString('hex');
const h = await Harness.create('browser_paging', {
  users: { viewer: { name: 'viewer1', role: 'viewer', password: `synthetic-view-${suffix}-pass` } },
});

const rowIds = (page) => page.$$eval('#record-list tbody tr code', (codes) => codes.map((c) => c.textContent));

async function main() {
  h.prepare();
  const page = await h.start();
  const state = {};

  await h.step('viewer opens the list of persons', async () => {
    await h.login(h.users.viewer);
    await page.waitForSelector('#kind-counts tbody tr');
    await page.click('nav a[href="/app/list/person"]');
    await page.waitForSelector('#record-list');
    state.first = await rowIds(page);
    check(state.first.length === 50, `${state.first.length} rows on the first page`);
    check(!(await page.$('.pager a[rel="prev"]')), 'a previous link on the first page');
  });

  await h.step('next pages follow by keyset', async () => {
    await page.click('.pager a[rel="next"]');
    await page.waitForURL(/after=/);
    await page.waitForFunction((id) => document.querySelector('#record-list code')
      && document.querySelector('#record-list code').textContent !== id, state.first[0]);
    const url = new URL(page.url());
    check(url.searchParams.get('after') === state.first[49], `after=${url.searchParams.get('after')}`);
    const second = await rowIds(page);
    check(second.length === 50 && second[0] > state.first[49],
      `the second page (${second.length} rows from ${second[0]}) does not follow the first (to ${state.first[49]})`);
    const sorted = [...second].sort();
    check(JSON.stringify(sorted) === JSON.stringify(second), 'rows are not in id order');
    check((await page.textContent('.pager span')).includes('51'), 'the range does not start at 51');
    // The API's own next page is the same.
    const api = JSON.parse((await h.pageApi('GET', `/api/v1/records?kind=person&limit=50&after=${state.first[49]}`)).text);
    check(JSON.stringify(api.items.map((i) => i.id)) === JSON.stringify(second), 'the page differs from the API');
    await h.shot('paging-01-second-page');
  });

  await h.step('previous goes back to the first page', async () => {
    await page.click('.pager a[rel="prev"]');
    await page.waitForFunction((id) => document.querySelector('#record-list code')
      && document.querySelector('#record-list code').textContent === id, state.first[0]);
    check(JSON.stringify(await rowIds(page)) === JSON.stringify(state.first), 'not the first page');
  });

  await h.stepNoPageProblems();
}

h.run(main);
