import { h, toast, errorToast, formatTime } from './dom.js';
import { FieldErrors, confirmDialog, items } from './admin-forms.js';

const PROVIDERS = ['openai', 'anthropic'];
/** Optional numbers: blank means "not set" (the model's default, the price table). */
const NUMBERS = ['temperature', 'max_output_tokens', 'context_tokens', 'input_price_per_thousand_tokens',
  'output_price_per_thousand_tokens'];
/** What a version's "Fields" column compares with the version before it. */
const COMPARED = ['name', 'description', 'status', 'provider', 'model', 'system_prompt', 'temperature', 'max_output_tokens',
  'context_tokens', 'tools', 'mcp_servers', 'knowledge_bases', 'reasoning', 'fallbacks', 'input_price_per_thousand_tokens', 'output_price_per_thousand_tokens'];
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The tenant's agents for its admins: the list, a form for a new one or a new version of one
 * (the API's field errors shown at their inputs), disable/enable, delete, the version history
 * and the agent's own provider keys.
 */
export class AdminAgents {
  constructor({ api }) {
    this.api = api;
    this.root = document.getElementById('section-agents');
    this.agents = [];
    this.bases = null;
    this.editing = null;
    this.list = document.querySelector('#agents-table tbody');
    this.listError = document.getElementById('agents-error');
    this.form = document.getElementById('agent-form');
    this.errors = new FieldErrors(this.form, document.getElementById('agent-form-error'));
    this.fallbacks = document.getElementById('agent-fallbacks');
    this.keys = document.getElementById('agent-keys');
    this.allTools = document.getElementById('agent-all-tools');
    this.tools = document.getElementById('agent-tools');
    document.getElementById('agent-new').addEventListener('click', () => this.open(null));
    document.getElementById('agent-cancel').addEventListener('click', () => this.close());
    document.getElementById('agent-add-fallback').addEventListener('click', () => this.addFallback({}, true));
    this.allTools.addEventListener('change', () => { this.tools.disabled = this.allTools.checked; });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.save();
    });
  }

  async load() {
    this.listError.hidden = true;
    try {
      this.agents = items(await this.api.get('/api/agents', 'Could not load the agents'));
    } catch (e) {
      this.listError.textContent = e.message;
      this.listError.hidden = false;
    }
    this.render();
  }

  refresh() {
    return this.load();
  }

  render() {
    this.list.replaceChildren(...this.agents.map((agent) => {
      const actions = h('td', { class: 'actions' },
        h('button', { type: 'button', onclick: () => this.open(agent), 'aria-label': `Edit ${agent.name}` }, 'Edit'),
        h('button', { type: 'button', onclick: () => this.history(agent), 'aria-label': `Versions of ${agent.name}` }, 'History'));
      if (!agent.is_default) {
        const enable = agent.status === 'disabled';
        actions.append(
          h('button', { type: 'button', class: 'toggle-status', onclick: () => this.setStatus(agent, enable ? 'active' : 'disabled'),
            'aria-label': `${enable ? 'Enable' : 'Disable'} ${agent.name}` }, enable ? 'Enable' : 'Disable'),
          h('button', { type: 'button', class: 'delete', onclick: () => this.remove(agent), 'aria-label': `Delete ${agent.name}` }, 'Delete'));
      }
      return h('tr', { dataset: { slug: agent.slug } },
        h('td', null, h('code', { text: agent.slug })),
        h('td', null, agent.name, agent.is_default ? h('span', { class: 'status-badge default-badge', text: 'default' }) : null),
        h('td', { class: 'model' }, `${agent.provider || '—'} / ${agent.model || '—'}`),
        h('td', null, h('span', { class: 'status-badge', dataset: { status: agent.status || 'active' }, text: agent.status || 'active' })),
        h('td', { class: 'num version', text: agent.version ?? '' }),
        actions);
    }));
    if (!this.agents.length && this.listError.hidden) {
      this.list.append(h('tr', null, h('td', { colspan: '6', class: 'muted', text: 'No agents yet.' })));
    }
  }

  /** The form, empty for a new agent or holding the agent's current version. */
  async open(agent) {
    this.editing = agent;
    this.errors.clear();
    this.form.reset();
    const f = this.form.elements;
    document.getElementById('agent-form-title').textContent = agent ? `Edit ${agent.name} (version ${agent.version})` : 'New agent';
    f.slug.value = agent?.slug || '';
    f.slug.readOnly = !!agent;
    f.name.value = agent?.name || '';
    f.description.value = agent?.description || '';
    this.setProvider(f.provider, agent?.provider || 'openai');
    f.model.value = agent?.model || '';
    f.system_prompt.value = agent?.system_prompt || '';
    for (const name of NUMBERS) f[name].value = agent?.[name] ?? '';
    f.status.value = agent?.status || 'active';
    f.status.disabled = !!agent?.is_default;
    f.reasoning.checked = agent ? agent.reasoning !== false : true;
    this.allTools.checked = !Array.isArray(agent?.tools);
    this.tools.value = (agent?.tools || []).join(', ');
    this.tools.disabled = this.allTools.checked;
    f.mcp_servers.value = (agent?.mcp_servers || []).join(', ');
    this.fallbacks.replaceChildren();
    for (const fallback of agent?.fallbacks || []) this.addFallback(fallback, false);
    this.form.hidden = false;
    this.keys.hidden = !agent;
    await this.renderBases(agent?.knowledge_bases || []);
    if (agent) this.loadKeys(agent);
    (agent ? f.name : f.slug).focus();
    this.form.scrollIntoView({ block: 'start' });
  }

  close() {
    this.form.hidden = true;
    this.keys.hidden = true;
    this.editing = null;
    this.errors.clear();
  }

  setProvider(select, provider) {
    if (![...select.options].some((o) => o.value === provider)) select.append(h('option', { value: provider, text: provider }));
    select.value = provider;
  }

  /** The tenant's knowledge bases (an agent may use only those), plus any id the agent names that is not listed. */
  async renderBases(chosen) {
    const box = document.getElementById('agent-knowledge-bases');
    let note = null;
    if (this.bases === null) {
      try {
        const all = await this.api.all('/api/knowledge-bases', 'Could not load the knowledge bases', 500);
        this.bases = all.filter((kb) => kb.owner === 'tenant');
      } catch (e) {
        note = h('p', { class: 'form-error', text: e.message });
      }
    }
    const bases = [...(this.bases || [])];
    for (const id of chosen) if (!bases.some((kb) => kb.id === id)) bases.push({ id, name: id });
    box.replaceChildren(...bases.map((kb) => h('label', { class: 'inline' },
      h('input', { type: 'checkbox', name: 'knowledge_bases', value: kb.id, checked: chosen.includes(kb.id) }), ` ${kb.name}`)));
    if (!bases.length) box.append(h('p', { class: 'muted small', text: 'The organisation has no shared knowledge bases.' }));
    if (note) box.append(note);
  }

  addFallback(fallback, focus) {
    const provider = h('input', { list: 'providers', autocomplete: 'off', 'aria-label': 'Provider', placeholder: 'provider', value: fallback.provider || '' });
    const model = h('input', { autocomplete: 'off', 'aria-label': 'Model', placeholder: 'model', value: fallback.model || '' });
    const row = h('li', { class: 'fallback' },
      h('span', { class: 'fallback-part', dataset: { part: 'provider' } }, provider),
      h('span', { class: 'fallback-part', dataset: { part: 'model' } }, model),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Remove this fallback', onclick: () => { row.remove(); this.numberFallbacks(); } }, '✕'));
    this.fallbacks.append(row);
    this.numberFallbacks();
    if (focus) provider.focus();
  }

  /** Each row's inputs carry the names the API's errors use: fallbacks[0].provider, fallbacks[0].model. */
  numberFallbacks() {
    [...this.fallbacks.children].forEach((row, i) => {
      for (const part of row.querySelectorAll('.fallback-part')) {
        const name = `fallbacks[${i}].${part.dataset.part}`;
        part.dataset.field = name;
        part.querySelector('input').name = name;
        part.querySelector('input').setAttribute('aria-label', `Fallback ${i + 1} ${part.dataset.part}`);
      }
    });
  }

  /** The form as the API's fields; problems the API could not name well are found here first. */
  read() {
    const f = this.form.elements;
    const errors = [];
    const fields = {
      slug: f.slug.value.trim(),
      name: f.name.value.trim(),
      description: f.description.value.trim(),
      provider: f.provider.value,
      model: f.model.value.trim(),
      system_prompt: f.system_prompt.value.trim(),
      status: f.status.value,
      reasoning: f.reasoning.checked,
      tools: this.allTools.checked ? null : this.tools.value.split(',').map((t) => t.trim()).filter(Boolean),
      knowledge_bases: [...this.form.querySelectorAll('input[name=knowledge_bases]:checked')].map((box) => box.value),
      mcp_servers: f.mcp_servers.value.split(',').map((slug) => slug.trim()).filter(Boolean),
      fallbacks: [...this.fallbacks.children].map((row, i) => {
        const [provider, model] = row.querySelectorAll('input');
        if (!provider.value.trim()) errors.push({ field: `fallbacks[${i}].provider`, message: 'is required' });
        if (!model.value.trim()) errors.push({ field: `fallbacks[${i}].model`, message: 'is required' });
        return { provider: provider.value.trim(), model: model.value.trim() };
      }),
    };
    for (const name of NUMBERS) {
      const input = f[name];
      if (input.validity.badInput) errors.push({ field: name, message: 'must be a number' });
      fields[name] = input.value === '' ? null : Number(input.value);
    }
    return { fields, errors };
  }

  /** A new agent: what was filled in. A new version: only what changed (the API keeps the rest). */
  body(fields, errors) {
    if (!this.editing) {
      const body = {};
      for (const [key, value] of Object.entries(fields)) {
        if (value === null || value === '') continue;
        if (key === 'fallbacks' && !value.length) continue;
        body[key] = value;
      }
      return body;
    }
    const agent = this.editing;
    const body = {};
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'slug') continue;
      const before = key === 'description' ? agent.description || '' : agent[key];
      if (NUMBERS.includes(key)) {
        if (value === null && before != null) errors.push({ field: key, message: 'can be changed but not cleared once set' });
        if (value !== null && Number(before) !== value) body[key] = value;
      } else if (key === 'tools') {
        if (value === null && Array.isArray(before)) {
          errors.push({ field: key, message: 'an agent limited to some tools cannot go back to every tool here: list the tools it may use' });
        } else if (value !== null && !same(value, before)) {
          body[key] = value;
        }
      } else if (!same(value, before)) {
        body[key] = value;
      }
    }
    if (agent.is_default) delete body.status;
    return body;
  }

  async save() {
    this.errors.clear();
    const { fields, errors } = this.read();
    const body = this.body(fields, errors);
    if (errors.length) {
      this.errors.show('Some fields need another look.', errors);
      return;
    }
    if (this.editing && !Object.keys(body).length) {
      this.errors.show('Nothing to save: no field was changed.');
      return;
    }
    const button = document.getElementById('agent-save');
    button.disabled = true;
    try {
      const saved = this.editing
        ? await this.api.patch(`/api/agents/${encodeURIComponent(this.editing.slug)}`, body, 'Could not save the agent')
        : await this.api.post('/api/agents', body, 'Could not create the agent');
      this.close();
      toast(`Saved ${saved.name}: version ${saved.version}`);
      await this.load();
      this.list.querySelector(`tr[data-slug="${CSS.escape(saved.slug)}"] button`)?.focus();
    } catch (e) {
      this.errors.show(e.problem?.detail || e.problem?.title || e.message, e.problem?.errors || []);
    } finally {
      button.disabled = false;
    }
  }

  async setStatus(agent, status) {
    try {
      const saved = await this.api.patch(`/api/agents/${encodeURIComponent(agent.slug)}`, { status },
        `Could not ${status === 'active' ? 'enable' : 'disable'} ${agent.name}`);
      toast(`${saved.name} is ${saved.status} (version ${saved.version})`);
    } catch (e) {
      errorToast(e.message);
    }
    await this.load();
  }

  async remove(agent) {
    const ok = await confirmDialog(`Delete ${agent.name} (${agent.slug})? Its conversations get no more answers (their users are told to start a new one), and this cannot be undone. Disabling it instead keeps it for later.`);
    if (!ok) return;
    try {
      await this.api.delete(`/api/agents/${encodeURIComponent(agent.slug)}`, `Could not delete ${agent.name}`);
      toast(`${agent.name} is deleted`);
      if (this.editing?.slug === agent.slug) this.close();
    } catch (e) {
      errorToast(e.message);
    }
    await this.load();
  }

  /** Every version, newest first, with who made it and which fields it changed. */
  async history(agent) {
    const dialog = document.getElementById('versions-dialog');
    const body = document.querySelector('#versions-table tbody');
    document.getElementById('versions-title').textContent = `Versions of ${agent.name}`;
    body.replaceChildren(h('tr', null, h('td', { colspan: '7', class: 'muted', text: 'Loading…' })));
    dialog.showModal();
    try {
      const versions = items(await this.api.get(`/api/agents/${encodeURIComponent(agent.slug)}/versions`, 'Could not load the versions'));
      body.replaceChildren(...versions.map((v, i) => {
        const older = versions[i + 1];
        const changed = older ? COMPARED.filter((key) => !same(v[key], older[key])) : [];
        return h('tr', { dataset: { version: v.version } },
          h('td', { class: 'num', text: v.version }),
          h('td', null, h('time', { datetime: v.changed_at, text: formatTime(v.changed_at) })),
          h('td', { class: 'small', text: v.changed_by || 'the service' }),
          h('td', { text: v.name }),
          h('td', null, h('span', { class: 'status-badge', dataset: { status: v.status }, text: v.status })),
          h('td', { text: `${v.provider} / ${v.model}` }),
          h('td', { class: 'small', text: older ? (changed.join(', ') || 'nothing') : 'created' }));
      }));
    } catch (e) {
      body.replaceChildren(h('tr', null, h('td', { colspan: '7', class: 'form-error', text: e.message })));
    }
  }

  /** The agent's own provider keys: set, replace or remove; only who set one and when comes back. */
  async loadKeys(agent) {
    const list = document.getElementById('agent-keys-list');
    list.replaceChildren(h('li', { class: 'muted', text: 'Loading…' }));
    let stored = [];
    try {
      stored = items(await this.api.get('/api/credentials', 'Could not load the API keys'))
        .filter((c) => c.scope === 'agent' && c.agent === agent.slug);
    } catch (e) {
      list.replaceChildren(h('li', { class: 'form-error', text: e.message }));
      return;
    }
    if (this.editing?.slug !== agent.slug) return;
    list.replaceChildren(...PROVIDERS.map((provider) => this.keyRow(agent, provider, stored.find((c) => c.provider === provider))));
  }

  keyRow(agent, provider, credential) {
    const input = h('input', { type: 'password', autocomplete: 'off', 'aria-label': `${provider} API key for ${agent.name}`,
      placeholder: credential ? 'a new key replaces the stored one' : `${provider} API key` });
    const status = h('span', { class: 'muted small', text: credential
      ? `set by ${credential.updated_by || 'someone'} on ${formatTime(credential.updated_at)}, sealed with key ${credential.key_id}`
      : 'not set: the organisation\'s key (or the operator\'s) is used' });
    const save = async () => {
      if (!input.value.trim()) {
        errorToast('Enter the key first');
        return;
      }
      try {
        await this.api.request('PUT', `/api/agents/${encodeURIComponent(agent.slug)}/credentials/${provider}`,
          { json: { api_key: input.value.trim() }, what: `Could not save the ${provider} key` });
        toast(`The ${provider} key of ${agent.name} is saved`);
        this.loadKeys(agent);
      } catch (e) {
        errorToast(e.message);
      }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        save();
      }
    });
    const remove = credential ? h('button', { type: 'button', onclick: async () => {
      if (!await confirmDialog(`Remove the ${provider} key of ${agent.name}? Its calls then use the organisation's key.`, 'Remove')) return;
      try {
        await this.api.delete(`/api/agents/${encodeURIComponent(agent.slug)}/credentials/${provider}`, `Could not remove the ${provider} key`);
        toast(`The ${provider} key of ${agent.name} is removed`);
        this.loadKeys(agent);
      } catch (e) {
        errorToast(e.message);
      }
    } }, 'Remove') : null;
    return h('li', { class: 'key', dataset: { provider } },
      h('strong', { text: provider }), status, input,
      h('button', { type: 'button', onclick: save }, credential ? 'Replace key' : 'Set key'), remove);
  }
}
