// The single-page UI: session, shell (navigation, language, search), router.
// Views live in view_*.js; each exports render(ctx, match) and fills ctx.main.

import { ApiError, get, api, setCsrf } from './api.js';
import { h, replace } from './dom.js';
import { kLanguages, kindLabel, lang, onLangChange, setLang, t } from './i18n.js';
import { resetSchema, isSynthetic } from './records.js';
import * as login from './view_login.js';
import * as password from './view_password.js';
import * as dashboard from './view_dashboard.js';
import * as list from './view_list.js';
import * as record from './view_record.js';
import * as form from './view_form.js';
import * as upload from './view_upload.js';
import * as transfer from './view_transfer.js';
import * as search from './view_search.js';
import * as engines from './view_engines.js';
import * as claims from './view_claims.js';
import * as audit from './view_audit.js';

const kRoutes = [
  [/^\/(app\/?)?$/, dashboard.render],
  [/^\/app\/login$/, login.render],
  [/^\/app\/password$/, password.render],
  [/^\/app\/list\/([a-z_]+)$/, list.render],
  [/^\/app\/record\/([^/]+)$/, record.render],
  [/^\/app\/new\/([a-z_]+)$/, form.renderNew],
  [/^\/app\/edit\/([^/]+)$/, form.renderEdit],
  [/^\/app\/upload$/, upload.render],
  [/^\/app\/evidence\/([0-9a-f]{64})$/, upload.renderEvidence],
  [/^\/app\/import$/, transfer.renderImport],
  [/^\/app\/export$/, transfer.renderExport],
  [/^\/app\/search$/, search.render],
  [/^\/app\/matrix$/, engines.renderMatrix],
  [/^\/app\/suggestions$/, engines.renderSuggestions],
  [/^\/app\/links$/, engines.renderLinkReview],
  [/^\/app\/charts$/, engines.renderCharts],
  [/^\/app\/reports$/, engines.renderReports],
  [/^\/app\/audit$/, audit.render],
  [/^\/app\/claims$/, claims.renderList],
  [/^\/app\/claims\/summary$/, claims.renderSummary],
  [/^\/app\/claims\/duplicates$/, claims.renderDuplicates],
  [/^\/app\/claims\/samples\/(smp_[^/]+)$/, claims.renderSample],
  [/^\/app\/claims\/(clm_[^/]+)$/, claims.renderClaim],
];

// Engine pages appear only when the server offers their endpoint.
const kEnginePages = [
  { path: '/app/matrix', api: '/api/v1/matrix', label: 'matrix' },
  { path: '/app/suggestions', api: '/api/v1/suggestions', label: 'suggestions' },
  { path: '/app/links', api: '/api/v1/link/review', label: 'link_review' },
  { path: '/app/charts', api: '/api/v1/charts', label: 'charts' },
  { path: '/app/reports', api: '/api/v1/reports', label: 'reports', roles: ['lawyer', 'admin'] },
  { path: '/app/claims', api: '/api/v1/claims', label: 'claims' },
  { path: '/app/audit', api: '/api/v1/audit', label: 'audit', roles: ['admin'] },
];

const kNavKinds = ['source', 'person', 'event', 'act', 'property', 'displacement', 'state_conduct', 'place'];

const ctx = {
  session: null, // {user, role, csrf}
  apiPaths: null, // Set of OpenAPI paths, or null when unknown (then everything is shown)
  main: document.getElementById('main'),
  navigate,
  hasApi,
  mayWrite: () => ['documenter', 'lawyer', 'admin'].includes(ctx.session && ctx.session.role),
  mayReview: () => ['reviewer', 'lawyer', 'admin'].includes(ctx.session && ctx.session.role),
  flash: null, // a message shown once on the next page
  signedIn,
  signOut,
  forgetSession,
};

function hasApi(prefix) {
  if (!ctx.apiPaths) return true;
  for (const path of ctx.apiPaths) if (path.startsWith(prefix)) return true;
  return false;
}

export function navigate(url, { replaceState = false } = {}) {
  if (replaceState) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  route();
}

async function route() {
  const path = location.pathname;
  if (!ctx.session && path !== '/app/login') {
    const next = location.pathname + location.search;
    history.replaceState(null, '', `/app/login?next=${encodeURIComponent(next)}`);
    return route();
  }
  if (ctx.session && ctx.session.must_change_password && path !== '/app/password') {
    history.replaceState(null, '', '/app/password');
    return route();
  }
  renderShell();
  // Each navigation renders into a <main> of its own: a view still loading
  // when the user moves on writes into its detached element, never over the
  // page that replaced it.
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { class: 'muted' }, t('loading')));
  ctx.main.replaceWith(main);
  ctx.main = main;
  const viewCtx = new Proxy(ctx, { get: (target, key) => (key === 'main' ? main : Reflect.get(target, key)) });
  for (const [pattern, view] of kRoutes) {
    const match = path.match(pattern);
    if (!match) continue;
    try {
      await view(viewCtx, match.slice(1).map(decodeURIComponent));
    } catch (error) {
      showError(main, error);
    }
    if (ctx.main === main) afterRender();
    return;
  }
  replace(main, h('h1', {}, t('not_found')));
  afterRender();
}

function afterRender() {
  if (ctx.flash) {
    const note = h('p', { class: 'flash', role: 'status' }, ctx.flash);
    ctx.main.prepend(note);
    ctx.flash = null;
  }
  const heading = ctx.main.querySelector('h1');
  document.title = heading ? `${heading.textContent} — vka` : 'vka';
  // After a navigation the clicked link may be gone: keyboard and screen
  // reader users continue at the new page's content.
  if (!document.activeElement || document.activeElement === document.body) ctx.main.focus({ preventScroll: true });
}

export function showError(container, error) {
  let message = error && error.message ? error.message : String(error);
  if (error instanceof ApiError) {
    if (error.status === 401) {
      ctx.session = null;
      navigate('/app/login', { replaceState: true });
      return;
    }
    if (error.status === 403) message = `${t('permission_denied')} (${error.message})`;
    if (error.status === 404) message = `${t('not_found')} (${error.message})`;
  }
  replace(container, h('h1', {}, t('error')), h('p', { class: 'alert', role: 'alert' }, message));
}

function renderShell() {
  const top = document.getElementById('top');
  const signedInNow = Boolean(ctx.session);
  const nav = h('nav', { 'aria-label': t('records') });
  if (signedInNow) {
    const items = [h('li', {}, navLink('/', t('dashboard')))];
    for (const kind of kNavKinds) items.push(h('li', {}, navLink(`/app/list/${kind}`, kindLabel(kind).split(' (')[0])));
    if (ctx.mayWrite()) {
      items.push(h('li', {}, navLink('/app/upload', t('upload'))));
      items.push(h('li', {}, navLink('/app/import', t('import'))));
    }
    items.push(h('li', {}, navLink('/app/export', t('export'))));
    for (const page of kEnginePages) {
      if (!hasApi(page.api)) continue;
      if (page.roles && !page.roles.includes(ctx.session.role)) continue;
      items.push(h('li', {}, navLink(page.path, t(page.label))));
    }
    nav.append(h('ul', {}, items));
  }
  const languageSelect = h(
    'select',
    { id: 'lang-select', onchange: (e) => setLang(e.target.value) },
    kLanguages.map((l) => h('option', { value: l.code, selected: l.code === lang() }, l.name)),
  );
  const tools = h(
    'div',
    { class: 'tools' },
    signedInNow && hasApi('/api/v1/search') ? searchForm() : null,
    h('label', { for: 'lang-select', class: 'inline' }, t('language')),
    languageSelect,
    signedInNow
      ? h(
          'span',
          { class: 'who' },
          `${t('signed_in_as')} `,
          h('strong', { id: 'current-user' }, ctx.session.user),
          ` (${ctx.session.role}) `,
          h('a', { href: '/app/password', id: 'change-password' }, t('change_password')),
          ' ',
          h('button', { type: 'button', id: 'logout', onclick: signOut }, t('logout')),
        )
      : null,
  );
  replace(top, h('div', { class: 'brand' }, h('a', { href: '/', class: 'home' }, t('app_name'))), nav, tools);
  document.querySelector('.skip').textContent = t('skip_to_main');
}

function navLink(href, text) {
  const current = location.pathname === href || (href !== '/' && location.pathname.startsWith(href));
  return h('a', { href, 'aria-current': current ? 'page' : null }, text);
}

function searchForm() {
  const params = new URLSearchParams(location.search);
  const input = h('input', {
    type: 'search',
    id: 'global-search',
    name: 'q',
    placeholder: t('search_placeholder'),
    value: location.pathname === '/app/search' ? params.get('q') || '' : '',
  });
  return h(
    'form',
    {
      role: 'search',
      class: 'search',
      onsubmit: (e) => {
        e.preventDefault();
        if (input.value.trim()) navigate(`/app/search?q=${encodeURIComponent(input.value.trim())}`);
      },
    },
    h('label', { for: 'global-search', class: 'visually-hidden' }, t('search')),
    input,
    h('button', { type: 'submit' }, t('search')),
  );
}

async function signedIn(session) {
  ctx.session = session;
  setCsrf(session.csrf);
  resetSchema();
  await Promise.all([loadApiPaths(), loadBanner()]);
}

function forgetSession() {
  ctx.session = null;
  setCsrf('');
  replace(document.getElementById('banner'));
}

async function signOut() {
  try {
    await api('DELETE', '/api/v1/session');
  } catch (_) {
    // Signed out already or the server is gone; forget the session either way.
  }
  forgetSession();
  navigate('/app/login');
}

async function loadApiPaths() {
  try {
    const doc = await get('/api/v1/openapi.json');
    ctx.apiPaths = new Set(Object.keys(doc.paths || {}));
  } catch (_) {
    ctx.apiPaths = null;
  }
}

// Marks synthetic data on every page when a situation says it is synthetic.
async function loadBanner() {
  const banner = document.getElementById('banner');
  try {
    const situations = await get('/api/v1/records?kind=situation&limit=20');
    const synthetic = (situations.items || []).some((item) => isSynthetic(item.body));
    replace(banner, synthetic ? h('p', { class: 'synthetic', role: 'note' }, t('synthetic_banner')) : null);
  } catch (_) {
    replace(banner);
  }
}

// Same-origin links to the app are handled here, without a page load.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  if (url.pathname !== '/' && !url.pathname.startsWith('/app')) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

window.addEventListener('popstate', route);
onLangChange(() => {
  const banner = document.querySelector('#banner .synthetic');
  if (banner) banner.textContent = t('synthetic_banner');
  route();
});

async function start() {
  try {
    const session = await get('/api/v1/session');
    await signedIn(session);
  } catch (_) {
    ctx.session = null;
  }
  route();
}

start();
