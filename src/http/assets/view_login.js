// The sign-in page. The second-factor field appears when the account is known
// to use one, or after a refused attempt (the server gives one message for
// every wrong input, so the UI cannot tell which part was wrong).

import { ApiError, post } from './api.js';
import { h, replace } from './dom.js';
import { t } from './i18n.js';

const kTotpKey = 'vka.totp';

export async function render(ctx) {
  const showTotp = localStorage.getItem(kTotpKey) === '1';
  const status = h('p', { id: 'login-status', class: 'alert', role: 'alert', hidden: true });
  const totpField = h(
    'div',
    { class: 'field', id: 'totp-field', hidden: !showTotp },
    h('label', { for: 'login-totp' }, t('totp')),
    h('input', { id: 'login-totp', name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}' }),
  );
  const form = h(
    'form',
    { id: 'login-form', class: 'card narrow', onsubmit: submit },
    h('h1', {}, t('login')),
    status,
    h('div', { class: 'field' }, h('label', { for: 'login-name' }, t('user_name')),
      h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('password')),
      h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    totpField,
    h('button', { type: 'submit', class: 'primary' }, t('login')),
    h('p', { class: 'muted' }, h('a', { href: '/memorial', target: '_self' }, t('memorial'))),
  );
  replace(ctx.main, form);
  form.querySelector('#login-name').focus();

  async function submit(event) {
    event.preventDefault();
    const data = new FormData(form);
    const request = { name: data.get('name'), password: data.get('password') };
    const totp = String(data.get('totp') || '').trim();
    if (totp) request.totp = totp;
    status.hidden = true;
    try {
      const session = await post('/api/v1/session', request);
      if (totp) localStorage.setItem(kTotpKey, '1');
      await ctx.signedIn(session);
      const next = new URLSearchParams(location.search).get('next');
      ctx.navigate(next && next.startsWith('/') && !next.startsWith('/app/login') ? next : '/');
    } catch (error) {
      status.textContent = messageOf(error);
      status.hidden = false;
      totpField.hidden = false;
      form.querySelector('#login-password').select();
    }
  }
}

function messageOf(error) {
  if (!(error instanceof ApiError)) return String(error.message || error);
  if (error.status === 429) return t('login_throttled') + (error.retryAfter ? ` (${error.retryAfter} s)` : '');
  if (error.status === 403) return t('login_locked');
  return t('login_failed');
}
