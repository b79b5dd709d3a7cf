#!/usr/bin/env node
// Browser test of the analysis pages (docs/api.md "Analysis") on the demo's
// SYNTHETIC situation: a reviewer opens the case matrix, accepts a rule's
// suggestion with a rationale and sees it marked, decides a pair in the
// linkage review queue and sees it leave the queue, and may not download the
// dossier; a lawyer downloads the dossier PDF from the reports page.
// Machinery in harness.mjs. Usage: node test_analysis.mjs /path/to/vka

import crypto from 'node:crypto';

import { Harness, check } from './harness.mjs';

const suffix = crypto.randomBytes(4).toString('hex');
const h = await Harness.create('browser_analysis', {
  users: {
    reviewer: { name: 'reviewer1', role: 'reviewer', password: `synthetic-review-${suffix}-pass` },
    lawyer: { name: 'lawyer1', role: 'lawyer', password: `synthetic-lawyer-${suffix}-pass` },
  },
  timeoutMs: 200_000,
});

// The dossier link's answer, fetched by the page with its session cookie.
async function fetchFromPage(page, href) {
  return page.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      type: response.headers.get('Content-Type'),
      disposition: response.headers.get('Content-Disposition'),
      head: String.fromCharCode(...bytes.slice(0, 5)),
      size: bytes.length,
    };
  }, href);
}

async function main() {
  h.prepare();
  h.vkaRun(['link', 'persons']); // fills the linkage review queue
  const page = await h.start();
  const { base } = h;
  const state = {};

  await h.step('reviewer signs in and opens the case matrix', async () => {
    await h.login(h.users.reviewer);
    await page.waitForSelector('#kind-counts tbody tr'); // the dashboard has finished loading
    await page.click('nav a[href="/app/matrix"]');
    await page.waitForSelector('#qualifications tbody tr', { timeout: 30_000 });
    const crimes = await page.$$eval('#qualifications tbody tr', (rows) => rows.length);
    const answer = JSON.parse((await h.pageApi('GET', '/api/v1/matrix?max_evidence=1')).text);
    check(crimes === answer.qualifications.length, `${crimes} rows for ${answer.qualifications.length} crimes`);
    const cards = await page.$$eval('article.element', (els) => els.length);
    check(cards === Object.keys(answer.elements).length, `${cards} element cards for ${Object.keys(answer.elements).length} elements`);
    check((await page.textContent('.caveat')).includes('analytic aid'), 'the caveat is missing');
    // A chip links to its element's card.
    const href = await page.getAttribute('#qualifications tbody tr a.chip', 'href');
    check(await page.$(href), `no element card ${href}`);
    await h.shot('analysis-01-matrix');
  });

  await h.step('accept a suggestion with a rationale and see it marked', async () => {
    await page.click('nav a[href="/app/suggestions"]');
    await page.waitForSelector('#suggestions tbody tr', { timeout: 30_000 });
    const row = page.locator('#suggestions tbody tr').first();
    state.suggestion = await row.getAttribute('data-id');
    check(/^sug_/.test(state.suggestion || ''), `row id ${state.suggestion}`);
    check((await row.locator('.suggestion-status').textContent()) === 'suggested', 'the first row is not open');
    // No rationale: refused in the page, nothing sent.
    await row.locator('button.accept').click();
    await row.locator('[role=status]:has-text("rationale")').waitFor();
    await row.locator('input.rationale').fill('SYNTHETIC: the testimony describes the act');
    await row.locator('button.accept').click();
    await row.locator('.suggestion-status:text-is("accepted")').waitFor({ timeout: 30_000 });
    check(await row.evaluate((tr) => tr.classList.contains('decided')), 'the row is not marked as decided');
    await h.shot('analysis-02-suggestion-accepted');
    const accepted = JSON.parse((await h.pageApi('GET', '/api/v1/suggestions?status=accepted&limit=1000')).text);
    const mine = accepted.items.find((s) => s.id === state.suggestion);
    check(mine && mine.decision, 'the server does not list the suggestion as accepted');
    // It leaves the open queue.
    await page.reload();
    await page.waitForSelector('#suggestions tbody tr', { timeout: 30_000 });
    check(!(await page.$(`#suggestions tr[data-id="${state.suggestion}"]`)), 'the accepted suggestion is still listed as open');
  });

  await h.step('review a pair of person records', async () => {
    await page.click('nav a[href="/app/links"]');
    await page.waitForSelector('#link-pairs article.pair');
    const card = page.locator('#link-pairs article.pair').first();
    state.pair = await card.getAttribute('data-pair');
    check(/^per_\w+,per_\w+$/.test(state.pair || ''), `pair ${state.pair}`);
    const fields = await card.locator('table.pair-fields tbody td:first-child').allTextContents();
    check(fields.includes('family_name'), `the explanation lists ${JSON.stringify(fields)}`);
    await h.shot('analysis-03-link-review');
    await card.locator('input.rationale').fill('SYNTHETIC: same birth record');
    await card.locator('button.accept').click();
    await card.locator('[role=status]:has-text("Decision recorded")').waitFor({ timeout: 30_000 });
    check((await card.getAttribute('data-decision')) === 'same_person', 'the card does not show the decision');
    await page.reload();
    await page.waitForSelector('#link-pairs article.pair');
    check(!(await page.$(`article.pair[data-pair="${state.pair}"]`)), 'the decided pair is still in the queue');
    await h.shot('analysis-04-link-decided');
  });

  await h.step('a reviewer has no reports page and may not download the dossier', async () => {
    check(!(await page.$('nav a[href="/app/reports"]')), 'the reviewer sees the reports page');
    const refused = await fetchFromPage(page, '/api/v1/reports/dossier.pdf');
    check(refused.status === 403, `the dossier answered ${refused.status} to a reviewer`);
  });

  await h.step('a lawyer downloads the dossier PDF', async () => {
    await h.logout();
    await h.login(h.users.lawyer);
    await page.waitForSelector('#kind-counts tbody tr');
    await page.click('nav a[href="/app/reports"]');
    await page.waitForSelector('#dossier-link');
    await h.shot('analysis-05-reports');
    const href = await page.getAttribute('#dossier-link', 'href');
    const pdf = await fetchFromPage(page, href);
    check(pdf.status === 200, `the dossier answered ${pdf.status}`);
    check(pdf.type === 'application/pdf', `Content-Type ${pdf.type}`);
    check(pdf.head === '%PDF-' && pdf.size > 1000, `not a PDF: ${pdf.head} (${pdf.size} bytes)`);
    check((pdf.disposition || '').includes('attachment'), `Content-Disposition ${pdf.disposition}`);
    check(new URL(href, base).pathname === '/api/v1/reports/dossier.pdf', `the link goes to ${href}`);
  });

  await h.step('the matrix in Russian', async () => {
    await page.selectOption('#lang-select', 'ru');
    await page.click('nav a[href="/app/matrix"]');
    await page.waitForSelector('h1:has-text("Матрица дела")', { timeout: 30_000 });
    await page.waitForSelector('#qualifications tbody tr', { timeout: 30_000 });
    await h.shot('analysis-06-matrix-ru');
    await page.selectOption('#lang-select', 'en');
  });

  await h.stepNoPageProblems();
}

h.run(main);
