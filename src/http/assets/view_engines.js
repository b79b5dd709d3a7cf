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

// ---- Situation choice ------------------------------------------------------

// The situation named in the URL, and a selector when there are several (the
// server answers 400 when several exist and none is named).
async function situationChoice(ctx, page) {
  const params = new URLSearchParams(location.search);
  const situations = (await get('/api/v1/records?kind=situation&limit=100')).items || [];
  const chosen = params.get('situation') || (situations[0] && situations[0].id) || '';
  if (situations.length < 2) return { chosen: params.get('situation') || '', control: null };
  const selectId = uniqueId('situation');
  const select = h('select', {
    id: selectId,
    onchange: () => {
      params.set('situation', select.value);
      ctx.navigate(`${page}?${params}`);
    },
  }, situations.map((s) => h('option', { value: s.id, selected: s.id === chosen }, recordLabel(s.body, s.id))));
  return { chosen, control: h('p', {}, h('label', { for: selectId }, `${t('situation')} `), select) };
}

// ---- Case matrix -----------------------------------------------------------

const kMatrixEvidence = 20; // evidence items listed per element and stance (counts are complete)

export async function renderMatrix(ctx) {
  const params = new URLSearchParams(location.search);
  const { chosen, control } = await situationChoice(ctx, '/app/matrix');
  const matrix = await fetchOrExplain(ctx, t('matrix'), withQuery('/api/v1/matrix', {
    situation: chosen, qualification: params.getAll('qualification'), max_evidence: kMatrixEvidence,
  }));
  if (!matrix) return;
  const elements = matrix.elements || {};
  const standard = matrix.standard || {};
  replace(ctx.main,
    h('h1', {}, t('matrix')),
    control,
    matrix.caveat ? h('p', { class: 'caveat' }, matrix.caveat) : null,
    matrix.situation ? h('p', {}, `${t('situation')}: `, refLink(matrix.situation)) : null,
    standard.id ? h('p', { id: 'matrix-standard' }, `${t('standard')}: ${standard.title || standard.id}`,
      h('span', { class: 'muted' }, ` (${t('standard_criteria', { origins: standard.min_origins, reliability: standard.max_reliability, credibility: standard.max_credibility })})`)) : null,
    h('p', { class: 'muted' }, t('matrix_role_note')),
    h('section', {}, h('h2', {}, t('qualifications')),
      h('table', { id: 'qualifications' },
        h('thead', {}, h('tr', {}, ['', t('element'), t('elements_meeting')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, (matrix.qualifications || []).map((q) => h('tr', { dataset: { id: q.id } },
          h('th', { scope: 'row' }, q.title || q.id, h('div', { class: 'muted small' }, q.provision || '')),
          h('td', {}, (q.elements || []).map((e) => {
            const assessed = e.assessed_as || e.id;
            const status = (elements[assessed] || {}).status || '';
            return h('a', { href: `#el-${cssId(assessed)}`, class: `chip status-${status}`, title: status }, e.id, ' ');
          })),
          h('td', { class: 'num' }, `${q.elements_meeting_criteria ?? ''} / ${(q.elements || []).length}`)))))),
    h('section', {}, h('h2', {}, t('elements')),
      Object.entries(elements).map(([id, e]) => elementCard(id, e))));
}

function cssId(id) {
  return String(id).replace(/[^A-Za-z0-9_-]/g, '-');
}

function elementCard(id, e) {
  const evidenceTable = (items) => h('table', { class: 'small' },
    h('thead', {}, h('tr', {}, [t('record_col'), t('source_col'), t('excerpt'), t('locator'), t('reliability'), t('credibility')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, items.map((x) => h('tr', {},
      h('td', {}, x.fact ? refLink(x.fact) : ''), h('td', {}, x.source ? refLink(x.source) : ''),
      h('td', {}, x.excerpt || ''), h('td', {}, x.locator || ''), h('td', {}, x.reliability || ''), h('td', {}, String(x.credibility ?? ''))))));
  const supporting = (e.supporting && e.supporting.items) || [];
  const contradicting = (e.contradicting && e.contradicting.items) || [];
  const status = String(e.status || '').replace(/_/g, ' ');
  return h('article', { class: `element status-${e.status}`, id: `el-${cssId(id)}` },
    h('h3', {}, `${id} — ${e.title || ''}`),
    h('p', {}, h('strong', { class: 'element-status' }, `${t('matrix_status')}: ${status}${e.contested ? ` (${t('contested')})` : ''}`),
      ` · ${t('supporting')}: ${(e.supporting && e.supporting.count) || 0}`,
      ` · ${t('contradicting')}: ${(e.contradicting && e.contradicting.count) || 0}`,
      ` · ${t('origins')}: ${e.independent_origins ?? ''}`,
      e.citation ? h('span', { class: 'muted' }, ` · ${e.citation}`) : null),
    e.gaps && e.gaps.length ? h('p', {}, `${t('gaps')}: `, e.gaps.join('; ')) : null,
    e.cautions && e.cautions.length ? h('p', { class: 'caveat' }, e.cautions.join(' ')) : null,
    supporting.length ? h('details', {}, h('summary', {}, `${t('supporting')} (${supporting.length})`), evidenceTable(supporting)) : null,
    contradicting.length ? h('details', {}, h('summary', {}, `${t('contradicting')} (${contradicting.length})`), evidenceTable(contradicting)) : null);
}

// ---- Suggestions -----------------------------------------------------------

const kStatuses = ['suggested', 'accepted', 'rejected'];
const kPageSize = 100; // suggestions per page (the demo has tens of thousands)

export async function renderSuggestions(ctx) {
  const params = new URLSearchParams(location.search);
  const status = params.has('status') ? params.get('status') : 'suggested';
  const { chosen, control } = await situationChoice(ctx, '/app/suggestions');
  const offset = Number(params.get('offset')) || 0;
  const answer = await fetchOrExplain(ctx, t('suggestions'), withQuery('/api/v1/suggestions', {
    situation: chosen, status, limit: kPageSize, offset,
  }));
  if (!answer) return;
  const shown = itemsOf(answer, 'suggestions');
  const total = answer.total ?? shown.length;
  const pageLink = (to, label, rel) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(to));
    return h('a', { href: `/app/suggestions?${next}`, rel }, label);
  };
  const statusId = uniqueId('status');
  const statusSelect = h('select', {
    id: statusId,
    onchange: () => {
      params.set('status', statusSelect.value);
      params.delete('offset');
      ctx.navigate(`/app/suggestions?${params}`);
    },
  }, h('option', { value: '', selected: status === '' }, t('all_statuses')),
  kStatuses.map((code) => h('option', { value: code, selected: code === status }, code)));
  replace(ctx.main,
    h('h1', {}, t('suggestions')),
    control,
    h('p', {}, h('label', { for: statusId }, `${t('matrix_status')} `), statusSelect),
    h('p', { class: 'muted', id: 'suggestions-count' }, t('shown_of', { shown: shown.length ? `${offset + 1}–${offset + shown.length}` : 0, total }),
      offset > 0 ? [' ', pageLink(Math.max(0, offset - kPageSize), t('previous'), 'prev')] : null,
      answer.next_offset ? [' ', pageLink(answer.next_offset, t('next'), 'next')] : null),
    h('table', { id: 'suggestions' },
      h('thead', {}, h('tr', {}, [t('element'), t('record_col'), t('rationale'), t('matrix_status'), ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, shown.map((s) => {
        const statusCell = h('td', { class: 'suggestion-status' }, s.status || '');
        const row = h('tr', { dataset: { id: s.id } },
          h('td', {}, s.element || ''), h('td', {}, s.target ? refLink(s.target) : ''),
          h('td', {}, s.rationale || '', s.caution ? h('div', { class: 'caveat small' }, s.caution) : null,
            h('div', { class: 'muted small' }, `${s.rule || ''} · ${t('sources_n', { n: (s.sources || []).length })}`)),
          statusCell,
          h('td', {}, ctx.mayReview() && s.status === 'suggested'
            ? decisionForm(`/api/v1/suggestions/${encodeURIComponent(s.id)}`, (answerOf) => {
              statusCell.textContent = answerOf.status;
              row.classList.add('decided');
            }, withQuery('', { situation: chosen }))
            : null));
        return row;
      }))));
}

// Accept / reject with a rationale; POSTs to `${base}/accept|reject${query}`
// and calls onDone with the server's answer.
function decisionForm(base, onDone, query = '') {
  const id = uniqueId('rationale');
  const status = h('span', { role: 'status' });
  const input = h('input', { id, size: 20, class: 'rationale' });
  const decide = (verb) => async () => {
    if (!input.value.trim()) {
      status.textContent = t('rationale_required');
      input.focus();
      return;
    }
    try {
      const answer = await post(`${base}/${verb}${query}`, { rationale: input.value.trim() });
      status.textContent = t('decided');
      form.querySelectorAll('button, input').forEach((b) => { b.disabled = true; });
      if (onDone) onDone(answer || {});
    } catch (error) {
      status.textContent = error.message;
    }
  };
  const form = h('div', { class: 'decision' },
    h('label', { for: id, class: 'visually-hidden' }, t('rationale')), input,
    h('button', { type: 'button', class: 'accept', onclick: decide('accept') }, t('accept')),
    h('button', { type: 'button', class: 'reject', onclick: decide('reject') }, t('reject')),
    status);
  input.placeholder = t('rationale');
  return form;
}

// ---- Link review -----------------------------------------------------------

const kPairsShown = 20; // the most uncertain pairs; a decided pair leaves the queue

export async function renderLinkReview(ctx) {
  const answer = await fetchOrExplain(ctx, t('link_review'), withQuery('/api/v1/link/review', { limit: kPairsShown }));
  if (!answer) return;
  const pairs = itemsOf(answer, 'pairs');
  replace(ctx.main,
    h('h1', {}, t('link_review')),
    h('p', {}, t('link_intro')),
    h('p', { class: 'muted', id: 'pairs-count' }, t('shown_of', { shown: pairs.length, total: answer.total ?? pairs.length })),
    h('div', { id: 'link-pairs' }, pairs.map((pair) => pairCard(ctx, pair))));
}

function pairCard(ctx, pair) {
  const fields = Array.isArray(pair.fields) ? pair.fields : [];
  const signed = (x) => (x > 0 ? '+' : '') + Number(x).toFixed(2);
  const card = h('article', { class: 'pair card', dataset: { pair: pair.pair } },
    h('h2', {}, refLink(pair.a), ' ↔ ', refLink(pair.b)),
    h('p', {}, `${t('probability')}: `, h('strong', {}, Number(pair.probability).toFixed(3)),
      h('span', { class: 'muted' }, ` · ${t('prior_weight')} ${signed(pair.prior_weight || 0)} · ${t('total_weight')} ${signed(pair.weight || 0)}${pair.swapped ? ` · ${t('names_swapped')}` : ''}`)),
    fields.length
      ? h('table', { class: 'small pair-fields' },
          h('thead', {}, h('tr', {}, [t('field'), t('agreement'), t('weight'), t('tf_weight')].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, fields.map((f) => h('tr', {},
            h('td', {}, f.field), h('td', {}, f.level), h('td', { class: 'num' }, signed(f.weight)),
            h('td', { class: 'num' }, f.tf_weight ? signed(f.tf_weight) : '')))))
      : h('pre', {}, pair.explanation || ''),
    ctx.mayReview()
      ? decisionForm(`/api/v1/link/${encodeURIComponent(pair.pair)}`, (answer) => {
        card.classList.add('decided');
        card.dataset.decision = answer.decision || '';
      })
      : null);
  return card;
}

// ---- Charts ----------------------------------------------------------------

const kCharts = ['timeline', 'places', 'calendar', 'victims', 'map'];

// Every signed-in role sees the charts and the patterns' headline counts,
// computed on the server from what its role may read (docs/api.md "Engines").
export async function renderCharts(ctx) {
  const situations = (await get('/api/v1/records?kind=situation&limit=100')).items || [];
  const params = new URLSearchParams(location.search);
  const chosen = params.get('situation') || (situations[0] && situations[0].id) || '';
  const selectId = uniqueId('chart-situation');
  const select = h('select', { id: selectId, onchange: () => ctx.navigate(withQuery('/app/charts', { situation: select.value })) },
    situations.map((s) => h('option', { value: s.id, selected: s.id === chosen }, recordLabel(s.body, s.id))));
  const stats = chosen ? await statsOrNull(chosen) : null;
  replace(ctx.main,
    h('h1', {}, t('charts')),
    h('p', {}, h('label', { for: selectId }, `${t('situation')} `), select),
    h('p', { class: 'muted', id: 'charts-role-note' }, t('charts_role_note')),
    stats ? statsSummary(stats) : null,
    h('div', { class: 'charts' }, [...kCharts, ...(stats && stats.estimate ? ['estimate'] : [])].map((kind) => {
      const figure = h('figure', { class: 'chart', dataset: { kind } },
        h('img', { src: withQuery(`/api/v1/charts/${kind}.svg`, { situation: chosen, lang: lang() }), alt: `${t('charts')}: ${kind}`, loading: 'lazy' }),
        h('figcaption', {}, kind));
      figure.querySelector('img').addEventListener('error', () => figure.remove());
      return figure;
    })));
}

// The situation's patterns, or null when the server does not answer them.
async function statsOrNull(situation) {
  try {
    return await get(withQuery('/api/v1/stats', { situation }));
  } catch (error) {
    if (error instanceof ApiError && error.status !== 401) return null;
    throw error;
  }
}

function statsSummary(stats) {
  return h('section', { id: 'stats-summary' },
    h('p', {}, t('stats_summary', { acts: stats.acts, victims: stats.distinct_victims, unidentified: stats.unidentified_victims })),
    stats.estimate ? keptEstimate(stats.estimate) : null,
    (stats.caveats || []).map((c) => h('p', { class: 'caveat small' }, c)));
}

// The multiple systems estimate kept with the situation (`vka estimate
// --keep-for`), one line per method, beside the documented counts.
function keptEstimate(kept) {
  const whole = (v) => (typeof v === 'number' ? String(Math.round(v)) : t('unbounded'));
  const methods = Object.entries(kept.result.methods || {});
  return h('div', { id: 'kept-estimate' },
    h('p', {}, t('estimate_kept', { counts: kept.counts, file: kept.table.file, lists: kept.result.lists.length })),
    h('ul', {}, methods.map(([method, m]) => h('li', { dataset: { method } },
      t('estimate_line', {
        method, documented: whole(m.observed), estimate: whole(m.estimate),
        level: Math.round(100 * m.level), lower: whole(m.lower), upper: whole(m.upper),
      }),
      (m.warnings || []).map((w) => h('span', { class: 'caveat small' }, ` ${w}`))))));
}

// ---- Reports ---------------------------------------------------------------

export async function renderReports(ctx) {
  const { chosen, control } = await situationChoice(ctx, '/app/reports');
  replace(ctx.main,
    h('h1', {}, t('reports')),
    control,
    h('p', {}, t('dossier_intro')),
    h('p', {}, h('a', { href: withQuery('/api/v1/reports/dossier.pdf', { situation: chosen }), download: 'dossier.pdf', class: 'button primary', id: 'dossier-link' }, t('dossier'))));
}
