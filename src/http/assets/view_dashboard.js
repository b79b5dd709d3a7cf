// The dashboard: how many records of each kind the user may see, the latest
// changes among them, and the common actions.

import { get } from './api.js';
import { h, replace } from './dom.js';
import { kindLabel, t } from './i18n.js';
import { kindNames, recordLabel } from './records.js';

// Counted exactly up to this many per kind; beyond it the page shows "N+".
const kCountLimit = 100;
const kLatestShown = 12;

export async function render(ctx) {
  const kinds = await kindNames();
  const results = await Promise.all(
    kinds.map((kind) =>
      get(`/api/v1/records?kind=${kind}&limit=${kCountLimit}`)
        .then((page) => ({ kind, page }))
        .catch(() => ({ kind, page: null })),
    ),
  );
  const rows = results
    .filter((r) => r.page)
    .map(({ kind, page }) => {
      const items = page.items || [];
      const exact = typeof page.total === 'number' ? page.total : null;
      const count = exact !== null ? exact : page.next_offset ? t('more_than', { n: items.length }) : items.length;
      return h(
        'tr',
        { dataset: { kind } },
        h('th', { scope: 'row' }, h('a', { href: `/app/list/${kind}` }, kindLabel(kind))),
        h('td', { class: 'num' }, String(count)),
        h('td', {}, ctx.mayWrite() && !['custody_event', 'annotation', 'person_link'].includes(kind)
          ? h('a', { href: `/app/new/${kind}`, class: 'button small add-record' }, t('add')) : null),
      );
    });
  const latest = results
    .flatMap((r) => (r.page ? r.page.items || [] : []))
    .sort((a, b) => String(b.at).localeCompare(String(a.at)))
    .slice(0, kLatestShown);

  const actions = ctx.mayWrite()
    ? h('p', { class: 'actions' },
        h('a', { href: '/app/new/source', class: 'button primary', id: 'add-testimony' }, t('add_kind', { kind: kindLabel('source') })),
        h('a', { href: '/app/new/person', class: 'button' }, t('add_person')),
        h('a', { href: '/app/upload', class: 'button' }, t('upload')),
        h('a', { href: '/app/import', class: 'button' }, t('import')))
    : null;

  replace(
    ctx.main,
    h('h1', {}, t('dashboard')),
    actions,
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'counts-h' },
        h('h2', { id: 'counts-h' }, t('records')),
        h('table', { id: 'kind-counts' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('kind')), h('th', { scope: 'col' }, t('count')), h('td'))),
          h('tbody', {}, rows))),
      h('section', { 'aria-labelledby': 'latest-h' },
        h('h2', { id: 'latest-h' }, t('latest_changes')),
        h('table', { id: 'latest' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('when')), h('th', { scope: 'col' }, t('kind')),
            h('th', { scope: 'col' }, t('label')), h('th', { scope: 'col' }, t('by')))),
          h('tbody', {}, latest.map((item) => h('tr', {},
            h('td', {}, h('time', { datetime: item.at }, shortTime(item.at))),
            h('td', {}, kindLabel(item.kind)),
            h('td', {}, h('a', { href: `/app/record/${item.id}` }, recordLabel(item.body, item.id))),
            h('td', {}, item.by || '')))))),
    ),
  );
}

export function shortTime(at) {
  return at ? String(at).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}
