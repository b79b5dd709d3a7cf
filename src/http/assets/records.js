// The record model as the server describes it (/api/v1/schema), record labels
// and the rendering of field values.

import { get } from './api.js';
import { h } from './dom.js';
import { fieldLabel, loadVocab, preferredScript, t, termLabel } from './i18n.js';

let schemaPromise = null;

// {kinds: [{kind, prefix, fields: [...]}]}
export function loadSchema() {
  if (!schemaPromise) schemaPromise = get('/api/v1/schema');
  return schemaPromise;
}

export function resetSchema() {
  schemaPromise = null;
}

const kCommonFields = [
  { name: 'confidentiality', type: 'code', vocabulary: 'confidentiality' },
  { name: 'remarks', type: 'text' },
];

// The editable fields of a kind: its own fields, then confidentiality and remarks.
export async function fieldsOf(kind) {
  const schema = await loadSchema();
  const entry = (schema.kinds || []).find((k) => k.kind === kind);
  if (!entry) return null;
  const commonNames = kCommonFields.map((f) => f.name);
  const own = (entry.fields || []).filter((f) => !['id', 'kind', ...commonNames].includes(f.name));
  for (const common of kCommonFields) {
    own.push((entry.fields || []).find((f) => f.name === common.name) || common);
  }
  return own;
}

export async function kindNames() {
  const schema = await loadSchema();
  return (schema.kinds || []).map((k) => k.kind);
}

export function kindOfId(id, schema) {
  const prefix = String(id).split('_')[0];
  const entry = ((schema && schema.kinds) || []).find((k) => k.prefix === prefix);
  return entry ? entry.kind : null;
}

export function typeOf(field) {
  const type = String(field.type || 'string').toLowerCase();
  if (type === 'edtf' || type === 'edtf date') return 'date';
  if (type === 'sha-256' || type === 'sha256 hex') return 'sha256';
  return type;
}

// Every vocabulary the fields use, loaded; returns Map name -> vocab.
export async function vocabsFor(fields) {
  const names = new Set();
  const walk = (list) => {
    for (const f of list || []) {
      if (f.vocabulary) names.add(f.vocabulary);
      walk(f.members);
    }
  };
  walk(fields);
  const entries = await Promise.all([...names].map(async (n) => [n, await loadVocab(n)]));
  return new Map(entries);
}

// A short human label of a record body. codeLabel(field, code), when given,
// turns a vocabulary code into its label.
export function recordLabel(body, id, codeLabel = (field, code) => code) {
  if (!body || typeof body !== 'object') return id || '';
  if (body.title) return String(body.title);
  if (body.name) return String(body.name);
  if (Array.isArray(body.names) && body.names.length) return nameOf(body.names);
  const parts = [];
  for (const key of ['type', 'conduct', 'action', 'decision', 'element', 'stance']) {
    if (typeof body[key] === 'string') {
      parts.push(codeLabel(key, body[key]));
      break;
    }
  }
  if (body.date) parts.push(String(body.date));
  if (body.excerpt) parts.push(String(body.excerpt).slice(0, 60));
  return parts.length ? parts.join(' · ') : body.id || id || '';
}

// A person's or place's name in the script that suits the UI language.
export function nameOf(names) {
  const inScript = (script) => names.filter((n) => n && n.script === script);
  let chosen = inScript(preferredScript());
  if (!chosen.length) chosen = inScript(names[0].script);
  if (!chosen.length) chosen = names;
  const full = chosen.find((n) => n.part === 'full');
  if (full) return full.value;
  const order = ['given', 'patronymic', 'family', 'maiden'];
  const ranked = [...chosen].sort((a, b) => rank(order, a.part) - rank(order, b.part));
  const seen = new Set();
  const values = [];
  for (const n of ranked) {
    if (!seen.has(n.part) || !n.part) values.push(n.value);
    seen.add(n.part);
  }
  return values.join(' ');
}

function rank(order, part) {
  const i = order.indexOf(part);
  return i < 0 ? order.length : i;
}

// Labels of referenced records, fetched once each.
const labelCache = new Map();

export function labelOfId(id) {
  if (!labelCache.has(id)) {
    labelCache.set(
      id,
      get(`/api/v1/records/${encodeURIComponent(id)}`)
        .then((r) => recordLabel(r.body, id))
        .catch(() => null),
    );
  }
  return labelCache.get(id);
}

export function forgetLabel(id) {
  labelCache.delete(id);
}

// <a> to a record, showing the id and then its label once known.
export function refLink(id) {
  const link = h('a', { href: `/app/record/${encodeURIComponent(id)}`, class: 'ref' }, id);
  labelOfId(id).then((label) => {
    if (label && label !== id) {
      link.textContent = label;
      link.title = id;
    }
  });
  return link;
}

// Renders one value of a field.
export function renderValue(field, value, vocabs) {
  if (value === undefined || value === null) return t('not_set');
  if (field.repeated && Array.isArray(value)) {
    const single = { ...field, repeated: false };
    if (!value.length) return t('not_set');
    if (typeOf(field) === 'object' && (field.members || []).every((m) => typeOf(m) !== 'object')) return objectTable(field.members, value, vocabs);
    return h('ul', { class: 'values' }, value.map((v) => h('li', {}, renderValue(single, v, vocabs))));
  }
  switch (typeOf(field)) {
    case 'code':
      return h('span', { class: 'code', title: String(value) }, termLabel(vocabs.get(field.vocabulary), value));
    case 'ref':
      return refLink(String(value));
    case 'sha256':
      return h('a', { href: `/app/evidence/${value}`, class: 'hash' }, String(value));
    case 'boolean':
      return value ? t('yes') : t('no');
    case 'text':
      return h('div', { class: 'longtext' }, String(value));
    case 'object':
      return renderObject(field.members || [], value, vocabs);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

// Repeated objects of plain members (names, perpetrators) as a table.
function objectTable(members, values, vocabs) {
  const used = members.filter((m) => values.some((v) => v && v[m.name] !== undefined));
  return h('table', { class: 'values small' },
    h('thead', {}, h('tr', {}, used.map((m) => h('th', { scope: 'col' }, fieldLabel(m.name))))),
    h('tbody', {}, values.map((v) => h('tr', {}, used.map((m) => h('td', {},
      v && v[m.name] !== undefined ? renderValue(m, v[m.name], vocabs) : ''))))));
}

export function renderObject(members, value, vocabs) {
  if (typeof value !== 'object' || value === null) return String(value);
  const list = h('dl', { class: 'fields nested' });
  const known = new Set(members.map((m) => m.name));
  for (const member of members) {
    if (value[member.name] === undefined) continue;
    list.append(h('dt', {}, fieldLabel(member.name)), h('dd', {}, renderValue(member, value[member.name], vocabs)));
  }
  for (const [key, v] of Object.entries(value)) {
    if (!known.has(key)) list.append(h('dt', {}, fieldLabel(key)), h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v)));
  }
  return list;
}

export function isSynthetic(body) {
  const text = `${body && body.remarks ? body.remarks : ''} ${body && (body.title || body.name) ? body.title || body.name : ''}`;
  return /SYNTHETIC/i.test(text);
}
