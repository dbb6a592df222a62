import { h, toast, errorToast, formatTime } from './dom.js';
import { FieldErrors, confirmDialog, items } from './admin-forms.js';

/**
 * The organisation's API keys for its admins: name, visible prefix, when made and last used,
 * revoked or not; a form for a new one, whose secret is shown once above the list (the API never
 * returns it again) until the admin dismisses it; revocation after a confirmation.
 */
export class AdminKeys {
  constructor({ api }) {
    this.api = api;
    this.root = document.getElementById('section-keys');
    this.rows = document.querySelector('#keys-table tbody');
    this.error = document.getElementById('keys-error');
    this.created = document.getElementById('key-created');
    this.secret = document.getElementById('key-secret');
    this.form = document.getElementById('keys-form');
    this.errors = new FieldErrors(this.form, document.getElementById('keys-form-error'));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.create();
    });
    document.getElementById('key-dismiss').addEventListener('click', () => this.forgetSecret());
  }

  async load() {
    await this.refresh();
  }

  async refresh() {
    this.error.hidden = true;
    try {
      this.render(items(await this.api.get('/api/api-keys', 'Could not load the API keys')));
    } catch (e) {
      this.error.textContent = e.message;
      this.error.hidden = false;
    } finally {
      this.root.dataset.loaded = 'true';
    }
  }

  render(keys) {
    this.rows.replaceChildren(...keys.map((key) => h('tr', { dataset: { id: key.id, revoked: String(Boolean(key.revoked_at)) } },
      h('td', null, h('strong', { text: key.name }), h('div', { class: 'muted small prefix', text: `${key.prefix}…` })),
      h('td', null, h('time', { datetime: key.created_at, text: formatTime(key.created_at) })),
      h('td', { text: key.last_used_at ? formatTime(key.last_used_at) : 'never' }),
      h('td', { class: 'status', text: key.revoked_at ? `revoked ${formatTime(key.revoked_at)}` : 'active' }),
      h('td', { class: 'actions' }, key.revoked_at ? null
        : h('button', { type: 'button', class: 'revoke', onclick: () => this.revoke(key) }, 'Revoke')))));
    if (!keys.length) {
      this.rows.append(h('tr', null, h('td', { colspan: '5', class: 'muted', text: 'No API keys yet.' })));
    }
  }

  async create() {
    this.errors.clear();
    this.forgetSecret();
    const name = this.form.elements.name.value.trim();
    if (!name) {
      this.errors.show('Some fields need another look.', [{ field: 'name', message: 'Give the key a name' }]);
      return;
    }
    try {
      const key = await this.api.post('/api/api-keys', { name }, 'Could not make the API key');
      this.secret.textContent = key.key;
      this.created.hidden = false;
      this.form.reset();
      toast(`The key ${key.name} is made`);
      await this.refresh();
    } catch (e) {
      this.errors.show(e.problem?.detail || e.problem?.title || e.message, e.problem?.errors || []);
    }
  }

  /** The secret leaves the page once the admin has it. */
  forgetSecret() {
    this.secret.textContent = '';
    this.created.hidden = true;
  }

  async revoke(key) {
    if (!await confirmDialog(`Revoke the key ${key.name} (${key.prefix}…)? Whatever uses it is refused from then on.`, 'Revoke')) return;
    try {
      await this.api.delete(`/api/api-keys/${encodeURIComponent(key.id)}`, 'Could not revoke the key');
      toast('The key is revoked');
    } catch (e) {
      errorToast(e.message);
    }
    await this.refresh();
  }
}
