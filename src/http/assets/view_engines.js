// Pages over the analysis engines, shown when the server offers them: the
// case matrix, rule suggestions, the linkage review queue, charts and the
// dossier. Each page says so when its endpoint does not answer.

import { ApiError, get, post, withQuery } from './api.js';
import { h, replace, uniqueId } from './dom.js';
import { lang, t } from './i18n.js';
import { recordLabel, refLink } from './records.js';

async function fetchOrExplain(ctx, heading, path) {
  try {
    return await get(path);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 501)) {
      replace(ctx.main, h('h1', {}, heading), h('p', { class: 'muted', id: 'unavailable' }, t('unavailable')));
      return null;
    }
    throw error;
  }
}

function itemsOf(answer, ...keys) {
  if (Array.isArray(answer)) return answer;
  for (const key of ['items', ...keys]) if (answer && Array.isArray(answer[key])) return answer[key];
  return [];
}

// ---- Case matrix -----------------------------------------------------------

export async function renderMatrix(ctx) {
  const params = new URLSearchParams(location.search);
  const matrix = await fetchOrExplain(ctx, t('matrix'), withQuery('/api/v1/matrix', { qualification: params.get('qualification') }));
  if (!matrix) return;
  const elements = matrix.elements || {};
  replace(ctx.main,
    h('h1', {}, t('matrix')),
    matrix.caveat ? h('p', { class: 'caveat' }, matrix.caveat) : null,
    matrix.standard ? h('p', {}, `${matrix.standard.title || matrix.standard.id}`) : null,
    matrix.situation ? h('p', {}, t('situation'), ': ', refLink(matrix.situation)) : null,
    h('section', {}, h('h2', {}, 'Qualifications'),
      h('table', { id: 'qualifications' },
        h('thead', {}, h('tr', {}, ['', t('element'), ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, (matrix.qualifications || []).map((q) => h('tr', {},
          h('th', { scope: 'row' }, q.title || q.id),
          h('td', {}, (q.elements || []).map((e) => h('a', { href: `#el-${cssId(e.assessed_as || e.id)}`, class: `chip status-${(elements[e.assessed_as || e.id] || {}).status || ''}` }, e.id))),
          h('td', { class: 'num' }, `${q.elements_meeting_criteria ?? ''} / ${(q.elements || []).length}`)))))),
    h('section', {}, h('h2', {}, t('element')),
      Object.entries(elements).map(([id, e]) => elementCard(id, e))));
}

function cssId(id) {
  return String(id).replace(/[^A-Za-z0-9_-]/g, '-');
}

function elementCard(id, e) {
  const evidenceTable = (items) => h('table', { class: 'small' },
    h('thead', {}, h('tr', {}, ['fact', 'source', t('excerpt'), t('locator'), t('reliability'), t('credibility')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, items.map((x) => h('tr', {},
      h('td', {}, x.fact ? refLink(x.fact) : ''), h('td', {}, x.source ? refLink(x.source) : ''),
      h('td', {}, x.excerpt || ''), h('td', {}, x.locator || ''), h('td', {}, x.reliability || ''), h('td', {}, String(x.credibility ?? ''))))));
  const supporting = (e.supporting && e.supporting.items) || [];
  const contradicting = (e.contradicting && e.contradicting.items) || [];
  return h('article', { class: `element status-${e.status}`, id: `el-${cssId(id)}` },
    h('h3', {}, `${id} — ${e.title || ''}`),
    h('p', {}, h('strong', {}, `${t('matrix_status')}: ${e.status || ''}`),
      ` · ${t('supporting')}: ${(e.supporting && e.supporting.count) || 0}`,
      ` · ${t('contradicting')}: ${(e.contradicting && e.contradicting.count) || 0}`,
      ` · ${t('origins')}: ${e.independent_origins ?? ''}`,
      e.citation ? h('span', { class: 'muted' }, ` · ${e.citation}`) : null),
    e.gaps && e.gaps.length ? h('p', {}, `${t('gaps')}: `, e.gaps.join('; ')) : null,
    supporting.length ? h('details', {}, h('summary', {}, t('supporting')), evidenceTable(supporting)) : null,
    contradicting.length ? h('details', {}, h('summary', {}, t('contradicting')), evidenceTable(contradicting)) : null);
}

// ---- Suggestions -----------------------------------------------------------

export async function renderSuggestions(ctx) {
  const answer = await fetchOrExplain(ctx, t('suggestions'), '/api/v1/suggestions');
  if (!answer) return;
  const items = itemsOf(answer, 'suggestions');
  replace(ctx.main,
    h('h1', {}, t('suggestions')),
    h('table', { id: 'suggestions' },
      h('thead', {}, h('tr', {}, [t('element'), t('record'), t('rationale'), t('matrix_status'), ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, items.map((s) => h('tr', { dataset: { id: s.id } },
        h('td', {}, s.element || ''), h('td', {}, s.target ? refLink(s.target) : ''),
        h('td', {}, s.rationale || '', s.rule ? h('div', { class: 'muted small' }, s.rule) : null),
        h('td', {}, s.status || ''),
        h('td', {}, ctx.mayReview() && s.status === 'suggested'
          ? decisionForm(`/api/v1/suggestions/${encodeURIComponent(s.id)}`) : null))))));
}

// Accept / reject with a rationale; POSTs to `${base}/accept|reject`.
function decisionForm(base) {
  const id = uniqueId('rationale');
  const status = h('span', { role: 'status' });
  const input = h('input', { id, size: 20 });
  const decide = (verb) => async () => {
    try {
      await post(`${base}/${verb}`, { rationale: input.value.trim() });
      status.textContent = t('decided');
      form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    } catch (error) {
      status.textContent = error.message;
    }
  };
  const form = h('div', { class: 'decision' },
    h('label', { for: id, class: 'visually-hidden' }, t('rationale')), input,
    h('button', { type: 'button', onclick: decide('accept') }, t('accept')),
    h('button', { type: 'button', onclick: decide('reject') }, t('reject')),
    status);
  input.placeholder = t('rationale');
  return form;
}

// ---- Link review -----------------------------------------------------------

export async function renderLinkReview(ctx) {
  const answer = await fetchOrExplain(ctx, t('link_review'), '/api/v1/link/review');
  if (!answer) return;
  const pairs = itemsOf(answer, 'pairs');
  replace(ctx.main,
    h('h1', {}, t('link_review')),
    h('p', {}, t('link_intro')),
    h('div', { id: 'link-pairs' }, pairs.map((pair) => pairCard(ctx, pair))));
}

function pairCard(ctx, pair) {
  const a = pair.person_a || pair.a;
  const b = pair.person_b || pair.b;
  const key = pair.pair || pair.id || `${a},${b}`;
  const explanation = pair.fields || pair.comparisons || pair.explanation || [];
  return h('article', { class: 'pair card' },
    h('h2', {}, a ? refLink(a) : '', ' ↔ ', b ? refLink(b) : ''),
    h('p', {}, `${t('probability')}: `, h('strong', {}, pair.probability !== undefined ? Number(pair.probability).toFixed(3) : '')),
    Array.isArray(explanation) && explanation.length
      ? h('table', { class: 'small' },
          h('thead', {}, h('tr', {}, Object.keys(explanation[0]).map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, explanation.map((row) => h('tr', {}, Object.values(row).map((v) => h('td', {}, typeof v === 'number' ? v.toFixed(2) : String(v)))))))
      : null,
    ctx.mayReview() ? decisionForm(`/api/v1/link/${encodeURIComponent(key)}`) : null);
}

// ---- Charts ----------------------------------------------------------------

const kCharts = ['timeline', 'places', 'calendar', 'victims', 'map'];

export async function renderCharts(ctx) {
  const situations = (await get('/api/v1/records?kind=situation&limit=100')).items || [];
  const params = new URLSearchParams(location.search);
  const chosen = params.get('situation') || (situations[0] && situations[0].id) || '';
  const selectId = uniqueId('chart-situation');
  const select = h('select', { id: selectId, onchange: () => ctx.navigate(withQuery('/app/charts', { situation: select.value })) },
    situations.map((s) => h('option', { value: s.id, selected: s.id === chosen }, recordLabel(s.body, s.id))));
  replace(ctx.main,
    h('h1', {}, t('charts')),
    h('p', {}, h('label', { for: selectId }, `${t('situation')} `), select),
    h('div', { class: 'charts' }, kCharts.map((kind) => {
      const figure = h('figure', { class: 'chart' },
        h('img', { src: withQuery(`/api/v1/charts/${kind}.svg`, { situation: chosen, lang: lang() }), alt: `${t('charts')}: ${kind}`, loading: 'lazy' }),
        h('figcaption', {}, kind));
      figure.querySelector('img').addEventListener('error', () => figure.remove());
      return figure;
    })));
}

// ---- Reports ---------------------------------------------------------------

export async function renderReports(ctx) {
  replace(ctx.main,
    h('h1', {}, t('reports')),
    h('p', {}, t('dossier_intro')),
    h('p', {}, h('a', { href: '/api/v1/reports/dossier.pdf', download: 'dossier.pdf', class: 'button primary', id: 'dossier-link' }, t('dossier'))));
}
