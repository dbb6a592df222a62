import { h, toast, errorToast, formatTime } from './dom.js';

const PAGE = 50;

/**
 * The tenant's audit log for its admins: filtered by agent, type and UTC days, newest first,
 * a page at a time ("Load more" follows next_cursor), and exported with the same filters as
 * JSON or CSV (fetched with the token, then saved from a blob).
 */
export class AdminAudit {
  constructor({ api }) {
    this.api = api;
    this.root = document.getElementById('section-audit');
    this.form = document.getElementById('audit-filters');
    this.agent = document.getElementById('audit-agent');
    this.rows = document.querySelector('#audit-table tbody');
    this.empty = document.getElementById('audit-empty');
    this.more = document.getElementById('audit-more');
    this.error = document.getElementById('audit-error');
    this.cursor = null;
    this.applied = new URLSearchParams();
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.search();
    });
    this.more.addEventListener('click', () => this.page());
    document.getElementById('audit-export-json').addEventListener('click', (e) => this.export('json', e.currentTarget));
    document.getElementById('audit-export-csv').addEventListener('click', (e) => this.export('csv', e.currentTarget));
  }

  async load() {
    try {
      const page = await this.api.get('/api/agents', 'Could not load the agents for the filter');
      const agents = Array.isArray(page?.items) ? page.items : [];
      this.agent.append(...agents.map((agent) => h('option', { value: agent.slug, text: `${agent.name} (${agent.slug})` })));
    } catch (e) {
      errorToast(e.message);
    }
    await this.search();
  }

  /** The filters as the form has them now; a period that ends before it starts is refused here. */
  filters() {
    const params = new URLSearchParams();
    for (const name of ['agent', 'type', 'from', 'to']) {
      const value = this.form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    if (params.get('from') && params.get('to') && params.get('to') < params.get('from')) {
      throw new Error('The period ends before it starts: choose a later “To” day');
    }
    return params;
  }

  async search() {
    this.error.hidden = true;
    try {
      this.applied = this.filters();
    } catch (e) {
      this.showError(e.message);
      return;
    }
    this.cursor = null;
    this.rows.replaceChildren();
    await this.page();
  }

  async page() {
    const params = new URLSearchParams(this.applied);
    params.set('limit', String(PAGE));
    if (this.cursor) params.set('cursor', this.cursor);
    this.more.disabled = true;
    this.root.setAttribute('aria-busy', 'true');
    try {
      const page = await this.api.get(`/api/audit/logs?${params}`, 'Could not load the audit log');
      this.rows.append(...(page?.items || []).map((entry) => this.row(entry)));
      this.cursor = page?.next_cursor || null;
      this.error.hidden = true;
    } catch (e) {
      this.showError(e.message);
    } finally {
      this.more.disabled = false;
      this.more.hidden = !this.cursor;
      this.empty.hidden = this.rows.children.length > 0 || !this.error.hidden;
      this.root.removeAttribute('aria-busy');
      this.root.dataset.loaded = 'true';
    }
  }

  row(entry) {
    const details = entry.details && Object.keys(entry.details).length
      ? h('details', null, h('summary', { text: 'Show' }), h('pre', { class: 'json', text: JSON.stringify(entry.details, null, 2) }))
      : h('span', { class: 'muted', text: '—' });
    return h('tr', { dataset: { id: entry.id, type: entry.type } },
      h('td', { class: 'nowrap' }, h('time', { datetime: entry.occurred_at, text: formatTime(entry.occurred_at) })),
      h('td', null, h('code', { text: entry.type })),
      h('td', { text: entry.agent || '—' }),
      h('td', { class: 'small', title: entry.actor || null, text: entry.actor ? entry.actor.slice(0, 8) : 'the service' }),
      h('td', { class: 'summary', text: entry.summary }),
      h('td', null, details));
  }

  /** What the filters show now, up to 50,000 entries, as a file. */
  async export(format, button) {
    let params;
    try {
      params = this.filters();
    } catch (e) {
      this.showError(e.message);
      return;
    }
    params.set('format', format);
    button.disabled = true;
    try {
      const name = await this.api.download(`/api/audit/export?${params}`, `audit-log.${format}`, 'Could not export the audit log');
      toast(`Downloaded ${name}`);
    } catch (e) {
      this.showError(e.message);
    } finally {
      button.disabled = false;
    }
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}
