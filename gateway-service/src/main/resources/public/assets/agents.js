import { h, toast } from './dom.js';

/** The default agent's slug: a thread whose `agent` is null is answered by it. */
export const DEFAULT_AGENT = 'default';
const SLUG = /^\/a\/([a-z0-9][a-z0-9-]{0,62})\/?$/;

/** The agent a link /a/{slug} asks for, or null on any other page. */
export function agentFromPath(pathname = location.pathname) {
  const match = SLUG.exec(pathname);
  return match ? match[1] : null;
}

/**
 * The tenant's agents: a picker for a new conversation (only when there is more than the
 * default agent) and the name of the agent an existing conversation is bound to. A page
 * opened at /a/{slug} starts its new conversations with that agent.
 */
export class Agents {
  constructor({ api, wanted = null }) {
    this.api = api;
    this.wanted = wanted;
    this.items = [];
    this.choice = DEFAULT_AGENT;
    this.label = document.getElementById('agent-choice');
    this.select = document.getElementById('agent-picker');
    this.hint = document.getElementById('agent-hint');
    this.name = document.getElementById('thread-agent');
    this.select.addEventListener('change', () => {
      this.choice = this.select.value;
      this.showHint();
    });
  }

  /** Never blocks the app: without the list there is simply no picker. */
  async load() {
    try {
      const page = await this.api.get('/api/agents', 'Could not load the agents');
      this.items = Array.isArray(page?.items) ? page.items : [];
    } catch (e) {
      this.items = [];
      if (this.wanted) toast(`${e.message}: you are talking to the default agent.`);
      return;
    }
    this.select.replaceChildren(...this.items.map((agent) => h('option',
      { value: agent.slug, title: agent.description || null }, agent.name || agent.slug)));
    if (this.wanted && !this.find(this.wanted)) {
      toast(`There is no agent “${this.wanted}” here: you are talking to the default agent.`, { timeout: 15000 });
      this.wanted = null;
    }
  }

  find(slug) {
    return this.items.find((agent) => agent.slug === slug) || null;
  }

  get defaultAgent() {
    return this.items.find((agent) => agent.is_default) || this.find(DEFAULT_AGENT);
  }

  get choosable() {
    return this.items.length > 1;
  }

  /** The agent to send with the first message of a new conversation: null means the default one. */
  chosen() {
    return this.choosable && this.choice !== (this.defaultAgent?.slug || DEFAULT_AGENT) ? this.choice : null;
  }

  /** A new conversation starts with the link's agent, else the default one. */
  reset() {
    this.choice = this.wanted || this.defaultAgent?.slug || DEFAULT_AGENT;
    this.select.value = this.choice;
    this.select.disabled = false;
  }

  /** Once the first message is sent the choice is made. */
  lock() {
    this.select.disabled = true;
  }

  /** A picker for a new conversation, the agent's name for an existing one. */
  showThread(thread, isNew) {
    this.label.hidden = !(isNew && this.choosable);
    if (!thread || isNew) {
      this.name.hidden = true;
      this.showHint();
      return;
    }
    this.hint.hidden = true;
    const agent = thread.agent ? this.find(thread.agent) : this.defaultAgent;
    // With only the default agent the conversation looks as it always did.
    if (!this.choosable && !thread.agent) {
      this.name.hidden = true;
      return;
    }
    this.name.textContent = agent?.name || thread.agent || 'Default agent';
    this.name.title = agent?.description || '';
    this.name.dataset.agent = thread.agent || DEFAULT_AGENT;
    this.name.hidden = false;
  }

  showHint() {
    const description = this.find(this.choice)?.description;
    this.hint.textContent = description || '';
    this.hint.hidden = this.label.hidden || !description;
  }
}
