// The reparations registry (docs/claims.md): the list of claims, one claim
// with its valuation, deadlines, history, workflow actions and statement
// PDFs, the registry summary, the duplicate review, and mass-claims
// processing for reviewers (routing, verification samples, precedents). The server decides what each role may
// read and do (docs/api.md "Claims"); the UI offers only the moves the
// server would accept for the role.

import { ApiError, get, post, withQuery } from './api.js';
import { h, replace, uniqueId } from './dom.js';
import { fieldLabel, kLanguages, lang, loadVocab, t, termLabel } from './i18n.js';
import { refLink } from './records.js';
import { shortTime } from './view_dashboard.js';

const kPageSize = 50;
const kGroupings = ['', 'status', 'form', 'place', 'period'];
const kOverlapTypes = ['same_claimant', 'double_harm', 'shared_property', 'shared_victim'];

async function claimVocabs() {
  const names = ['claim_status', 'claim_track', 'reparation_form', 'claim_overlap', 'overlap_decision', 'valuation_method'];
  const loaded = await Promise.all(names.map((n) => loadVocab(n)));
  return Object.fromEntries(names.map((n, i) => [n, loaded[i]]));
}

function money(value) {
  return new Intl.NumberFormat(lang(), { maximumFractionDigits: 0 }).format(Number(value) || 0);
}

// "12 000 (9 000–15 000)"
function interval(v) {
  if (!v) return t('not_set');
  return `${money(v.mid)} (${money(v.low)}–${money(v.high)})`;
}

function claimsToolbar(current) {
  const link = (href, key, id) => h('a', { href, id, class: 'button', 'aria-current': current === href ? 'page' : null }, t(key));
  return h('nav', { class: 'toolbar', 'aria-label': t('claims') },
    link('/app/claims', 'claims', 'claims-list-link'),
    link('/app/claims/summary', 'claims_summary', 'claims-summary-link'),
    link('/app/claims/duplicates', 'claims_duplicates', 'claims-duplicates-link'));
}

// A labelled <select> of a vocabulary's terms, with a first "any" option.
function vocabSelect(id, vocab, selected, anyLabel) {
  return h('select', { id, name: id },
    anyLabel !== undefined ? h('option', { value: '' }, anyLabel) : null,
    ((vocab && vocab.terms) || []).map((term) => h('option', { value: term.code, selected: term.code === selected }, termLabel(vocab, term.code))));
}

function claimantCell(item) {
  if (item.claimant) return item.claimant.name || item.claimant.id;
  if (item.household) return `${fieldLabel('household')}: ${typeof item.household === 'string' ? item.household : item.household.name || ''}`;
  return t('not_set');
}

// ---- List -----------------------------------------------------------------

export async function renderList(ctx) {
  const params = new URLSearchParams(location.search);
  const status = params.get('status') || '';
  const track = params.get('track') || '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [vocabs, page] = await Promise.all([
    claimVocabs(),
    get(withQuery('/api/v1/claims', { status, track, limit: kPageSize, offset })),
  ]);
  const items = page.items || [];
  const listUrl = (changes) => {
    const next = { status, track, offset, ...changes };
    return withQuery('/app/claims', { status: next.status, track: next.track, offset: next.offset || null });
  };
  const statusSelect = vocabSelect('claims-status-filter', vocabs.claim_status, status, t('any'));
  const trackSelect = vocabSelect('claims-track-filter', vocabs.claim_track, track, t('any'));
  const filter = h('form', {
    class: 'inline-form filter',
    id: 'claims-filter',
    onsubmit: (e) => {
      e.preventDefault();
      ctx.navigate(listUrl({ status: statusSelect.value, track: trackSelect.value, offset: 0 }));
    },
  },
  h('label', { for: 'claims-status-filter' }, fieldLabel('status')), statusSelect,
  h('label', { for: 'claims-track-filter' }, t('track')), trackSelect,
  h('button', { type: 'submit' }, t('apply')));

  replace(ctx.main,
    h('h1', {}, t('claims')),
    claimsToolbar('/app/claims'),
    ctx.mayWrite() ? h('p', {}, h('a', { href: '/app/new/claim', class: 'button primary', id: 'add-claim' }, t('add_claim'))) : null,
    filter,
    page.reference ? h('p', { class: 'muted small' }, t('valuation_in', { ref: page.reference })) : null,
    items.length
      ? h('table', { id: 'claims-list' },
          h('thead', {}, h('tr', {}, [t('id'), fieldLabel('claimant'), fieldLabel('status'), t('track'), fieldLabel('forms'), t('claimed'), t('filed')]
            .map((c, i) => h('th', { scope: 'col', class: i === 5 ? 'num' : null }, c)))),
          h('tbody', {}, items.map((item) => h('tr', { dataset: { id: item.id, status: item.status } },
            h('td', {}, h('a', { href: `/app/claims/${encodeURIComponent(item.id)}` }, item.id)),
            h('td', {}, claimantCell(item)),
            h('td', { class: 'claim-status' }, termLabel(vocabs.claim_status, item.status)),
            h('td', {}, item.track ? termLabel(vocabs.claim_track, item.track) : t('not_set')),
            h('td', {}, (item.forms || []).map((f) => termLabel(vocabs.reparation_form, f)).join(', ')),
            h('td', { class: 'num' }, interval(item.claimed)),
            h('td', {}, item.filed || '')))))
      : h('p', { class: 'muted', id: 'claims-empty' }, t('no_results')),
    h('nav', { class: 'pager', 'aria-label': 'pages' },
      offset > 0 ? h('a', { href: listUrl({ offset: Math.max(0, offset - kPageSize) }), rel: 'prev' }, `← ${t('previous')}`) : null,
      items.length ? h('span', {}, t('showing', { from: offset + 1, to: offset + items.length })) : null,
      page.next_offset ? h('a', { href: listUrl({ offset: page.next_offset }), rel: 'next' }, `${t('next')} →`) : null),
    ctx.mayReview() ? massSection(ctx, vocabs) : null);
}

// ---- One claim --------------------------------------------------------------

export async function renderClaim(ctx, [id]) {
  const [vocabs, claim] = await Promise.all([claimVocabs(), get(`/api/v1/claims/${encodeURIComponent(id)}`)]);
  const body = claim.body || {};
  const status = (code) => termLabel(vocabs.claim_status, code);
  replace(ctx.main,
    h('p', { class: 'kind-tag' }, t('claims')),
    h('h1', { id: 'claim-title' }, t('claim_title', { id: claim.id })),
    claimsToolbar(''),
    h('p', { class: 'meta' },
      `${fieldLabel('status')}: `, h('strong', { id: 'claim-status', dataset: { status: claim.status } }, status(claim.status)),
      claim.track ? ` · ${t('track')}: ${termLabel(vocabs.claim_track, claim.track)}` : '',
      ` · ${t('revision')} ${claim.rev} · `, h('time', { datetime: claim.at }, shortTime(claim.at)), ` · ${claim.by || ''} · `,
      h('a', { href: `/app/record/${encodeURIComponent(claim.id)}`, id: 'claim-record-link' }, t('open_record'))),
    h('section', { 'aria-labelledby': 'claim-facts-h' },
      h('h2', { id: 'claim-facts-h' }, t('claim_facts')),
      factsList(claim, body, vocabs)),
    amountsSection(claim, body, vocabs),
    deadlinesSection(claim),
    claim.decision ? decisionSection(claim.decision, vocabs) : null,
    workflowSection(ctx, claim, vocabs),
    statementSection(claim),
    historySection(claim, vocabs));
}

// Links to the claimant's statement PDF in each language of the UI.
function statementSection(claim) {
  const base = `/api/v1/claims/${encodeURIComponent(claim.id)}/statement.pdf`;
  return h('section', { 'aria-labelledby': 'claim-statement-h', id: 'claim-statement' },
    h('h2', { id: 'claim-statement-h' }, t('statement_pdf')),
    h('ul', { class: 'values' }, kLanguages.map((l) => h('li', {},
      h('a', { href: withQuery(base, { lang: l.code }), type: 'application/pdf', class: 'statement-link', hreflang: l.code, dataset: { lang: l.code } },
        t('statement_in', { language: l.name }))))));
}

function factsList(claim, body, vocabs) {
  const list = h('dl', { class: 'fields', id: 'claim-facts' });
  const add = (label, value) => list.append(h('dt', {}, label), h('dd', {}, value));
  if (claim.claimant) {
    // The name the server gave, then the one in the script of the UI's language.
    const link = refLink(claim.claimant.id);
    link.id = 'claim-claimant';
    if (claim.claimant.name) link.textContent = claim.claimant.name;
    add(fieldLabel('claimant'), link);
  }
  if (claim.household) {
    add(fieldLabel('household'), h('div', {}, claim.household.name || '',
      h('ul', { class: 'values' }, (claim.household.members || []).map((m) => h('li', {}, refLink(m.person), m.relationship ? ` (${m.relationship})` : '')))));
  }
  const refs = (ids) => h('ul', { class: 'values' }, ids.map((x) => h('li', {}, refLink(x))));
  if (Array.isArray(body.victims) && body.victims.length) add(fieldLabel('victims'), refs(body.victims));
  if (Array.isArray(body.beneficiaries) && body.beneficiaries.length) {
    add(fieldLabel('beneficiaries'), h('ul', { class: 'values' }, body.beneficiaries.map((b) => h('li', {},
      refLink(b.person), b.relationship ? ` (${b.relationship})` : '', b.victim ? [' → ', refLink(b.victim)] : null))));
  }
  if (Array.isArray(body.harms) && body.harms.length) add(fieldLabel('harms'), refs(body.harms));
  add(fieldLabel('forms'), (claim.forms || []).map((f) => termLabel(vocabs.reparation_form, f)).join(', ') || t('not_set'));
  if (Array.isArray(body.evidence) && body.evidence.length) add(t('claim_evidence'), refs(body.evidence));
  if (body.filed) add(t('filed'), body.filed);
  if (body.harm_date) add(t('harm_date'), body.harm_date);
  if (body.place) add(fieldLabel('place'), refLink(body.place));
  if (body.description) add(fieldLabel('description'), h('div', { class: 'longtext' }, body.description));
  return list;
}

function amountsSection(claim, body, vocabs) {
  const amounts = Array.isArray(body.amounts) ? body.amounts : [];
  return h('section', { 'aria-labelledby': 'claim-amounts-h', id: 'claim-amounts' },
    h('h2', { id: 'claim-amounts-h' }, t('valuation')),
    h('dl', { class: 'fields', id: 'claim-valuation' },
      h('dt', {}, t('claimed')), h('dd', { id: 'claim-claimed' }, `${interval(claim.claimed)} ${claim.reference || ''}`),
      h('dt', {}, t('awarded')), h('dd', { id: 'claim-awarded' }, `${interval(claim.awarded)} ${claim.reference || ''}`)),
    h('p', { class: 'muted small' }, t('valuation_in', { ref: claim.reference || '' }), ' ', t('bounds_note')),
    amounts.length
      ? h('table', { class: 'small' },
          h('caption', { class: 'visually-hidden' }, t('amounts')),
          h('thead', {}, h('tr', {}, [t('form'), fieldLabel('amount'), t('low'), t('high'), fieldLabel('currency'), fieldLabel('year'), fieldLabel('method'), fieldLabel('property')]
            .map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, amounts.map((a) => h('tr', {},
            h('td', {}, termLabel(vocabs.reparation_form, a.form)),
            h('td', { class: 'num' }, money(a.amount)),
            h('td', { class: 'num' }, a.low !== undefined ? money(a.low) : ''),
            h('td', { class: 'num' }, a.high !== undefined ? money(a.high) : ''),
            h('td', {}, a.currency || ''), h('td', {}, String(a.year ?? '')),
            h('td', {}, a.method ? termLabel(vocabs.valuation_method, a.method) : ''),
            h('td', {}, a.property ? refLink(a.property) : '')))))
      : null);
}

function deadlinesSection(claim) {
  const deadlines = claim.deadlines || [];
  return h('section', { 'aria-labelledby': 'claim-deadlines-h', id: 'claim-deadlines' },
    h('h2', { id: 'claim-deadlines-h' }, t('deadlines')),
    deadlines.length
      ? h('ul', {}, deadlines.map((d) => h('li', { class: d.overdue ? 'overdue' : null },
          h('strong', {}, d.due), ` — ${d.what}`, d.overdue ? h('span', { class: 'badge overdue' }, t('overdue')) : null)))
      : h('p', { class: 'muted' }, t('no_deadlines')));
}

function decisionSection(decision, vocabs) {
  const list = h('dl', { class: 'fields', id: 'claim-decision' });
  const add = (label, value) => list.append(h('dt', {}, label), h('dd', {}, value));
  if (decision.date) add(fieldLabel('date'), decision.date);
  if (decision.reasons) add(t('reasons'), h('div', { class: 'longtext' }, decision.reasons));
  if (decision.legal_basis) add(t('legal_basis'), decision.legal_basis.join(', '));
  if (decision.evidence) add(t('claim_evidence'), h('ul', { class: 'values' }, decision.evidence.map((x) => h('li', {}, refLink(x)))));
  if (decision.awards) {
    add(t('awards'), h('ul', { class: 'values' }, decision.awards.map((a) => h('li', {},
      `${termLabel(vocabs.reparation_form, a.form)}: ${money(a.amount)} ${a.currency} (${a.year})`))));
  }
  if (decision.precedent) add(t('precedent'), refLink(decision.precedent));
  return h('section', { 'aria-labelledby': 'claim-decision-h' }, h('h2', { id: 'claim-decision-h' }, fieldLabel('decision')), list);
}

// The moves the role may make: workflow moves for writers, decisions for reviewers.
function allowedMoves(ctx, claim) {
  return (claim.next || []).filter((n) => (n.decision ? ctx.mayReview() : ctx.mayWrite()));
}

function workflowSection(ctx, claim, vocabs) {
  const section = h('section', { 'aria-labelledby': 'claim-workflow-h', id: 'claim-workflow' }, h('h2', { id: 'claim-workflow-h' }, t('workflow')));
  if (!(claim.next || []).length) {
    section.append(h('p', { class: 'muted', id: 'claim-final' }, t('final_status')));
    return section;
  }
  const moves = allowedMoves(ctx, claim);
  section.append(h('p', { class: 'small' }, `${t('next_statuses')}: `,
    claim.next.map((n) => termLabel(vocabs.claim_status, n.status)).join(', ')));
  if (!moves.length) {
    section.append(h('p', { class: 'muted', id: 'claim-no-moves' }, t('no_moves_for_role')));
    return section;
  }
  section.append(transitionForm(ctx, claim, moves, vocabs));
  return section;
}

function field(id, label, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, control);
}

function transitionForm(ctx, claim, moves, vocabs) {
  const status = h('p', { role: 'status', id: 'transition-status' });
  const to = h('select', { id: 'transition-to', name: 'to' },
    moves.map((n) => h('option', { value: n.status, dataset: { decision: n.decision ? '1' : '' } }, termLabel(vocabs.claim_status, n.status))));
  const reason = h('textarea', { id: 'transition-reason', name: 'reason', rows: 3, required: true, 'aria-required': 'true' });
  const legal = h('input', { id: 'transition-legal-basis', type: 'text', 'aria-describedby': 'transition-legal-basis-hint' });
  const evidence = h('input', { id: 'transition-evidence', type: 'text' });
  const date = h('input', { id: 'transition-date', type: 'text', 'aria-describedby': 'transition-date-hint' });
  const precedent = h('input', { id: 'transition-precedent', type: 'text' });
  const awardRows = h('ol', { class: 'items', id: 'transition-awards' });
  const addAward = () => awardRows.append(awardRow(claim, vocabs));
  const decisionFields = h('fieldset', { id: 'transition-decision', hidden: true },
    h('legend', {}, fieldLabel('decision')),
    field('transition-legal-basis', t('legal_basis'), legal, t('legal_basis_hint')),
    field('transition-evidence', t('claim_evidence_ids'), evidence),
    field('transition-date', t('decision_date'), date, t('edtf_hint')),
    field('transition-precedent', t('precedent'), precedent),
    h('fieldset', {}, h('legend', {}, t('awards')), awardRows,
      h('button', { type: 'button', class: 'small', id: 'transition-add-award', onclick: addAward }, t('add_award'))));
  const showDecision = () => {
    const option = to.selectedOptions[0];
    decisionFields.hidden = !(option && option.dataset.decision);
  };
  to.addEventListener('change', showDecision);
  showDecision();
  const words = (input) => input.value.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

  const form = h('form', {
    id: 'transition-form',
    class: 'record-form',
    onsubmit: async (e) => {
      e.preventDefault();
      const request = { to: to.value, reason: reason.value.trim() };
      if (!decisionFields.hidden) {
        request.legal_basis = words(legal);
        request.evidence = words(evidence);
        if (date.value.trim()) request.date = date.value.trim();
        if (precedent.value.trim()) request.precedent = precedent.value.trim();
        request.awards = [...awardRows.querySelectorAll('li')].map((li) => ({
          form: li.querySelector('select').value,
          amount: Number(li.querySelector('.award-amount').value),
          currency: li.querySelector('.award-currency').value.trim().toUpperCase(),
          year: Number(li.querySelector('.award-year').value),
        })).filter((a) => a.currency && Number.isFinite(a.amount));
      }
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        await post(`/api/v1/claims/${encodeURIComponent(claim.id)}/transition`, request);
        ctx.flash = t('moved', { status: termLabel(vocabs.claim_status, request.to) });
        ctx.navigate(`/app/claims/${encodeURIComponent(claim.id)}`, { replaceState: true });
      } catch (error) {
        button.disabled = false;
        replace(status, errorMessage(error, vocabs));
        status.className = 'alert';
        status.setAttribute('role', 'alert');
      }
    },
  },
  field('transition-to', t('next_status'), to),
  field('transition-reason', t('transition_reason'), reason),
  decisionFields,
  h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'transition-submit' }, t('move_claim'))),
  status);
  return form;
}

function awardRow(claim, vocabs) {
  const formId = uniqueId('award-form');
  const amountId = uniqueId('award-amount');
  const currencyId = uniqueId('award-currency');
  const yearId = uniqueId('award-year');
  const forms = (claim.forms || []).length ? claim.forms : ((vocabs.reparation_form && vocabs.reparation_form.terms) || []).map((x) => x.code);
  const row = h('li', { class: 'award' },
    h('fieldset', { class: 'object' }, h('legend', { class: 'visually-hidden' }, t('awards')),
      field(formId, t('form'), h('select', { id: formId }, forms.map((f) => h('option', { value: f }, termLabel(vocabs.reparation_form, f))))),
      field(amountId, fieldLabel('amount'), h('input', { id: amountId, class: 'award-amount', type: 'number', min: 0, step: 'any' })),
      field(currencyId, fieldLabel('currency'), h('input', { id: currencyId, class: 'award-currency', type: 'text', size: 4 })),
      field(yearId, fieldLabel('year'), h('input', { id: yearId, class: 'award-year', type: 'number', step: 1 })),
      h('button', { type: 'button', class: 'small', onclick: () => row.remove() }, t('remove'))));
  return row;
}

function errorMessage(error, vocabs) {
  if (!(error instanceof ApiError)) return String(error.message || error);
  const allowed = error.status === 409 && error.details.length ? error.details[0].allowed : null;
  if (Array.isArray(allowed)) {
    return t('move_refused', { list: allowed.map((s) => termLabel(vocabs.claim_status, s)).join(', ') || t('not_set') });
  }
  if (error.status === 403) return `${t('permission_denied')} (${error.message})`;
  if (error.details.length) {
    return h('ul', {}, error.details.map((d) => h('li', {}, d.path ? h('code', {}, d.path) : null, d.path ? ': ' : '', d.problem || '')));
  }
  return error.message;
}

function historySection(claim, vocabs) {
  const revisions = [...(claim.history || [])].sort((a, b) => b.rev - a.rev);
  return h('section', { 'aria-labelledby': 'claim-history-h', id: 'claim-history' },
    h('h2', { id: 'claim-history-h' }, t('history')),
    h('table', { id: 'claim-history-table' },
      h('thead', {}, h('tr', {}, [t('revision'), t('when'), t('by'), fieldLabel('status'), t('reason'), t('changes')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, revisions.map((r) => h('tr', { dataset: { rev: r.rev } },
        h('td', { class: 'num' }, String(r.rev)),
        h('td', {}, h('time', { datetime: r.at }, shortTime(r.at))),
        h('td', {}, r.by || ''),
        h('td', { class: 'history-status' }, r.status ? termLabel(vocabs.claim_status, r.status) : t('not_set')),
        h('td', { class: 'history-reason' }, r.reason || (r.rev === 1 ? t('created') : '')),
        h('td', { class: 'small' }, r.rev === 1 ? '' : (r.changes || []).join(', ')))))));
}

// ---- Summary ----------------------------------------------------------------

export async function renderSummary(ctx) {
  const params = new URLSearchParams(location.search);
  const by = kGroupings.includes(params.get('by') || '') ? params.get('by') || '' : '';
  const [vocabs, summary] = await Promise.all([claimVocabs(), get(withQuery('/api/v1/claims/summary', { by }))]);
  const byId = 'claims-summary-by';
  const groupLabel = (g) => ({ '': t('total_only'), status: fieldLabel('status'), form: t('form'), place: fieldLabel('place'), period: fieldLabel('period') }[g]);
  const select = h('select', { id: byId }, kGroupings.map((g) => h('option', { value: g, selected: g === by }, groupLabel(g))));
  const keyLabel = (key) => {
    if (summary.by === 'status') return termLabel(vocabs.claim_status, key);
    if (summary.by === 'form') return termLabel(vocabs.reparation_form, key);
    return key;
  };
  const row = (r, label, total) => h('tr', { class: total ? 'total' : null },
    h(total ? 'th' : 'td', total ? { scope: 'row' } : {}, label),
    h('td', { class: 'num' }, String(r.claims)),
    h('td', { class: 'num' }, interval(r.claimed)),
    h('td', { class: 'num' }, interval(r.awarded)),
    h('td', { class: 'num' }, String(r.unvalued_amounts || 0)));
  const reference = `${summary.reference_currency} ${summary.reference_year}`;
  replace(ctx.main,
    h('h1', {}, t('claims_summary')),
    claimsToolbar('/app/claims/summary'),
    h('form', {
      class: 'inline-form',
      id: 'claims-summary-form',
      onsubmit: (e) => {
        e.preventDefault();
        ctx.navigate(withQuery('/app/claims/summary', { by: select.value }));
      },
    }, h('label', { for: byId }, t('group_by')), select, h('button', { type: 'submit' }, t('apply'))),
    h('table', { id: 'claims-summary' },
      h('caption', {}, t('valuation_in', { ref: reference }), ' · ', t('tables_version', { v: summary.tables_version })),
      h('thead', {}, h('tr', {}, [summary.by ? groupLabel(summary.by) : '', t('claims_count'), t('claimed'), t('awarded'), t('unvalued')]
        .map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
      h('tbody', {}, (summary.groups || []).map((r) => row(r, keyLabel(r.key), false)), row(summary.total, t('total'), true))),
    h('p', { class: 'muted small' }, t('bounds_note'), ' ', t('summary_scope')));
}

// ---- Duplicates -------------------------------------------------------------

export async function renderDuplicates(ctx) {
  const params = new URLSearchParams(location.search);
  const type = kOverlapTypes.includes(params.get('type')) ? params.get('type') : '';
  const unreviewed = params.get('unreviewed') === 'true';
  const [vocabs, answer] = await Promise.all([
    claimVocabs(),
    get(withQuery('/api/v1/claims/duplicates', { type, unreviewed: unreviewed ? 'true' : null })),
  ]);
  const flags = answer.flags || [];
  const typeSelect = vocabSelect('duplicates-type', vocabs.claim_overlap, type, t('any'));
  const onlyOpen = h('input', { type: 'checkbox', id: 'duplicates-unreviewed', checked: unreviewed });
  replace(ctx.main,
    h('h1', {}, t('claims_duplicates')),
    claimsToolbar('/app/claims/duplicates'),
    h('p', {}, t('duplicates_intro')),
    h('form', {
      class: 'inline-form',
      id: 'duplicates-filter',
      onsubmit: (e) => {
        e.preventDefault();
        ctx.navigate(withQuery('/app/claims/duplicates', { type: typeSelect.value, unreviewed: onlyOpen.checked ? 'true' : null }));
      },
    },
    h('label', { for: 'duplicates-type' }, t('flag_type')), typeSelect,
    onlyOpen, h('label', { for: 'duplicates-unreviewed' }, t('unreviewed_only')),
    h('button', { type: 'submit' }, t('apply'))),
    flags.length
      ? h('div', { id: 'duplicate-flags' }, flags.map((f) => flagCard(ctx, f, vocabs)))
      : h('p', { class: 'muted', id: 'duplicates-empty' }, t('no_flags')));
}

function decisionText(flag, vocabs) {
  if (!flag.decision) return t('unreviewed');
  return t('decided_by', { decision: termLabel(vocabs.overlap_decision, flag.decision), who: flag.reviewer || '' });
}

function flagCard(ctx, flag, vocabs) {
  const headingId = `flag-${flag.id}-h`;
  const state = h('p', { class: 'flag-decision', role: 'status' }, h('strong', {}, decisionText(flag, vocabs)));
  const card = h('article', { class: 'card flag', id: `flag-${flag.id}`, dataset: { flag: flag.id, type: flag.type }, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, termLabel(vocabs.claim_overlap, flag.type), ' ', h('code', { class: 'small' }, flag.id)),
    h('p', {}, `${t('claims_count')}: `, (flag.claims || []).flatMap((c, i) => [i ? ', ' : '', h('a', { href: `/app/claims/${encodeURIComponent(c)}` }, c)])),
    h('p', { class: 'flag-explanation' }, flag.explanation || ''),
    state);
  if (!flag.decision && ctx.mayReview()) card.append(reviewForm(ctx, flag, state, vocabs));
  return card;
}

function reviewForm(ctx, flag, state, vocabs) {
  const id = `flag-${flag.id}-reason`;
  const input = h('input', { id, type: 'text', class: 'flag-reason', required: true });
  const message = h('span', { role: 'alert', class: 'error' });
  const decide = (verb) => async () => {
    if (!input.value.trim()) {
      message.textContent = t('reason_required');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const result = await post(`/api/v1/claims/duplicates/${encodeURIComponent(flag.id)}/${verb}`, { reason: input.value.trim() });
      replace(state, h('strong', {}, decisionText({ decision: result.decision, reviewer: ctx.session.user }, vocabs)));
      form.remove();
    } catch (error) {
      form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      message.textContent = error.message;
    }
  };
  const form = h('div', { class: 'decision flag-review' },
    h('label', { for: id }, t('rationale')), input,
    h('button', { type: 'button', class: 'flag-confirm', onclick: decide('confirm') }, t('confirm')),
    h('button', { type: 'button', class: 'flag-dismiss', onclick: decide('dismiss') }, t('dismiss')),
    message);
  return form;
}

// ---- Mass claims (reviewers) ------------------------------------------------

function percent(share) {
  return new Intl.NumberFormat(lang(), { style: 'percent', maximumFractionDigits: 2 }).format(Number(share) || 0);
}

function alertBox(box, error, vocabs) {
  replace(box, errorMessage(error, vocabs));
  box.className = 'alert';
}

function massSection(ctx, vocabs) {
  return h('section', { 'aria-labelledby': 'claims-mass-h', id: 'claims-mass' },
    h('h2', { id: 'claims-mass-h' }, t('mass_claims')),
    routeForm(vocabs), sampleForm(ctx, vocabs), precedentForm(vocabs));
}

// Route: a dry run shows the counts per track; confirming writes.
function routeForm(vocabs) {
  const reason = h('textarea', { id: 'route-reason', rows: 2, required: true, 'aria-required': 'true' });
  const result = h('div', { id: 'route-result', role: 'status' });
  const send = async (dryRun) => {
    form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const report = await post('/api/v1/claims/route', { reason: reason.value.trim(), dry_run: dryRun });
      result.className = '';
      replace(result,
        h('p', {}, t('route_considered', { n: report.considered })),
        h('table', { id: 'route-by-track', class: 'small' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('track')), h('th', { scope: 'col', class: 'num' }, t('claims_count')))),
          h('tbody', {}, Object.entries(report.by_track || {}).map(([track, n]) => h('tr', { dataset: { track } },
            h('td', {}, termLabel(vocabs.claim_track, track)), h('td', { class: 'num' }, String(n)))))),
        h('p', { id: 'route-summary' }, t(report.written || !dryRun ? 'route_changed' : 'route_would_change', { n: (report.changed || []).length })),
        dryRun && (report.changed || []).length
          ? h('button', { type: 'button', class: 'primary', id: 'route-confirm', onclick: () => send(false) }, t('confirm_routing'))
          : null);
    } catch (error) {
      alertBox(result, error, vocabs);
    }
    form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  };
  const form = h('form', {
    id: 'route-form',
    class: 'record-form',
    'aria-labelledby': 'route-h',
    onsubmit: (e) => { e.preventDefault(); send(true); },
  },
  h('h3', { id: 'route-h' }, t('route_claims')),
  h('p', { class: 'hint' }, t('route_intro')),
  field('route-reason', t('reason'), reason),
  h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'route-preview' }, t('preview_routing'))),
  result);
  return form;
}

function sampleForm(ctx, vocabs) {
  const track = vocabSelect('sample-track', vocabs.claim_track, '', t('any'));
  const status = vocabSelect('sample-status', vocabs.claim_status, '', t('any'));
  const margin = h('input', { id: 'sample-margin', type: 'number', min: 0.001, max: 0.5, step: 'any', value: '0.05' });
  const confidence = h('input', { id: 'sample-confidence', type: 'number', min: 0.5, max: 0.999, step: 'any', value: '0.95' });
  const reason = h('textarea', { id: 'sample-reason', rows: 2, required: true, 'aria-required': 'true' });
  const message = h('div', { id: 'sample-message', role: 'status' });
  const form = h('form', {
    id: 'sample-form',
    class: 'record-form',
    'aria-labelledby': 'sample-h',
    onsubmit: async (e) => {
      e.preventDefault();
      if (!track.value && !status.value) {
        replace(message, t('sample_needs_category'));
        message.className = 'alert';
        return;
      }
      const request = { reason: reason.value.trim(), margin: Number(margin.value), confidence: Number(confidence.value) };
      if (track.value) request.track = track.value;
      if (status.value) request.status = status.value;
      try {
        const drawn = await post('/api/v1/claims/samples', request);
        ctx.navigate(`/app/claims/samples/${encodeURIComponent(drawn.sample)}`);
      } catch (error) {
        alertBox(message, error, vocabs);
      }
    },
  },
  h('h3', { id: 'sample-h' }, t('draw_sample')),
  h('p', { class: 'hint' }, t('sample_intro')),
  field('sample-track', t('track'), track),
  field('sample-status', fieldLabel('status'), status),
  field('sample-margin', t('margin'), margin),
  field('sample-confidence', t('confidence'), confidence),
  field('sample-reason', t('reason'), reason),
  h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'sample-draw' }, t('draw_sample'))),
  message);
  return form;
}

// Precedent: review (apply=false) lists the decisions; applying writes them.
function precedentForm(vocabs) {
  const precedent = h('input', { id: 'precedent-id', type: 'text', required: true, 'aria-required': 'true' });
  const targets = h('input', { id: 'precedent-targets', type: 'text', required: true, 'aria-required': 'true' });
  const reason = h('textarea', { id: 'precedent-reason', rows: 2, required: true, 'aria-required': 'true' });
  const result = h('div', { id: 'precedent-result', role: 'status' });
  const send = async (apply) => {
    form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const plan = await post('/api/v1/claims/precedent', {
        precedent: precedent.value.trim(),
        to: targets.value.split(/[\s,]+/).filter(Boolean),
        reason: reason.value.trim(),
        apply,
      });
      result.className = '';
      replace(result,
        h('p', { id: 'precedent-summary' }, plan.written
          ? t('precedent_applied', { n: plan.targets.length })
          : t('precedent_review', { n: plan.targets.length, outcome: termLabel(vocabs.claim_status, plan.outcome) })),
        h('ul', { id: 'precedent-targets-list' }, plan.targets.map((x) => h('li', { dataset: { id: x.id } },
          h('a', { href: `/app/claims/${encodeURIComponent(x.id)}` }, x.id), ` → ${termLabel(vocabs.claim_status, x.to)}`,
          (x.awards || []).length ? ` (${x.awards.join(', ')})` : ''))),
        plan.written ? null : h('button', { type: 'button', class: 'primary', id: 'precedent-apply', onclick: () => send(true) }, t('apply_decisions')));
    } catch (error) {
      alertBox(result, error, vocabs);
    }
    form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  };
  const form = h('form', {
    id: 'precedent-form',
    class: 'record-form',
    'aria-labelledby': 'precedent-h',
    onsubmit: (e) => { e.preventDefault(); send(false); },
  },
  h('h3', { id: 'precedent-h' }, t('apply_precedent')),
  h('p', { class: 'hint' }, t('precedent_intro')),
  field('precedent-id', t('precedent'), precedent),
  field('precedent-targets', t('precedent_targets'), targets),
  field('precedent-reason', t('reason'), reason),
  h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'precedent-review' }, t('review_decisions'))),
  result);
  return form;
}

// ---- One verification sample --------------------------------------------------

function populationText(population, vocabs) {
  return population.split(',').map((part) => {
    const [key, value] = part.split('=');
    return key === 'track' ? termLabel(vocabs.claim_track, value) : termLabel(vocabs.claim_status, value);
  }).join(' · ');
}

export async function renderSample(ctx, [id]) {
  const [vocabs, sample] = await Promise.all([claimVocabs(), get(`/api/v1/claims/samples/${encodeURIComponent(id)}`)]);
  renderSamplePage(ctx, sample, vocabs);
}

function renderSamplePage(ctx, sample, vocabs) {
  const population = populationText(sample.population || '', vocabs);
  const message = h('div', { id: 'sample-page-message', role: 'status' });
  const c = sample.conclusion;
  replace(ctx.main,
    h('p', { class: 'kind-tag' }, t('claims')),
    h('h1', { id: 'sample-title' }, t('sample_title', { id: sample.sample })),
    claimsToolbar(''),
    h('p', { class: 'meta', id: 'sample-meta' }, t('sample_meta', {
      n: sample.size, total: sample.population_size, population, drawn: sample.drawn || '', seed: sample.seed,
      margin: percent(sample.margin), confidence: percent(sample.confidence),
    })),
    h('p', { id: 'sample-progress' }, t('sample_progress', { done: sample.recorded, n: sample.claims.length })),
    sample.hidden ? h('p', { class: 'muted' }, t('sample_hidden', { n: sample.hidden })) : null,
    c ? h('p', { id: 'sample-conclusion', class: 'conclusion' }, h('strong', {}, t('sample_conclusion', {
      errors: c.errors, checked: c.checked, point: percent(c.point_estimate), confidence: percent(c.confidence),
      total: c.population_size, population, upper: percent(c.upper_bound),
    }))) : null,
    message,
    h('table', { id: 'sample-claims' },
      h('thead', {}, h('tr', {}, [t('id'), t('finding'), t('checker'), t('note')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, sample.claims.map((claim) => sampleRow(ctx, sample, claim, vocabs, message)))));
}

function sampleRow(ctx, sample, claim, vocabs, message) {
  const link = h('a', { href: `/app/claims/${encodeURIComponent(claim.id)}` }, claim.id);
  if (claim.result || !ctx.mayReview()) {
    return h('tr', { dataset: { id: claim.id, result: claim.result || '' } },
      h('td', {}, link),
      h('td', { class: 'sample-result' }, claim.result ? t(claim.result === 'error' ? 'error_found' : 'correct') : t('not_set')),
      h('td', {}, claim.checker || ''), h('td', {}, claim.note || ''));
  }
  const noteId = `note-${claim.id}`;
  const note = h('input', { id: noteId, type: 'text', class: 'finding-note', required: true });
  const record = (result) => async () => {
    if (!note.value.trim()) {
      replace(message, t('note_required'));
      message.className = 'alert';
      note.setAttribute('aria-invalid', 'true');
      note.focus();
      return;
    }
    try {
      const updated = await post(`/api/v1/claims/samples/${encodeURIComponent(sample.sample)}/findings`,
        { claim: claim.id, result, reason: note.value.trim() });
      renderSamplePage(ctx, updated, vocabs);
    } catch (error) {
      alertBox(message, error, vocabs);
    }
  };
  return h('tr', { dataset: { id: claim.id, result: '' } },
    h('td', {}, link),
    h('td', { class: 'sample-result' },
      h('button', { type: 'button', class: 'finding-correct', onclick: record('correct') }, t('correct')), ' ',
      h('button', { type: 'button', class: 'finding-error', onclick: record('error') }, t('error_found'))),
    h('td', {}, ''),
    h('td', {}, h('label', { for: noteId, class: 'visually-hidden' }, `${t('note')} ${claim.id}`), note));
}
