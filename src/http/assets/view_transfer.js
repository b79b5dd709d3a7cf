// Bulk import (NDJSON/CSV, all or nothing, with the server's error report)
// and export links.

import { ApiError, api, withQuery } from './api.js';
import { h, replace, uniqueId } from './dom.js';
import { kindLabel, t } from './i18n.js';
import { kindNames } from './records.js';

export async function renderImport(ctx) {
  const kinds = await kindNames();
  const ids = { format: uniqueId('imp-format'), kind: uniqueId('imp-kind'), file: uniqueId('imp-file'), text: uniqueId('imp-text') };
  const report = h('div', { id: 'import-report', 'aria-live': 'polite' });
  const form = h('form', { id: 'import-form', class: 'card', onsubmit: submit },
    h('p', {}, t('import_intro')),
    h('div', { class: 'field' }, h('label', { for: ids.format }, t('format')),
      h('select', { id: ids.format }, h('option', { value: 'ndjson' }, 'NDJSON'), h('option', { value: 'csv' }, 'CSV'))),
    h('div', { class: 'field' }, h('label', { for: ids.kind }, t('kind')),
      h('select', { id: ids.kind }, h('option', { value: '' }, t('all_kinds')), kinds.map((k) => h('option', { value: k }, kindLabel(k))))),
    h('div', { class: 'field' }, h('label', { for: ids.file }, t('data_file')), h('input', { id: ids.file, type: 'file', accept: '.ndjson,.jsonl,.json,.csv,text/csv' })),
    h('div', { class: 'field' }, h('label', { for: ids.text }, t('or_paste')), h('textarea', { id: ids.text, rows: 8, spellcheck: 'false' })),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'start-import' }, t('import'))));
  replace(ctx.main, h('h1', {}, t('import')), form, report);

  async function submit(event) {
    event.preventDefault();
    const file = form.querySelector(`#${ids.file}`).files[0];
    const body = file || form.querySelector(`#${ids.text}`).value;
    if (!body || (typeof body === 'string' && !body.trim())) return;
    const format = form.querySelector(`#${ids.format}`).value;
    const kind = form.querySelector(`#${ids.kind}`).value;
    replace(report, h('p', { class: 'muted' }, t('loading')));
    try {
      const answer = await api('POST', withQuery('/api/v1/import', { format, kind }), {
        body,
        headers: { 'Content-Type': format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
      });
      replace(report, h('p', { class: 'flash', role: 'status' }, t('imported', { n: answer.imported })));
    } catch (error) {
      const details = error instanceof ApiError ? error.details : [];
      replace(report,
        h('p', { class: 'alert', role: 'alert' }, details.length ? `${t('import_errors')} ${details.length}` : error.message),
        details.length ? h('table', { id: 'import-errors' },
          h('thead', {}, h('tr', {}, [t('line'), t('field'), t('problem')].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, details.map((d) => h('tr', {},
            h('td', { class: 'num' }, d.line === undefined ? '' : String(d.line)),
            h('td', {}, h('code', {}, d.field || d.path || '')),
            h('td', {}, d.problem || d.message || ''))))) : null);
    }
  }
}

export async function renderExport(ctx) {
  const kinds = await kindNames();
  const link = (format, kind) => h('a', {
    href: withQuery('/api/v1/export', { format, kind }),
    download: `${kind || 'records'}.${format}`,
    class: 'button small',
  }, format.toUpperCase());
  replace(ctx.main,
    h('h1', {}, t('export')),
    h('p', {}, t('export_intro')),
    h('p', {}, h('strong', {}, t('all_kinds')), ' ', link('ndjson', '')),
    h('table', { id: 'export-links' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('kind')), h('th', { scope: 'col' }, t('format')))),
      h('tbody', {}, kinds.map((kind) => h('tr', {}, h('th', { scope: 'row' }, kindLabel(kind)), h('td', {}, link('ndjson', kind), ' ', link('csv', kind)))))));
}
