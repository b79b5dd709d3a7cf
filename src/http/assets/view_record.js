// One record: every field, the sources that support or contradict it, its
// revision history with the changes of each revision, and its log proof.

import { del, get } from './api.js';
import { h, replace } from './dom.js';
import { fieldLabel, kindLabel, t, termLabel } from './i18n.js';
import { fieldsOf, forgetLabel, isSynthetic, recordLabel, refLink, renderValue, vocabsFor } from './records.js';
import { shortTime } from './view_dashboard.js';
import { evidenceList } from './view_upload.js';

export async function render(ctx, [id]) {
  const record = await get(`/api/v1/records/${encodeURIComponent(id)}`);
  const fields = (await fieldsOf(record.kind)) || [];
  const vocabs = await vocabsFor([...fields, { vocabulary: 'reliability' }, { vocabulary: 'credibility' }, { vocabulary: 'stance' }]);
  const body = record.body || {};

  const historySlot = h('section', { id: 'history', 'aria-labelledby': 'history-h' }, h('h2', { id: 'history-h' }, t('history')), h('p', { class: 'muted' }, t('loading')));
  const proofSlot = h('section', { id: 'proof', 'aria-labelledby': 'proof-h' }, h('h2', { id: 'proof-h' }, t('proof')), h('p', { class: 'muted' }, t('loading')));
  const evidenceSlot = record.kind === 'source' ? h('section', { id: 'evidence', 'aria-labelledby': 'evidence-h' }, h('h2', { id: 'evidence-h' }, t('evidence'))) : null;

  replace(
    ctx.main,
    h('p', { class: 'kind-tag' }, kindLabel(record.kind)),
    h('h1', { id: 'record-title' }, recordLabel(body, record.id, (name, code) => {
      const field = fields.find((f) => f.name === name);
      return field && field.vocabulary ? termLabel(vocabs.get(field.vocabulary), code) : code;
    })),
    isSynthetic(body) ? h('p', { class: 'synthetic small' }, 'SYNTHETIC') : null,
    h('p', { class: 'meta' },
      h('code', { id: 'record-id' }, record.id), ` · ${t('revision')} ${record.rev} · `,
      h('time', { datetime: record.at }, shortTime(record.at)), ` · ${record.by || ''}`,
      record.deleted ? h('strong', { class: 'deleted' }, ` · ${t('deleted')}`) : null),
    actions(ctx, record),
    h('section', { 'aria-labelledby': 'fields-h' }, h('h2', { id: 'fields-h' }, t('fields')), fieldList(fields, body, vocabs)),
    sourcesSection(record, vocabs),
    evidenceSlot,
    historySlot,
    proofSlot,
  );

  if (evidenceSlot) evidenceList(ctx, record.id).then((el) => evidenceSlot.append(el));
  get(`/api/v1/records/${encodeURIComponent(id)}/history`)
    .then((history) => replace(historySlot, h('h2', { id: 'history-h' }, t('history')), historyTable(history.revisions || [])))
    .catch((error) => replace(historySlot, h('h2', { id: 'history-h' }, t('history')), h('p', { class: 'alert' }, error.message)));
  get(`/api/v1/records/${encodeURIComponent(id)}/proof`)
    .then((proof) => replace(proofSlot, h('h2', { id: 'proof-h' }, t('proof')), proofView(proof)))
    .catch((error) => replace(proofSlot, h('h2', { id: 'proof-h' }, t('proof')), h('p', { class: 'muted' }, error.message)));
}

function actions(ctx, record) {
  if (!ctx.mayWrite() || record.deleted) return null;
  const id = record.id;
  const links = [
    h('a', { href: `/app/edit/${id}`, class: 'button', id: 'edit-record' }, t('edit')),
  ];
  if (record.kind !== 'information' && record.kind !== 'source') {
    links.push(h('a', { href: `/app/new/information?record=${id}`, class: 'button', id: 'add-information' }, t('add_information')));
  }
  if (record.kind === 'source') {
    links.push(h('a', { href: `/app/new/person`, class: 'button', id: 'add-person' }, t('add_person')));
    links.push(h('a', { href: `/app/upload?source=${id}`, class: 'button', id: 'upload-evidence' }, t('upload')));
  }
  if (record.kind === 'person') links.push(h('a', { href: `/app/new/act?victim=${id}`, class: 'button', id: 'add-act' }, t('add_act_victim')));
  if (record.kind === 'event') links.push(h('a', { href: `/app/new/act?event=${id}`, class: 'button', id: 'add-act' }, t('add_act_event')));
  links.push(h('button', {
    type: 'button',
    class: 'danger',
    id: 'delete-record',
    onclick: async () => {
      const reason = prompt(t('delete_reason'));
      if (!reason) return;
      await del(`/api/v1/records/${encodeURIComponent(id)}?reason=${encodeURIComponent(reason)}`);
      forgetLabel(id);
      ctx.flash = t('saved');
      ctx.navigate(`/app/record/${id}`, { replaceState: true });
    },
  }, t('delete')));
  return h('p', { class: 'actions' }, links);
}

export function fieldList(fields, body, vocabs) {
  const list = h('dl', { class: 'fields', id: 'record-fields' });
  const known = new Set(['id', 'kind']);
  for (const field of fields) {
    known.add(field.name);
    if (body[field.name] === undefined) continue;
    list.append(
      h('dt', { dataset: { field: field.name } }, fieldLabel(field.name), field.sensitive ? h('span', { class: 'badge' }, t('sensitive')) : null),
      h('dd', { dataset: { field: field.name } }, renderValue(field, body[field.name], vocabs)),
    );
  }
  for (const [name, value] of Object.entries(body)) {
    if (known.has(name)) continue;
    list.append(h('dt', {}, fieldLabel(name)), h('dd', {}, typeof value === 'object' ? JSON.stringify(value) : String(value)));
  }
  return list;
}

function sourcesSection(record, vocabs) {
  const sources = record.sources || [];
  const section = h('section', { id: 'sources', 'aria-labelledby': 'sources-h' }, h('h2', { id: 'sources-h' }, t('sources')));
  if (!sources.length) {
    section.append(h('p', { class: 'muted' }, t('no_sources')));
    return section;
  }
  section.append(h('table', {},
    h('thead', {}, h('tr', {},
      [t('sources'), t('reliability'), t('excerpt'), t('locator'), t('credibility'), t('stance')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, sources.map((s) => {
      const source = s.source || {};
      return h('tr', { class: s.stance === 'contradicts' ? 'contradicts' : null },
        h('td', {}, source.id ? h('a', { href: `/app/record/${source.id}` }, source.title || source.id) : '',
          s.information ? h('div', { class: 'small' }, refLink(s.information)) : null),
        h('td', {}, source.reliability ? termLabel(vocabs.get('reliability'), source.reliability) : t('not_set')),
        h('td', {}, h('blockquote', {}, s.excerpt || '')),
        h('td', {}, s.locator || ''),
        h('td', {}, s.credibility ? termLabel(vocabs.get('credibility'), s.credibility) : t('not_set')),
        h('td', {}, s.stance ? termLabel(vocabs.get('stance'), s.stance) : ''));
    }))));
  return section;
}

function historyTable(revisions) {
  const ordered = [...revisions].sort((a, b) => b.rev - a.rev);
  return h('ol', { class: 'history', reversed: true }, ordered.map((r) => h('li', { dataset: { rev: r.rev } },
    h('p', {}, h('strong', {}, `${t('revision')} ${r.rev}`), ' · ', h('time', { datetime: r.at }, shortTime(r.at)),
      ` · ${r.by || ''}`, r.reason ? ` · ${t('reason')}: ${r.reason}` : '', r.deleted ? ` · ${t('deleted')}` : ''),
    r.changes && r.changes.length
      ? diffTable(r)
      : h('p', { class: 'muted small' }, r.rev === 1 ? t('created') : ''))));
}

// What a revision changed; the first revision's "changes" are all its fields.
function diffTable(r) {
  const table = h('table', { class: 'diff' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('field')), h('th', { scope: 'col' }, t('old_value')), h('th', { scope: 'col' }, t('new_value')))),
    h('tbody', {}, r.changes.map((c) => h('tr', {},
      h('td', {}, h('code', {}, c.path)),
      h('td', { class: 'old' }, show(c.old)),
      h('td', { class: 'new' }, show(c.new))))));
  return r.rev === 1 ? h('details', {}, h('summary', {}, `${t('created')} (${r.changes.length} ${t('fields').toLowerCase()})`), table) : table;
}

function show(value) {
  if (value === undefined || value === null) return t('not_set');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function proofView(proof) {
  return h('div', {},
    h('p', {}, t('proof_intro', { leaf: proof.leaf_index, size: proof.tree_size })),
    h('dl', { class: 'fields' },
      h('dt', {}, t('root_hash')), h('dd', {}, h('code', { class: 'hash' }, proof.root_hash || '')),
      h('dt', {}, t('proof')), h('dd', {}, h('ol', { class: 'hashes' }, (proof.proof || []).map((x) => h('li', {}, h('code', { class: 'hash' }, x)))))),
    proof.checkpoint ? h('details', {}, h('summary', {}, t('checkpoint')), h('pre', {}, proof.checkpoint)) : null);
}
