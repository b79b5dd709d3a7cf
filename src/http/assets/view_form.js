// Forms to add and edit records, generated from /api/v1/schema. The server
// validates (as the command line does); its errors are shown next to the
// field they name ("names[1].script: unknown script code ...").

import { ApiError, get, patch, post, withQuery } from './api.js';
import { h, replace, uniqueId } from './dom.js';
import { fieldLabel, kindLabel, t, termLabel } from './i18n.js';
import { fieldsOf, forgetLabel, recordLabel, typeOf, vocabsFor } from './records.js';

export async function renderNew(ctx, [kind]) {
  const fields = await fieldsOf(kind);
  if (!fields) throw new Error(`${t('not_found')} (${kind})`);
  const params = new URLSearchParams(location.search);
  const initial = {};
  for (const field of fields) {
    if (!params.has(field.name)) continue;
    initial[field.name] = field.repeated ? params.getAll(field.name) : params.get(field.name);
  }
  await renderForm(ctx, { kind, fields, initial, id: null });
}

export async function renderEdit(ctx, [id]) {
  const record = await get(`/api/v1/records/${encodeURIComponent(id)}`);
  const fields = await fieldsOf(record.kind);
  await renderForm(ctx, { kind: record.kind, fields, initial: record.body || {}, id: record.id, label: recordLabel(record.body, record.id) });
}

async function renderForm(ctx, { kind, fields, initial, id, label }) {
  const vocabs = await vocabsFor(fields);
  const env = { ctx, vocabs };
  const controls = fields.map((field) => ({ field, control: build(env, field, initial[field.name], field.name) }));
  const alert = h('div', { class: 'alert', role: 'alert', id: 'form-errors', hidden: true });
  const reasonId = uniqueId('reason');
  const reason = id
    ? h('div', { class: 'field' }, h('label', { for: reasonId }, t('change_reason'), ' ', h('span', { class: 'req' }, '*')),
        h('input', { id: reasonId, name: 'reason', required: true, 'data-path': 'reason' }))
    : null;
  const submitButton = h('button', { type: 'submit', class: 'primary', id: 'save-record' }, t('save'));
  const form = h('form', { class: 'record-form', id: 'record-form', novalidate: true, dataset: { kind }, onsubmit: submit },
    alert,
    controls.map((c) => c.control.el),
    reason,
    h('p', { class: 'actions' }, submitButton,
      h('a', { href: id ? `/app/record/${id}` : `/app/list/${kind}`, class: 'button' }, t('cancel'))));
  replace(ctx.main,
    h('h1', {}, id ? `${t('edit')}: ${label}` : t('add_kind', { kind: kindLabel(kind) })),
    id ? h('p', { class: 'meta' }, h('code', {}, id)) : null,
    form);

  async function submit(event) {
    event.preventDefault();
    const slots = new Map();
    for (const slot of form.querySelectorAll('.error')) { slot.hidden = true; slot.textContent = ''; }
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    alert.hidden = true;
    const body = {};
    for (const { field, control } of controls) {
      const value = control.read(field.name, slots);
      if (value !== undefined) body[field.name] = value;
    }
    submitButton.disabled = true;
    try {
      let result;
      if (id) {
        const set = {};
        const remove = [];
        for (const { field } of controls) {
          const before = initial[field.name];
          const after = body[field.name];
          if (after === undefined && before !== undefined) remove.push(field.name);
          else if (after !== undefined && JSON.stringify(after) !== JSON.stringify(before)) set[field.name] = after;
        }
        result = await patch(`/api/v1/records/${encodeURIComponent(id)}`, { set, remove, reason: form.querySelector(`#${reasonId}`).value.trim() });
        forgetLabel(id);
      } else {
        result = await post('/api/v1/records', { kind, body });
      }
      ctx.flash = t('saved');
      ctx.navigate(`/app/record/${encodeURIComponent(result.id)}`);
    } catch (error) {
      showErrors(error, slots, alert);
    } finally {
      submitButton.disabled = false;
    }
  }
}

function showErrors(error, slots, alert) {
  const unplaced = [];
  const details = error instanceof ApiError ? error.details : [];
  for (const detail of details) {
    const path = String(detail.path || detail.field || '');
    const problem = detail.problem || detail.message || JSON.stringify(detail);
    const slot = slots.get(path) || slots.get(path.replace(/\[\d+\]$/, '')) || slots.get(path.split(/[.[]/)[0]);
    if (slot) slot(problem);
    else unplaced.push(path ? `${path}: ${problem}` : problem);
  }
  const heading = details.length ? t('fix_errors') : error.message;
  replace(alert, h('p', {}, heading), unplaced.length ? h('ul', {}, unplaced.map((x) => h('li', {}, x))) : null);
  alert.hidden = false;
  const firstInvalid = alert.parentElement.querySelector('[aria-invalid="true"]');
  (firstInvalid || alert).focus && (firstInvalid || alert).focus();
  if (!firstInvalid) alert.scrollIntoView({ block: 'center' });
}

// A control for one field (repeated or not). Returns {el, read(path, slots)}:
// read gives the JSON value, or undefined when empty, and registers an error
// slot per path so the server's messages land next to their field.
function build(env, field, value, path, labelText) {
  const text = labelText || fieldLabel(field.name);
  const type = typeOf(field);
  if (field.repeated && type === 'code') return codeSet(env, field, value, path, text);
  if (field.repeated) return repeated(env, field, value, path, text);
  if (type === 'object') return object(env, field, value, path, text);
  return scalar(env, field, value, path, text);
}

function errorSlot(id) {
  return h('p', { class: 'error', id: `${id}-err`, hidden: true });
}

function register(slots, path, slot, input) {
  slots.set(path, (message) => {
    slot.textContent = message;
    slot.hidden = false;
    if (input) input.setAttribute('aria-invalid', 'true');
  });
}

function decorations(field) {
  return [
    field.required ? h('span', { class: 'req', title: t('required') }, ' *') : null,
    field.sensitive ? h('span', { class: 'badge' }, t('sensitive')) : null,
  ];
}

function scalar(env, field, value, path, text) {
  const id = uniqueId('fld');
  const error = errorSlot(id);
  const type = typeOf(field);
  const common = { id, 'data-path': path, 'aria-describedby': `${id}-err ${id}-hint`, required: field.required || null };
  let input;
  let hint = null;
  let datalist = null;
  if (type === 'code') {
    const vocab = env.vocabs.get(field.vocabulary);
    input = h('select', common, h('option', { value: '' }, t('not_set')),
      ((vocab && vocab.terms) || []).map((term) => h('option', { value: term.code, selected: term.code === value }, termLabel(vocab, term.code))));
    if (value && !input.value) input.append(h('option', { value, selected: true }, value));
  } else if (type === 'boolean') {
    input = h('input', { ...common, type: 'checkbox', checked: value === true });
  } else if (type === 'text') {
    input = h('textarea', { ...common, rows: 4 }, value === undefined ? '' : String(value));
  } else if (type === 'integer' || type === 'number') {
    input = h('input', { ...common, type: 'number', step: type === 'integer' ? '1' : 'any', value: value === undefined ? '' : String(value) });
  } else {
    input = h('input', { ...common, type: 'text', value: value === undefined ? '' : String(value) });
    if (type === 'date') hint = t('edtf_hint');
    if (type === 'sha256') input.setAttribute('pattern', '[0-9a-f]{64}');
    if (type === 'ref') {
      const kinds = field.ref_kinds || [];
      hint = t('ref_hint', { kinds: kinds.length ? kinds.map(kindLabel).join(', ') : '*' });
      datalist = h('datalist', { id: `${id}-list` });
      input.setAttribute('list', datalist.id);
      input.setAttribute('autocomplete', 'off');
      attachSuggestions(env, input, datalist, kinds);
    }
  }
  const wrapper = h('div', { class: type === 'boolean' ? 'field check' : 'field' },
    h('label', { for: id }, text, decorations(field)),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    input, datalist, error);
  if (type === 'boolean') wrapper.insertBefore(input, wrapper.firstChild);
  return {
    el: wrapper,
    read(p, slots) {
      input.dataset.path = p;
      register(slots, p, error, input);
      if (type === 'boolean') return input.checked ? true : value === undefined ? undefined : false;
      const raw = input.value.trim();
      if (raw === '') return undefined;
      if (type === 'integer') return Number.isInteger(Number(raw)) ? Number(raw) : raw;
      if (type === 'number') return Number.isFinite(Number(raw)) ? Number(raw) : raw;
      return raw;
    },
  };
}

// Suggests records for a reference field as the user types.
function attachSuggestions(env, input, datalist, kinds) {
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2 || /^[a-z]{3}_[0-9A-Z]{26}$/.test(query)) return;
    timer = setTimeout(async () => {
      const found = await candidates(env, query, kinds).catch(() => []);
      replace(datalist, found.map((c) => h('option', { value: c.id, label: `${c.label} (${kindLabel(c.kind)})` })));
    }, 250);
  });
}

async function candidates(env, query, kinds) {
  if (env.ctx.hasApi('/api/v1/search')) {
    const result = await get(withQuery('/api/v1/search', { q: query, kind: kinds.length === 1 ? kinds[0] : '', limit: 10 }));
    return (result.items || []).filter((item) => !kinds.length || kinds.includes(item.kind));
  }
  const lower = query.toLowerCase();
  const lists = await Promise.all(kinds.map((kind) => get(`/api/v1/records?kind=${kind}&limit=100`)));
  return lists
    .flatMap((page) => page.items || [])
    .map((item) => ({ id: item.id, kind: item.kind, label: recordLabel(item.body, item.id) }))
    .filter((c) => c.label.toLowerCase().includes(lower))
    .slice(0, 10);
}

function codeSet(env, field, value, path, text) {
  const id = uniqueId('set');
  const error = errorSlot(id);
  const vocab = env.vocabs.get(field.vocabulary);
  const chosen = new Set(Array.isArray(value) ? value : []);
  const boxes = ((vocab && vocab.terms) || []).map((term) => {
    const boxId = uniqueId('chk');
    return h('span', { class: 'check' },
      h('input', { type: 'checkbox', id: boxId, value: term.code, checked: chosen.has(term.code), 'data-path': path }),
      h('label', { for: boxId }, termLabel(vocab, term.code)));
  });
  const el = h('fieldset', { class: 'codes', id, 'aria-describedby': `${id}-err` }, h('legend', {}, text, decorations(field)), boxes, error);
  return {
    el,
    read(p, slots) {
      register(slots, p, error, el);
      const values = [...el.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value);
      return values.length ? values : undefined;
    },
  };
}

function repeated(env, field, value, path, text) {
  const id = uniqueId('rep');
  const error = errorSlot(id);
  const single = { ...field, repeated: false, required: false };
  const items = h('ol', { class: 'items' });
  const entries = [];
  const addItem = (itemValue) => {
    const index = entries.length;
    const control = build(env, single, itemValue, `${path}[${index}]`, `${text} ${index + 1}`);
    const li = h('li', {}, control.el);
    const entry = { control, li };
    li.append(h('button', { type: 'button', class: 'small remove-item', onclick: () => {
      entries.splice(entries.indexOf(entry), 1);
      li.remove();
    } }, `${t('remove')}`));
    entries.push(entry);
    items.append(li);
    return control;
  };
  const initial = Array.isArray(value) ? value : [];
  for (const v of initial) addItem(v);
  if (!initial.length && (field.required || typeOf(field) === 'object')) addItem(undefined);
  const addButton = h('button', { type: 'button', class: 'small add-item', 'data-path': path, onclick: () => {
    const control = addItem(undefined);
    const first = control.el.querySelector('input, select, textarea');
    if (first) first.focus();
  } }, `${t('add_item')}: ${text}`);
  const el = h('fieldset', { class: 'repeated', id, 'data-path': path }, h('legend', {}, text, decorations(field)), items, addButton, error);
  return {
    el,
    read(p, slots) {
      register(slots, p, error, null);
      const values = [];
      for (const entry of entries) {
        const v = entry.control.read(`${p}[${values.length}]`, slots);
        if (v !== undefined) values.push(v);
      }
      return values.length ? values : undefined;
    },
  };
}

function object(env, field, value, path, text) {
  const id = uniqueId('obj');
  const error = errorSlot(id);
  const current = value && typeof value === 'object' ? value : {};
  const members = (field.members || []).map((member) => ({ member, control: build(env, member, current[member.name], `${path}.${member.name}`) }));
  const el = h('fieldset', { class: 'object', id, 'data-path': path }, h('legend', {}, text, decorations(field)), members.map((m) => m.control.el), error);
  return {
    el,
    read(p, slots) {
      register(slots, p, error, null);
      const result = {};
      for (const { member, control } of members) {
        const v = control.read(`${p}.${member.name}`, slots);
        if (v !== undefined) result[member.name] = v;
      }
      return Object.keys(result).length ? result : undefined;
    },
  };
}
