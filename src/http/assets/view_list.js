// A list of one kind: filter by field value, search within the kind, paging.
// URL: /app/list/KIND?where=field=value&after=ID&at=N. Pages are keyset
// pages (the API's `after`: the last id of the previous page), so a deep page
// costs what the first does; `at` is only the count shown ("Showing N+1–").
// An old `offset=N` URL still works.

import { get, withQuery } from './api.js';
import { h, replace, uniqueId } from './dom.js';
import { fieldLabel, kindLabel, t, termLabel } from './i18n.js';
import { fieldsOf, recordLabel, typeOf, vocabsFor } from './records.js';
import { shortTime } from './view_dashboard.js';

const kPageSize = 50;
const kFilterable = new Set(['string', 'code', 'ref', 'date', 'integer', 'number', 'boolean', 'sha256']);

export async function render(ctx, [kind]) {
  const fields = await fieldsOf(kind);
  if (!fields) throw new Error(`${t('not_found')} (${kind})`);
  const params = new URLSearchParams(location.search);
  const where = params.getAll('where');
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const after = params.get('after') || null;
  const at = after ? Math.max(0, Number(params.get('at')) || 0) : offset;
  const filterFields = fields.filter((f) => kFilterable.has(typeOf(f)));
  const vocabs = await vocabsFor(filterFields);
  const page = await get(withQuery('/api/v1/records', after
    ? { kind, where, limit: kPageSize, after }
    : { kind, where, limit: kPageSize, offset }));
  const items = page.items || [];
  const codeLabel = (name, code) => {
    const field = fields.find((f) => f.name === name);
    return field && field.vocabulary ? termLabel(vocabs.get(field.vocabulary), code) : code;
  };

  // Changing the filter starts again at the first page.
  const listUrl = (changes) => {
    const next = { where, after: null, at: null, ...changes };
    return withQuery(`/app/list/${kind}`, { where: next.where, after: next.after, at: next.at });
  };
  // Keyset pages have no link back; "previous" goes back in the browser's
  // history when the previous page led here, else to the first page.
  const previous = (e) => {
    if (history.state && history.state.listPage) {
      e.preventDefault();
      history.back();
    }
  };

  replace(
    ctx.main,
    h('h1', {}, kindLabel(kind)),
    h('div', { class: 'toolbar' },
      ctx.mayWrite() ? h('a', { href: `/app/new/${kind}`, class: 'button primary', id: 'add-record' }, t('add_kind', { kind: kindLabel(kind) })) : null,
      h('a', { href: `/api/v1/export?format=ndjson&kind=${kind}`, download: `${kind}.ndjson`, class: 'button' }, `${t('export')} NDJSON`),
      h('a', { href: `/api/v1/export?format=csv&kind=${kind}`, download: `${kind}.csv`, class: 'button' }, `${t('export')} CSV`)),
    ctx.hasApi('/api/v1/search') ? kindSearch(ctx, kind) : null,
    filterForm(ctx, filterFields, vocabs, (w) => ctx.navigate(listUrl({ where: [...where, w] }))),
    where.length
      ? h('ul', { class: 'chips', 'aria-label': t('filter') }, where.map((w) => h('li', {}, w, ' ',
          h('a', { href: listUrl({ where: where.filter((x) => x !== w) }), 'aria-label': `${t('remove')} ${w}` }, '×'))))
      : null,
    items.length
      ? h('table', { id: 'record-list' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('label')), h('th', { scope: 'col' }, t('id')),
            h('th', { scope: 'col' }, t('revision')), h('th', { scope: 'col' }, t('when')), h('th', { scope: 'col' }, t('by')))),
          h('tbody', {}, items.map((item) => h('tr', {},
            h('td', {}, h('a', { href: `/app/record/${item.id}` }, recordLabel(item.body, item.id, codeLabel))),
            h('td', {}, h('code', {}, item.id)),
            h('td', { class: 'num' }, String(item.rev)),
            h('td', {}, h('time', { datetime: item.at }, shortTime(item.at))),
            h('td', {}, item.by || '')))))
      : h('p', { class: 'muted' }, t('no_results')),
    h('nav', { class: 'pager', 'aria-label': 'pages' },
      at > 0 ? h('a', { href: listUrl({}), rel: 'prev', onclick: previous }, `← ${t('previous')}`) : null,
      items.length ? h('span', {}, t('showing', { from: at + 1, to: at + items.length })) : null,
      page.next_after
        ? h('a', { href: listUrl({ after: page.next_after, at: at + items.length }), rel: 'next', onclick: (e) => nextPage(e, ctx) }, `${t('next')} →`)
        : null),
  );
}

// Follows the "next" link, marking the new history entry as one that a
// list page led to (so that "previous" may go back to it).
function nextPage(e, ctx) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  ctx.navigate(e.currentTarget.getAttribute('href'));
  history.replaceState({ ...(history.state || {}), listPage: true }, '');
}

function kindSearch(ctx, kind) {
  const id = uniqueId('kind-search');
  const input = h('input', { id, type: 'search', placeholder: t('search_placeholder') });
  return h('form', {
    role: 'search',
    class: 'inline-form',
    onsubmit: (e) => {
      e.preventDefault();
      if (input.value.trim()) ctx.navigate(withQuery('/app/search', { q: input.value.trim(), kind }));
    },
  }, h('label', { for: id }, t('search')), input, h('button', { type: 'submit' }, t('search')));
}

function filterForm(ctx, fields, vocabs, onApply) {
  const fieldId = uniqueId('filter-field');
  const valueId = uniqueId('filter-value');
  const fieldSelect = h('select', { id: fieldId }, fields.map((f) => h('option', { value: f.name }, fieldLabel(f.name))));
  const valueSlot = h('span');
  let valueControl = null;
  const updateValue = () => {
    const field = fields.find((f) => f.name === fieldSelect.value);
    const vocab = field && field.vocabulary ? vocabs.get(field.vocabulary) : null;
    valueControl = vocab
      ? h('select', { id: valueId }, (vocab.terms || []).map((term) => h('option', { value: term.code }, termLabel(vocab, term.code))))
      : h('input', { id: valueId, type: 'text' });
    replace(valueSlot, valueControl);
  };
  fieldSelect.addEventListener('change', updateValue);
  updateValue();
  return h('form', {
    class: 'inline-form filter',
    onsubmit: (e) => {
      e.preventDefault();
      const value = valueControl.value.trim();
      if (value) onApply(`${fieldSelect.value}=${value}`);
    },
  },
  h('label', { for: fieldId }, t('filter')), fieldSelect,
  h('label', { for: valueId, class: 'visually-hidden' }, t('value')), valueSlot,
  h('button', { type: 'submit' }, t('apply')));
}
