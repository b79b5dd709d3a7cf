// Full-text search across scripts: a name written in Armenian is found when
// searched in Cyrillic or Latin (the server folds transliterations).

import { get, withQuery } from './api.js';
import { h, replace } from './dom.js';
import { kindLabel, t } from './i18n.js';

const kPageSize = 50;

export async function render(ctx) {
  const params = new URLSearchParams(location.search);
  const q = (params.get('q') || '').trim();
  const kind = params.get('kind') || '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const heading = h('h1', {}, q ? `${t('search_results')}: ${q}` : t('search'));
  if (!q) {
    replace(ctx.main, heading);
    return;
  }
  let result;
  try {
    result = await get(withQuery('/api/v1/search', { q, kind, limit: kPageSize, offset }));
  } catch (error) {
    replace(ctx.main, heading, h('p', { class: 'alert', role: 'alert', id: 'search-error' },
      error.status === 404 ? t('search_unavailable') : error.message));
    return;
  }
  const items = result.items || [];
  replace(ctx.main,
    heading,
    kind ? h('p', {}, `${t('kind')}: ${kindLabel(kind)} · `, h('a', { href: withQuery('/app/search', { q }) }, t('all_kinds'))) : null,
    items.length
      ? h('ol', { id: 'search-results', class: 'results', start: offset + 1 }, items.map((item) => h('li', { dataset: { id: item.id, kind: item.kind } },
          h('a', { href: `/app/record/${encodeURIComponent(item.id)}` }, item.label || item.id),
          h('span', { class: 'kind-tag' }, ` ${kindLabel(item.kind)}`),
          item.snippet ? h('p', { class: 'snippet' }, item.snippet) : null)))
      : h('p', { class: 'muted', id: 'search-empty' }, t('no_results')),
    h('nav', { class: 'pager' },
      offset > 0 ? h('a', { href: withQuery('/app/search', { q, kind, offset: Math.max(0, offset - kPageSize) }) }, `← ${t('previous')}`) : null,
      items.length === kPageSize || result.next_offset ? h('a', { href: withQuery('/app/search', { q, kind, offset: result.next_offset || offset + kPageSize }) }, `${t('next')} →`) : null));
}
