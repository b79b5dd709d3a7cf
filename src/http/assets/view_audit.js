// The audit trail (admins only; GET /api/v1/audit, docs/api.md "Engines"):
// the newest entries, filtered by actor, action prefix, target and time, as
// `vka audit` lists them. Filters live in the URL so a view can be shared.

import { get, withQuery } from './api.js';
import { h, replace, uniqueId } from './dom.js';
import { t } from './i18n.js';
import { shortTime } from './view_dashboard.js';

const kFilters = ['actor', 'action', 'target', 'since'];
const kLimits = [50, 100, 500, 1000];
const kDefaultLimit = 100;

export async function render(ctx) {
  const params = new URLSearchParams(location.search);
  const limit = Number(params.get('limit')) || kDefaultLimit;
  const query = { limit };
  for (const name of kFilters) query[name] = params.get(name) || '';
  const answer = await get(withQuery('/api/v1/audit', query));
  // Newest first on screen; the server answers oldest first.
  const entries = (answer.entries || []).slice().reverse();
  replace(ctx.main,
    h('h1', {}, t('audit')),
    h('p', { class: 'muted' }, t('audit_intro')),
    filterForm(ctx, query),
    h('p', { class: 'muted', id: 'audit-count' }, t('audit_count', { n: entries.length })),
    h('table', { id: 'audit-entries' },
      h('thead', {}, h('tr', {}, ['when', 'audit_actor', 'audit_action', 'audit_target', 'audit_detail', 'audit_from']
        .map((key) => h('th', { scope: 'col' }, t(key))))),
      h('tbody', {}, entries.map((e) => h('tr', { dataset: { seq: String(e.seq) } },
        h('td', {}, h('time', { datetime: e.at }, shortTime(e.at))),
        h('td', {}, e.actor || ''),
        h('td', { class: 'audit-action' }, e.action || ''),
        h('td', {}, e.target && /^[a-z]{3}_/.test(e.target) ? h('a', { href: `/app/record/${e.target}` }, e.target) : (e.target || '')),
        h('td', { class: 'small' }, e.detail || ''),
        h('td', { class: 'small' }, e.remote_addr || ''))))));
}

function filterForm(ctx, query) {
  const inputs = {};
  const field = (name, label, attrs = {}) => {
    const id = uniqueId(`audit-${name}`);
    inputs[name] = h('input', { id, name, value: query[name], size: 16, ...attrs });
    return h('span', { class: 'filter' }, h('label', { for: id }, `${t(label)} `), inputs[name], ' ');
  };
  const limitId = uniqueId('audit-limit');
  const limitSelect = h('select', { id: limitId, name: 'limit' },
    kLimits.map((n) => h('option', { value: String(n), selected: n === query.limit }, String(n))));
  return h('form', {
    id: 'audit-filters',
    class: 'filters',
    onsubmit: (event) => {
      event.preventDefault();
      const next = { limit: limitSelect.value };
      for (const name of kFilters) next[name] = inputs[name].value.trim();
      ctx.navigate(withQuery('/app/audit', next));
    },
  },
  field('actor', 'audit_actor'),
  field('action', 'audit_action', { placeholder: 'login' }),
  field('target', 'audit_target'),
  field('since', 'audit_since', { placeholder: '2026-01-01T00:00:00Z' }),
  h('label', { for: limitId }, `${t('audit_limit')} `), limitSelect, ' ',
  h('button', { type: 'submit', class: 'button', id: 'audit-apply' }, t('audit_apply')));
}
