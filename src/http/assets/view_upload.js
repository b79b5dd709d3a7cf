// Evidence: resumable chunked upload (File.slice, PUT with Content-Range,
// resume from GET received), the file's metadata and chain of custody.

import { ApiError, api, get, post } from './api.js';
import { formatBytes, h, replace, uniqueId } from './dom.js';
import { fieldLabel, loadVocab, t, termLabel } from './i18n.js';
import { refLink } from './records.js';
import { shortTime } from './view_dashboard.js';

const kChunkBytes = 8 * 1024 * 1024;
const kRetries = 5;
const kRetryDelayMs = 1000;

export async function render(ctx) {
  const params = new URLSearchParams(location.search);
  const ids = { source: uniqueId('up-source'), file: uniqueId('up-file'), captured: uniqueId('up-captured'), note: uniqueId('up-note') };
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, 'aria-label': t('upload') });
  const status = h('p', { id: 'upload-status', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { id: 'upload-result' });
  const startButton = h('button', { type: 'submit', class: 'primary', id: 'start-upload' }, t('start_upload'));
  const pauseButton = h('button', { type: 'button', id: 'pause-upload', hidden: true }, t('pause'));
  let controller = null;
  pauseButton.addEventListener('click', () => controller && controller.abort());

  const form = h('form', { id: 'upload-form', class: 'card', onsubmit: start },
    h('div', { class: 'field' }, h('label', { for: ids.source }, t('upload_source'), h('span', { class: 'req' }, ' *')),
      h('input', { id: ids.source, name: 'source', required: true, value: params.get('source') || '', pattern: 'src_[0-9A-Z]{26}' })),
    h('div', { class: 'field' }, h('label', { for: ids.file }, t('upload_file'), h('span', { class: 'req' }, ' *')),
      h('input', { id: ids.file, name: 'file', type: 'file', required: true })),
    h('div', { class: 'field' }, h('label', { for: ids.captured }, t('captured_at')), h('input', { id: ids.captured, name: 'captured_at' })),
    h('div', { class: 'field' }, h('label', { for: ids.note }, t('note')), h('input', { id: ids.note, name: 'note' })),
    h('p', { class: 'actions' }, startButton, pauseButton),
    progress, status);

  replace(ctx.main, h('h1', {}, t('upload')), form, result);

  async function start(event) {
    event.preventDefault();
    const file = form.querySelector(`#${ids.file}`).files[0];
    const source = form.querySelector(`#${ids.source}`).value.trim();
    if (!file || !source) return;
    controller = new AbortController();
    startButton.disabled = true;
    pauseButton.hidden = false;
    replace(result);
    try {
      const finished = await uploadFile(file, {
        source,
        captured_at: form.querySelector(`#${ids.captured}`).value.trim(),
        note: form.querySelector(`#${ids.note}`).value.trim(),
        signal: controller.signal,
        onProgress: (received) => {
          progress.value = file.size ? Math.floor((received * 100) / file.size) : 100;
          status.textContent = `${formatBytes(received)} / ${formatBytes(file.size)}`;
        },
        onResume: (received) => { status.textContent = t('resuming', { n: formatBytes(received) }); },
      });
      progress.value = 100;
      status.textContent = t('uploaded');
      replace(result, h('dl', { class: 'fields' },
        h('dt', {}, t('sha256')), h('dd', {}, h('a', { href: `/app/evidence/${finished.sha256}` }, h('code', { id: 'upload-sha256', class: 'hash' }, finished.sha256))),
        h('dt', {}, t('size')), h('dd', {}, `${formatBytes(finished.size)} (${finished.size} B)`),
        h('dt', {}, t('mime')), h('dd', {}, finished.mime || ''),
        h('dt', {}, fieldLabel('source')), h('dd', {}, refLink(source))));
    } catch (error) {
      const paused = error && error.name === 'AbortError';
      status.textContent = paused ? t('pause') : `${t('error')}: ${error.message}`;
      if (!paused) status.setAttribute('role', 'alert');
      startButton.textContent = t('resume');
    } finally {
      startButton.disabled = false;
      pauseButton.hidden = true;
    }
  }
}

// An interrupted upload of the same file is resumed: its id is kept in
// localStorage until the upload finishes.
function resumeKey(file) {
  return `vka.upload:${file.name}:${file.size}:${file.lastModified}`;
}

export async function uploadFile(file, { source, captured_at, note, signal, onProgress, onResume }) {
  const key = resumeKey(file);
  let uploadId = localStorage.getItem(key);
  let received = 0;
  if (uploadId) {
    try {
      received = (await get(`/api/v1/uploads/${encodeURIComponent(uploadId)}`)).received || 0;
      onResume(received);
    } catch (_) {
      uploadId = null; // expired or finished elsewhere: start again
    }
  }
  if (!uploadId) {
    const created = await post('/api/v1/uploads', { name: file.name, size: file.size, source });
    uploadId = created.upload_id;
    received = created.received || 0;
    localStorage.setItem(key, uploadId);
  }
  onProgress(received);
  let failures = 0;
  while (received < file.size) {
    const end = Math.min(received + kChunkBytes, file.size);
    try {
      const answer = await api('PUT', `/api/v1/uploads/${encodeURIComponent(uploadId)}`, {
        body: file.slice(received, end),
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${received}-${end - 1}/${file.size}` },
        signal,
      });
      received = answer.received;
      failures = 0;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        failures += 1;
        if (failures > kRetries) throw error;
        // The server holds another count of bytes (another tab, a lost reply): continue from it.
        const told = error.details[0] && error.details[0].received;
        received = Number.isInteger(told) ? told : (await get(`/api/v1/uploads/${encodeURIComponent(uploadId)}`)).received || 0;
        onProgress(received);
        continue;
      }
      if (error.name === 'AbortError' || (error instanceof ApiError && error.status < 500)) throw error;
      failures += 1;
      if (failures > kRetries) throw error;
      await new Promise((resolve) => setTimeout(resolve, kRetryDelayMs * failures));
      received = (await get(`/api/v1/uploads/${encodeURIComponent(uploadId)}`)).received || 0;
    }
    onProgress(received);
  }
  const finish = { source };
  if (captured_at) finish.captured_at = captured_at;
  if (note) finish.note = note;
  const done = await post(`/api/v1/uploads/${encodeURIComponent(uploadId)}/finish`, finish);
  localStorage.removeItem(key);
  return done;
}

// The evidence files of a source, as a list of links (for the record page).
export async function evidenceList(ctx, sourceId) {
  let items = [];
  try {
    items = (await get(`/api/v1/evidence?source=${encodeURIComponent(sourceId)}`)).items || [];
  } catch (error) {
    return h('p', { class: 'muted' }, error.message);
  }
  return h('div', {},
    items.length
      ? h('ul', { id: 'evidence-list' }, items.map((item) => h('li', {},
          h('a', { href: `/app/evidence/${item.sha256}` }, item.name || item.original_name || item.sha256), ' ',
          h('code', { class: 'hash small' }, item.sha256), item.size !== undefined ? ` · ${formatBytes(item.size)}` : '')))
      : h('p', { class: 'muted' }, t('not_set')),
    ctx.mayWrite() ? h('p', {}, h('a', { href: `/app/upload?source=${sourceId}`, class: 'button' }, t('upload'))) : null);
}

// Records one action in the chain (POST .../custody, roles that may write);
// the page is drawn again with the new chain.
function custodyForm(ctx, sha, vocab) {
  const ids = { action: uniqueId('cus-action'), date: uniqueId('cus-date'), purpose: uniqueId('cus-purpose'), counterpart: uniqueId('cus-counterpart'), reason: uniqueId('cus-reason') };
  const status = h('p', { id: 'custody-status', role: 'status', 'aria-live': 'polite' });
  const field = (id, label, control, hint, required) => h('div', { class: 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'req' }, ' *') : null),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, control);
  const action = h('select', { id: ids.action, name: 'action', required: true },
    ((vocab && vocab.terms) || []).map((term) => h('option', { value: term.code }, termLabel(vocab, term.code))));
  const date = h('input', { id: ids.date, name: 'date', 'aria-describedby': `${ids.date}-hint` });
  const purpose = h('input', { id: ids.purpose, name: 'purpose' });
  const counterpart = h('input', { id: ids.counterpart, name: 'counterpart', 'aria-describedby': `${ids.counterpart}-hint` });
  const reason = h('textarea', { id: ids.reason, name: 'reason', rows: 2, required: true, 'aria-required': 'true' });
  const form = h('form', {
    id: 'custody-form',
    class: 'card',
    onsubmit: async (event) => {
      event.preventDefault();
      const request = { action: action.value, reason: reason.value.trim() };
      for (const [key, input] of [['date', date], ['purpose', purpose], ['counterpart', counterpart]]) {
        if (input.value.trim()) request[key] = input.value.trim();
      }
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        await post(`/api/v1/evidence/${sha}/custody`, request);
        await renderEvidence(ctx, [sha]);
        const shown = document.getElementById('custody-status');
        if (shown) shown.textContent = t('custody_recorded');
      } catch (error) {
        button.disabled = false;
        status.textContent = `${t('error')}: ${error.message}`;
        status.setAttribute('role', 'alert');
      }
    },
  },
  h('h3', {}, t('record_custody')),
  field(ids.action, fieldLabel('action'), action, null, true),
  field(ids.date, fieldLabel('date'), date, t('custody_date_hint')),
  field(ids.purpose, fieldLabel('purpose'), purpose),
  field(ids.counterpart, fieldLabel('counterpart'), counterpart, t('custody_counterpart_hint')),
  field(ids.reason, t('custody_reason'), reason, null, true),
  h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'custody-submit' }, t('record_custody'))),
  status);
  return form;
}

export async function renderEvidence(ctx, [sha]) {
  const meta = await get(`/api/v1/evidence/${sha}`);
  const vocab = ctx.mayWrite() ? await loadVocab('custody_action') : null;
  const custody = meta.custody || [];
  const fields = h('dl', { class: 'fields', id: 'evidence-fields' });
  for (const [key, value] of Object.entries(meta)) {
    if (key === 'custody' || value === null || value === '' || value === undefined) continue;
    const shown = key === 'source' || key === 'sources'
      ? [].concat(value).map((v) => refLink(String(v)))
      : typeof value === 'object' ? JSON.stringify(value) : String(value);
    fields.append(h('dt', {}, fieldLabel(key)), h('dd', {}, shown));
  }
  const columns = [...new Set(custody.flatMap((c) => Object.keys(c)))];
  replace(ctx.main,
    h('h1', {}, t('evidence')),
    h('p', {}, h('code', { class: 'hash', id: 'evidence-sha256' }, sha)),
    h('p', {}, h('a', { href: `/api/v1/evidence/${sha}/content`, download: '', class: 'button' }, t('download'))),
    fields,
    h('section', { 'aria-labelledby': 'custody-h' }, h('h2', { id: 'custody-h' }, t('custody')),
      h('table', { id: 'custody' },
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, fieldLabel(c))))),
        h('tbody', {}, custody.map((event) => h('tr', {}, columns.map((c) => h('td', {},
          c === 'id' && event.id ? refLink(event.id) : c === 'at' || c === 'date' ? shortTime(event[c]) : typeof event[c] === 'object' ? JSON.stringify(event[c]) : String(event[c] ?? ''))))))),
      ctx.mayWrite() ? custodyForm(ctx, sha, vocab) : null));
}
