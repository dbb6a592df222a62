import { h, toast, errorToast, formatTime } from './dom.js';
import { FieldErrors, confirmDialog, items } from './admin-forms.js';

/** "Name: value" lines into a headers object; a line without a colon is reported at the field. */
function parseHeaders(text, errors) {
  const headers = {};
  text.split('\n').map((line) => line.trim()).filter(Boolean).forEach((line) => {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      errors.push({ field: 'headers', message: `"${line.slice(0, 40)}" is not "Name: value"` });
      return;
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  });
  return headers;
}

/**
 * The organisation's MCP servers for its admins: each with its transport, address and the names of
 * the headers it is called with (their values are write-only: the API never shows them), a form
 * for a new one (the API names every field at fault, an address it refuses included), new headers
 * for one, deletion. Agents use a server's tools once their "MCP servers" field lists it.
 */
export class AdminMcp {
  constructor({ api }) {
    this.api = api;
    this.root = document.getElementById('section-mcp');
    this.rows = document.querySelector('#mcp-table tbody');
    this.error = document.getElementById('mcp-error');
    this.form = document.getElementById('mcp-form');
    this.errors = new FieldErrors(this.form, document.getElementById('mcp-form-error'));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.create();
    });
  }

  async load() {
    await this.refresh();
  }

  async refresh() {
    this.error.hidden = true;
    try {
      this.render(items(await this.api.get('/api/mcp-servers', 'Could not load the MCP servers')));
    } catch (e) {
      this.error.textContent = e.message;
      this.error.hidden = false;
    } finally {
      this.root.dataset.loaded = 'true';
    }
  }

  render(servers) {
    this.rows.replaceChildren(...servers.map((server) => {
      const headers = h('td', { class: 'headers', text: (server.header_names || []).join(', ') || '—' });
      return h('tr', { dataset: { slug: server.slug } },
        h('td', null, h('strong', { text: server.name }), h('div', { class: 'muted small', text: server.slug })),
        h('td', { text: server.transport === 'sse' ? 'HTTP + SSE' : 'streamable HTTP' }),
        h('td', { class: 'url', text: server.url }),
        headers,
        h('td', null, h('time', { datetime: server.updated_at, text: formatTime(server.updated_at) })),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'new-headers', onclick: () => this.replaceHeaders(server, headers) }, 'New headers'),
          h('button', { type: 'button', class: 'delete', onclick: () => this.remove(server) }, 'Delete')));
    }));
    if (!servers.length) {
      this.rows.append(h('tr', null, h('td', { colspan: '6', class: 'muted', text: 'No MCP servers registered.' })));
    }
  }

  async create() {
    this.errors.clear();
    const f = this.form.elements;
    const errors = [];
    const body = {
      slug: f.slug.value.trim(), name: f.name.value.trim(), url: f.url.value.trim(), transport: f.transport.value,
      headers: parseHeaders(f.headers.value, errors),
    };
    if (errors.length) {
      this.errors.show('Some fields need another look.', errors);
      return;
    }
    try {
      await this.api.post('/api/mcp-servers', body, 'Could not register the MCP server');
      toast(`${body.name || body.slug} is registered`);
      this.form.reset();
      await this.refresh();
    } catch (e) {
      this.errors.show(e.problem?.detail || e.problem?.title || e.message, e.problem?.errors || []);
    }
  }

  /** The headers cell becomes a text area; what is saved replaces every header the server had. */
  replaceHeaders(server, cell) {
    const input = h('textarea', { rows: '2', autocomplete: 'off', placeholder: 'Authorization: Bearer …',
      'aria-label': `New headers for ${server.name}, one "Name: value" per line` });
    const save = async () => {
      const errors = [];
      const headers = parseHeaders(input.value, errors);
      if (errors.length) {
        errorToast(errors.map((e) => e.message).join('; '));
        input.focus();
        return;
      }
      try {
        await this.api.patch(`/api/mcp-servers/${encodeURIComponent(server.slug)}`, { headers }, 'Could not change the headers');
        toast('The headers are changed');
        await this.refresh();
      } catch (e) {
        errorToast(e.message);
        input.focus();
      }
    };
    cell.replaceChildren(input, h('button', { type: 'button', class: 'save-headers', onclick: save }, 'Save'),
      h('button', { type: 'button', onclick: () => this.refresh() }, 'Cancel'));
    input.focus();
  }

  async remove(server) {
    if (!await confirmDialog(`Delete the MCP server ${server.name} (${server.slug})? Agents that list it lose its tools.`)) return;
    try {
      await this.api.delete(`/api/mcp-servers/${encodeURIComponent(server.slug)}`, 'Could not delete the MCP server');
      toast('The MCP server is deleted');
    } catch (e) {
      errorToast(e.message);
    }
    await this.refresh();
  }
}
