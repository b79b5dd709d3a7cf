// Changing one's password. New accounts must do it first (the server refuses
// everything else until then); the change ends every session of the user, so
// the page sends them back to sign in.

import { ApiError, post } from './api.js';
import { h, replace } from './dom.js';
import { t } from './i18n.js';

export async function render(ctx) {
  const forced = Boolean(ctx.session && ctx.session.must_change_password);
  const status = h('p', { id: 'password-status', class: 'alert', role: 'alert', hidden: true });
  const field = (id, label, autocomplete) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, type: 'password', autocomplete, required: true }));
  const form = h('form', { id: 'password-form', class: 'card narrow', onsubmit: submit },
    h('h1', {}, t('change_password')),
    forced ? h('p', { id: 'must-change' }, t('must_change_password')) : null,
    status,
    field('pw-current', t('current_password'), 'current-password'),
    field('pw-new', t('new_password'), 'new-password'),
    field('pw-repeat', t('repeat_password'), 'new-password'),
    h('p', { class: 'hint' }, t('password_rule')),
    localStorage.getItem('vka.totp') === '1'
      ? h('div', { class: 'field' }, h('label', { for: 'pw-totp' }, t('totp')), h('input', { id: 'pw-totp', inputmode: 'numeric', autocomplete: 'one-time-code' }))
      : null,
    h('button', { type: 'submit', class: 'primary' }, t('change_password')));
  replace(ctx.main, form);
  form.querySelector('#pw-current').focus();

  async function submit(event) {
    event.preventDefault();
    const value = (id) => (form.querySelector(`#${id}`) ? form.querySelector(`#${id}`).value : '');
    status.hidden = true;
    if (value('pw-new') !== value('pw-repeat')) {
      status.textContent = t('passwords_differ');
      status.hidden = false;
      return;
    }
    const request = { password: value('pw-current'), new_password: value('pw-new') };
    if (value('pw-totp').trim()) request.totp = value('pw-totp').trim();
    try {
      await post('/api/v1/session/password', request);
      ctx.forgetSession();
      ctx.flash = t('password_changed');
      ctx.navigate('/app/login', { replaceState: true });
    } catch (error) {
      status.textContent = error instanceof ApiError && error.status === 401 ? t('login_failed') : error.message;
      status.hidden = false;
    }
  }
}
