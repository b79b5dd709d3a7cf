// The public memorial (no login): documented events, victims named with
// consent and otherwise counts, places, public sources, statistics with their
// caveat, and the log checkpoint with how to verify it. The server redacts;
// this page shows only what /api/v1/memorial returns.

import { get } from './api.js';
import { h, replace } from './dom.js';
import { kLanguages, lang, onLangChange, setLang, t } from './i18n.js';
import { nameOf } from './records.js';

let data = null;

function label(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value.names) && value.names.length) return nameOf(value.names);
  if (typeof value.name === 'string') return value.name;
  if (typeof value.title === 'string') return value.title;
  if (value.name && typeof value.name === 'object') return value.name[lang()] || value.name.en || '';
  return value.id || '';
}

function shell() {
  const select = h('select', { id: 'lang-select', onchange: (e) => setLang(e.target.value) },
    kLanguages.map((l) => h('option', { value: l.code, selected: l.code === lang() }, l.name)));
  replace(document.getElementById('top'),
    h('div', { class: 'brand' }, h('a', { href: '/memorial', class: 'home' }, t('memorial'))),
    h('div', { class: 'tools' }, h('label', { for: 'lang-select', class: 'inline' }, t('language')), select,
      h('a', { href: '/', class: 'button small' }, t('staff_login'))));
  document.querySelector('.skip').textContent = t('skip_to_main');
}

function section(id, title, ...content) {
  return h('section', { id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), content);
}

function humanise(code) {
  return String(code).replaceAll('_', ' ');
}

function statsTable(stats) {
  const rows = [];
  for (const [key, value] of Object.entries(stats)) {
    if (key === 'caveat') continue;
    const name = t(`stat_${key}`) === `stat_${key}` ? humanise(key) : t(`stat_${key}`);
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((v) => [v.key ?? v.label ?? '', v.count ?? v.acts ?? '']) : Object.entries(value);
      rows.push(h('tr', {}, h('th', { scope: 'colgroup', colspan: 2 }, name)));
      for (const [k, v] of entries) rows.push(h('tr', {}, h('td', { class: 'indent' }, humanise(k)), h('td', { class: 'num' }, String(v))));
    } else {
      rows.push(h('tr', {}, h('th', { scope: 'row' }, name), h('td', { class: 'num' }, String(value))));
    }
  }
  return h('table', { id: 'memorial-stats' }, h('tbody', {}, rows));
}

function render() {
  shell();
  const main = document.getElementById('main');
  const situations = data.situations || [];
  // Synthetic demo data says so in its situation, titles or remarks.
  const synthetic = /SYNTHETIC/i.test(JSON.stringify({ situations, events: data.events, sources: data.sources }));
  replace(document.getElementById('banner'), synthetic ? h('p', { class: 'synthetic', role: 'note' }, t('synthetic_banner')) : null);
  const events = [...(data.events || [])].sort((a, b) => String(a.date || '').localeCompare(String(b.date || '')));
  const victims = data.victims || {};
  const named = victims.named || [];
  const stats = data.stats || {};
  replace(main,
    h('h1', {}, t('memorial_title')),
    situations.map((s) => h('p', { class: 'situation' }, h('strong', {}, label(s)), s.span ? ` · ${s.span}` : '', s.territory ? ` · ${s.territory}` : '')),
    h('p', {}, t('memorial_intro')),
    section('timeline', t('timeline'), events.length
      ? h('ol', { class: 'timeline' }, events.map((e) => h('li', {},
          h('span', { class: 'date' }, e.date || ''), ' ', h('strong', {}, label(e)), e.place_name || e.place ? ` — ${e.place_name || label(e.place)}` : '')))
      : h('p', { class: 'muted' }, t('nothing_public'))),
    section('victims', t('victims'),
      named.length ? h('div', {}, h('h3', {}, t('named_victims')), h('ul', { class: 'names', id: 'named-victims' }, named.map((v) => h('li', {}, label(v), v.death ? ` († ${v.death})` : '')))) : null,
      h('p', { id: 'unnamed-count' }, t('unnamed_count', { n: victims.unnamed_count || 0 }))),
    section('places', t('places'), (data.places || []).length
      ? h('ul', { class: 'columns-list' }, data.places.map((p) => h('li', {}, label(p))))
      : h('p', { class: 'muted' }, t('nothing_public'))),
    section('sources', t('public_sources'), (data.sources || []).length
      ? h('ul', {}, data.sources.map((s) => h('li', {}, h('strong', {}, label(s)), s.date ? ` · ${s.date}` : '', s.type ? ` · ${humanise(s.type)}` : '')))
      : h('p', { class: 'muted' }, t('nothing_public'))),
    section('statistics', t('statistics'),
      stats.caveat ? h('p', { class: 'caveat' }, h('strong', {}, `${t('caveat')}: `), stats.caveat) : null,
      statsTable(stats)),
    section('verify', t('verify'),
      h('p', {}, t('verify_intro')),
      h('pre', { id: 'checkpoint' }, data.checkpoint || ''),
      data.verify_howto ? h('p', { class: 'longtext' }, data.verify_howto) : null,
      h('p', {}, h('a', { href: '/log/checkpoint' }, '/log/checkpoint'))));
}

async function start() {
  try {
    data = await get('/api/v1/memorial');
    render();
  } catch (error) {
    shell();
    replace(document.getElementById('main'), h('h1', {}, t('memorial_title')), h('p', { class: 'alert', role: 'alert' }, error.message));
  }
}

onLangChange(() => data && render());
start();
