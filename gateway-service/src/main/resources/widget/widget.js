/*
 * The embeddable chat widget. A host site adds one tag:
 *
 *   <script src="https://chat.example/widget.js" data-tenant="acme" data-agent="sales" async></script>
 *
 * and gets a floating button that opens a chat pane. Everything the widget shows lives in one
 * element's shadow root (open: the host's scripts and tests can look in; styles cannot cross
 * either way) and its styles are the gateway's own stylesheets, linked inside that root; nothing
 * is added to the host's <head> and nothing to window. The answer streams over the gateway's
 * WebSocket; markup from the model takes the web app's one road (renderers/markdown.js, which
 * sanitises with renderers/sanitize.js) and artifacts are drawn by the web app's renderers,
 * imported as modules from the gateway (CORS lets the sites a tenant allows import them).
 * The anonymous session (refresh token) and the conversation are kept in the host's
 * localStorage under a key naming the gateway and the tenant, so a reload of any page of the
 * site comes back to the same conversation.
 */
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script || !script.src) return;
  const gateway = new URL(script.src).origin;
  const tenant = (script.dataset.tenant || 'default').trim();
  const agent = (script.dataset.agent || '').trim() || null;
  const title = (script.dataset.title || '').trim() || 'Chat with us';
  const position = script.dataset.position === 'left' ? 'left' : 'right';
  const storageKey = `agentic-chat.widget:${gateway}:${tenant}`;
  const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];
  const EARLY_MS = 60_000;
  const NOT_ALLOWED = `This site (${location.origin}) is not allowed to use this chat, or the chat service cannot be reached.`;

  // ---- storage ------------------------------------------------------------------------------

  function load() {
    try {
      return JSON.parse(localStorage.getItem(storageKey)) || {};
    } catch {
      return {};
    }
  }

  function save(state) {
    try {
      localStorage.setItem(storageKey, JSON.stringify(state));
    } catch {
      // Storage full or blocked: the session lasts for this page only.
    }
  }

  // ---- the anonymous session ----------------------------------------------------------------

  class WidgetError extends Error {}

  async function call(path, { method = 'GET', token, body } = {}) {
    let response;
    try {
      response = await fetch(gateway + path, {
        method,
        headers: {
          Accept: 'application/json',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        credentials: 'omit',
        mode: 'cors',
      });
    } catch {
      throw new WidgetError(NOT_ALLOWED);
    }
    if (!response.ok) {
      let detail = '';
      try {
        detail = (await response.json()).detail || '';
      } catch {
        // not problem+json
      }
      const error = new WidgetError(detail || `The chat service answered ${response.status}.`);
      error.status = response.status;
      throw error;
    }
    return response.status === 204 ? null : response.json();
  }

  const session = {
    state: load(),
    inflight: null,
    timer: null,
    onRenewed: () => {},

    async token() {
      if (!this.state.access_token || this.state.expires_at - Date.now() < EARLY_MS) await this.renew();
      return this.state.access_token;
    },

    /**
     * One renewal at a time, in this tab and in the site's other tabs (Web Locks): a refresh token
     * is single use, and presenting a used one again revokes the whole sign-in.
     */
    renew() {
      if (!this.inflight) {
        const run = () => this.renewNow();
        const locked = navigator.locks ? navigator.locks.request(storageKey, run) : run();
        this.inflight = locked.finally(() => { this.inflight = null; });
      }
      return this.inflight;
    },

    async renewNow() {
      let body = null;
      const stored = load();
      if (stored.refresh_token && stored.refresh_token !== this.state.refresh_token && stored.expires_at - Date.now() > EARLY_MS) {
        this.state = stored; // another tab of the site renewed it
        this.schedule();
        this.onRenewed(this.state.access_token);
        return;
      }
      if (this.state.refresh_token) {
        try {
          body = await call('/api/auth/refresh', { method: 'POST', body: { refresh_token: this.state.refresh_token } });
        } catch {
          body = null; // used, expired or refused: a new anonymous session, and a new conversation
        }
      }
      if (!body) {
        body = await call('/api/auth/anonymous', { method: 'POST', body: { tenant } });
        this.state = { threads: {}, open: this.state.open };
      }
      this.state = {
        ...this.state,
        access_token: body.access_token,
        refresh_token: body.refresh_token,
        user_id: body.user_id,
        expires_at: Date.now() + Number(body.expires_in || 900) * 1000,
      };
      save(this.state);
      this.schedule();
      this.onRenewed(this.state.access_token);
    },

    schedule() {
      clearTimeout(this.timer);
      const wait = Math.max(5_000, this.state.expires_at - Date.now() - EARLY_MS);
      this.timer = setTimeout(() => this.renew().catch(() => this.schedule()), wait);
    },

    get threadId() { return (this.state.threads || {})[agent || ''] || null; },

    set threadId(id) {
      this.state.threads = { ...(this.state.threads || {}), [agent || '']: id };
      if (!id) delete this.state.threads[agent || ''];
      save(this.state);
    },
  };

  // ---- the pane -----------------------------------------------------------------------------

  function h(tag, attributes = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') el.textContent = value;
      else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : value);
    }
    el.append(...children.filter((c) => c !== null && c !== undefined));
    return el;
  }

  /** A speech bubble drawn as SVG: no emoji font needed on the visitor's machine. */
  function chatIcon() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '26');
    svg.setAttribute('height', '26');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
    return svg;
  }

  const host = h('div', { 'data-agentic-chat-widget': '' });
  const root = host.attachShadow({ mode: 'open' });
  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'pane', title, 'aria-label': title },
    chatIcon());
  const status = h('span', { class: 'state', 'data-state': 'connecting', role: 'status', text: 'Connecting…' });
  const errorBox = h('p', { class: 'widget-error', role: 'alert', hidden: true });
  const list = h('ol', { class: 'widget-messages', 'aria-live': 'polite' });
  const input = h('textarea', { rows: '2', placeholder: 'Type a message (Enter sends, Shift+Enter new line)', 'aria-label': 'Message' });
  const send = h('button', { type: 'submit', class: 'primary', text: 'Send' });
  const pane = h('section', { id: 'pane', class: 'pane', role: 'dialog', 'aria-label': title, hidden: true },
    h('header', { class: 'pane-head' },
      h('strong', { class: 'pane-title', text: title }), status,
      h('button', { type: 'button', class: 'icon-button close', title: 'Close', 'aria-label': 'Close', onclick: () => toggle(false) }, '✕')),
    errorBox, list,
    h('form', { class: 'widget-composer', onsubmit: (e) => { e.preventDefault(); submit(); } }, input, send));
  root.append(
    h('link', { rel: 'stylesheet', href: `${gateway}/assets/app.css` }),
    h('link', { rel: 'stylesheet', href: `${gateway}/webjars/highlightjs/11.10.0/styles/github.min.css` }),
    h('link', { rel: 'stylesheet', href: `${gateway}/assets/widget.css` }),
    h('div', { class: `widget ${position}` }, pane, launcher));
  launcher.addEventListener('click', () => toggle(pane.hidden));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  });

  /** Open or closed is remembered too: a visitor who left the pane open finds it open on the next page. */
  function toggle(open) {
    pane.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    session.state.open = open;
    save(session.state);
    if (open) {
      start();
      input.focus();
    }
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  function setState(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  const scrollDown = () => { list.scrollTop = list.scrollHeight; };

  // ---- modules of the web app ---------------------------------------------------------------

  let modules = null;
  function renderers() {
    if (!modules) {
      modules = Promise.all([import(`${gateway}/assets/renderers/registry.js`), import(`${gateway}/assets/renderers/markdown.js`)])
        .then(([registry, markdown]) => ({ renderArtifact: registry.renderArtifact, markdownFragment: markdown.markdownFragment }))
        .catch(() => {
          modules = null;
          throw new WidgetError(NOT_ALLOWED);
        });
    }
    return modules;
  }

  // ---- messages -----------------------------------------------------------------------------

  const shownArtifacts = new Set();
  const pending = new Map();
  let live = null;

  function userMessage(content, clientMessageId) {
    const el = h('li', { class: 'msg user', 'data-client-message-id': clientMessageId }, h('div', { class: 'body', text: content }));
    list.append(el);
    scrollDown();
    return el;
  }

  function assistantElement(turnId) {
    if (live && live.dataset.turnId === turnId) return live;
    live = h('li', { class: 'msg assistant live', 'data-turn-id': turnId || '' },
      h('div', { class: 'body' }, h('span', { class: 'stream' })), h('div', { class: 'tools muted small' }));
    list.append(live);
    return live;
  }

  async function finishAssistant(el, content) {
    el.classList.remove('live');
    const body = el.querySelector('.body');
    try {
      const { markdownFragment } = await renderers();
      body.replaceChildren(markdownFragment(content || ''));
    } catch {
      body.textContent = content || '';
    }
    scrollDown();
  }

  async function showArtifact(artifact, after) {
    if (!artifact || !artifact.id) return;
    let card = root.querySelector(`[data-artifact-id="${CSS.escape(artifact.id)}"]`);
    if (!card) {
      card = h('li', { class: 'artifact-card', 'data-artifact-id': artifact.id, 'data-artifact-type': artifact.type });
      if (after && after.parentNode === list) after.after(card);
      else list.append(card);
    }
    shownArtifacts.add(artifact.id);
    const view = h('div', { class: 'artifact-view' });
    card.replaceChildren(view);
    try {
      const { renderArtifact } = await renderers();
      await renderArtifact(view, artifact, {});
    } catch (e) {
      view.replaceChildren(h('p', { class: 'artifact-error', text: `The ${artifact.type} could not be shown: ${e.message}` }));
    }
    scrollDown();
  }

  /** Every page of a list, following next_cursor (at most 2000 items). */
  async function all(path, token) {
    const items = [];
    let cursor = null;
    do {
      const page = await call(cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path, { token });
      items.push(...(page.items || []));
      cursor = page.next_cursor;
    } while (cursor && items.length < 2000);
    return items;
  }

  /** The stored conversation, as it is: shown once after a (re)load or a reconnect. */
  async function loadHistory() {
    const threadId = session.threadId;
    if (!threadId) return;
    let messages;
    let artifacts;
    try {
      const token = await session.token();
      messages = await all(`/api/threads/${encodeURIComponent(threadId)}/messages?limit=200`, token);
      artifacts = await all(`/api/artifacts?thread_id=${encodeURIComponent(threadId)}&limit=200`, token);
    } catch (e) {
      if (e.status === 404) {
        session.threadId = null; // erased or another session's: start a new conversation
        return;
      }
      throw e;
    }
    if (live) return; // a turn is streaming: its frames fill in the rest
    const byId = new Map(artifacts.map((a) => [a.id, a]));
    list.replaceChildren();
    shownArtifacts.clear();
    for (const m of messages) {
      if (m.role === 'user') {
        userMessage(m.content, m.client_message_id);
        continue;
      }
      const el = h('li', { class: 'msg assistant' }, h('div', { class: 'body' }));
      list.append(el);
      await finishAssistant(el, m.content);
      for (const id of m.artifact_ids || []) {
        if (byId.has(id)) await showArtifact(byId.get(id));
      }
    }
    for (const m of pending.values()) userMessage(m.content, m.client_message_id);
    scrollDown();
  }

  // ---- the socket ---------------------------------------------------------------------------

  let ws = null;
  let ready = false;
  let attempt = 0;
  let refused = false;
  let started = false;

  function connect() {
    if (refused) return;
    setState(attempt ? 'reconnecting' : 'connecting', attempt ? 'Reconnecting…' : 'Connecting…');
    const socket = new WebSocket(`${gateway.replace(/^http/, 'ws')}/ws`);
    ws = socket;
    socket.addEventListener('open', async () => {
      try {
        socket.send(JSON.stringify({ type: 'auth', token: await session.token() }));
      } catch (e) {
        showError(e.message);
        socket.close();
      }
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      onFrame(frame);
    });
    socket.addEventListener('close', (event) => {
      if (ws !== socket) return;
      ready = false;
      if (event.code === 4403) {
        refused = true;
        send.disabled = true;
        setState('offline', 'Not available');
        showError(errorBox.textContent || `This chat does not allow ${location.origin}.`);
        return;
      }
      if (event.code === 4401) session.renew().catch(() => {});
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] * (0.75 + Math.random() * 0.5);
      attempt += 1;
      setState('reconnecting', 'Disconnected — reconnecting…');
      if (attempt >= 3) showError(NOT_ALLOWED);
      setTimeout(connect, delay);
    });
  }

  async function onReady() {
    ready = true;
    attempt = 0;
    showError('');
    setState('online', 'Online');
    if (session.threadId) ws.send(JSON.stringify({ type: 'subscribe', thread_id: session.threadId }));
    for (const frame of pending.values()) ws.send(JSON.stringify(frame));
    try {
      await loadHistory();
    } catch (e) {
      showError(e.message);
    }
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'auth_ok':
        if (!ready) onReady();
        break;
      case 'error':
        if (frame.code === 'origin_not_allowed') {
          refused = true;
          showError(frame.message);
        } else if (frame.code === 'thread_not_found' && frame.thread_id === session.threadId) {
          session.threadId = null; // erased meanwhile: the next message starts a new conversation
          list.replaceChildren();
          showError('The earlier conversation is no longer available; your next message starts a new one.');
        } else {
          showError(frame.retry_after_ms ? `${frame.message} (try again in ${Math.ceil(frame.retry_after_ms / 1000)} s)` : frame.message);
          if (frame.client_message_id) pending.delete(frame.client_message_id);
        }
        break;
      case 'user_message':
        if (frame.client_message_id && pending.has(frame.client_message_id)) {
          pending.delete(frame.client_message_id);
          if (session.threadId !== frame.thread_id) {
            session.threadId = frame.thread_id;
            ws.send(JSON.stringify({ type: 'subscribe', thread_id: frame.thread_id }));
          }
        }
        break;
      case 'turn_started':
        assistantElement(frame.turn_id);
        break;
      case 'text_delta':
        assistantElement(frame.turn_id).querySelector('.stream').textContent += frame.delta || '';
        scrollDown();
        break;
      case 'tool_execution':
        assistantElement(frame.turn_id).querySelector('.tools').textContent =
          frame.status === 'started' ? `Working: ${frame.tool_name}…` : '';
        break;
      case 'artifact_created':
      case 'artifact_updated':
        showArtifact(frame.artifact, live);
        break;
      case 'assistant_message': {
        const el = assistantElement(frame.turn_id);
        live = null;
        finishAssistant(el, frame.content);
        break;
      }
      case 'turn_failed': {
        const el = assistantElement(frame.turn_id);
        live = null;
        el.classList.remove('live');
        el.append(h('p', { class: 'artifact-error', text: frame.message || 'The answer failed.' }));
        break;
      }
      default:
        break;
    }
  }

  function submit() {
    const content = input.value.trim();
    if (!content) return;
    input.value = '';
    showError('');
    const clientMessageId = `w-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const frame = { type: 'user_message', content, client_message_id: clientMessageId };
    if (session.threadId) frame.thread_id = session.threadId;
    else if (agent) frame.agent = agent;
    pending.set(clientMessageId, frame);
    userMessage(content, clientMessageId);
    if (ready) ws.send(JSON.stringify(frame));
  }

  async function start() {
    if (started) return;
    started = true;
    session.onRenewed = (token) => {
      if (ready) ws.send(JSON.stringify({ type: 'auth', token }));
    };
    try {
      await session.token();
      await renderers();
    } catch (e) {
      started = false; // opening the pane again tries again
      setState('offline', 'Not available');
      showError(e.message);
      send.disabled = true;
      return;
    }
    send.disabled = false;
    connect();
  }

  function mount() {
    document.body.append(host);
    if (session.state.open) toggle(true);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
