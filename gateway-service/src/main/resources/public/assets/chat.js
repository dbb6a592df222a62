import { h, clear, errorToast, formatNumber, formatTime } from './dom.js';
import { markdownFragment } from './renderers/markdown.js';

const MAX_SEEN = 5000;
const THREAD_EXPORTS = [['json', 'JSON'], ['csv', 'CSV'], ['md', 'Markdown'], ['html', 'an HTML page']];

export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * The conversation side: threads, history, and the live turn built from frames. Every
 * message has one element, found again by its stored id, by the client_message_id it was
 * sent with, or by its turn: a frame or a history reload for a message already shown
 * updates it instead of showing it twice.
 */
export class Chat {
  constructor({ api, socket, artifacts, knowledge, agents, composer, attachments }) {
    this.api = api;
    this.composer = composer;
    this.attachments = attachments;
    this.agents = agents;
    this.socket = socket;
    this.artifacts = artifacts;
    this.knowledge = knowledge;
    this.threads = [];
    this.threadId = null;
    this.pending = new Map();
    this.seen = new Set();
    this.running = null;
    this.lastFrameAt = Date.now();
    this.resetMessages();
    // A turn whose end was missed (e.g. while the gateway restarted) is healed from the stored history.
    setInterval(() => {
      if (this.list.querySelector('.msg.live') && this.socket.ready && Date.now() - this.lastFrameAt > 10_000) {
        this.lastFrameAt = Date.now();
        this.loadHistory();
      }
    }, 5_000);

    this.list = document.getElementById('messages');
    this.input = document.getElementById('input');
    this.stopButton = document.getElementById('stop');
    document.getElementById('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      this.sendInput();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.sendInput();
      }
    });
    this.stopButton.addEventListener('click', () => this.cancel());
    document.getElementById('new-thread').addEventListener('click', () => this.selectThread(null));
    window.addEventListener('hashchange', () => {
      const id = threadFromHash();
      if (id !== this.threadId) this.selectThread(id);
    });
  }

  resetMessages() {
    this.byMessageId = new Map();
    this.byClientId = new Map();
    this.byTurn = new Map();
    this.lastSeq = new Map();
    // The last seq of the shown thread's stream: a reconnect resumes after it (docs/client-protocol.md, "Resuming").
    this.threadSeq = null;
  }

  async start() {
    await this.loadThreads();
    const wanted = threadFromHash();
    const known = wanted && this.threads.some((t) => t.id === wanted);
    await this.selectThread(known ? wanted : null);
  }

  // ---- threads -------------------------------------------------------------------------

  async loadThreads() {
    try {
      this.threads = await this.api.all('/api/threads', 'Could not load your conversations', 500);
    } catch (e) {
      errorToast(e.message);
    }
    this.renderThreads();
  }

  renderThreads() {
    const list = document.getElementById('thread-list');
    document.getElementById('threads-empty').hidden = this.threads.length > 0;
    list.replaceChildren(...this.threads.map((thread) => h('li', null,
      h('button', {
        type: 'button', title: `${thread.title} — ${formatTime(thread.updated_at)}`,
        'aria-current': thread.id === this.threadId ? 'true' : 'false',
        dataset: { threadId: thread.id },
        onclick: () => {
          this.selectThread(thread.id);
          document.body.classList.remove('threads-open');
        },
      }, thread.title || 'New conversation'))));
    const current = this.threads.find((t) => t.id === this.threadId);
    document.getElementById('thread-title').textContent = current?.title || 'New conversation';
    this.agents.showThread(current || null, !this.threadId);
    this.knowledge.showThread(current || null);
    this.renderExports(current || null);
  }

  /** The conversation as a download: JSON, CSV, Markdown or a standalone HTML page (chat-service's export). */
  renderExports(thread) {
    const box = document.getElementById('thread-exports');
    box.hidden = !thread;
    if (!thread) {
      box.replaceChildren();
      return;
    }
    box.replaceChildren(h('span', { class: 'muted small' }, 'Export:'), ...THREAD_EXPORTS.map(([format, label]) => h('button', {
      type: 'button', class: 'export', dataset: { format }, title: `Download this conversation as ${label}`,
      onclick: async () => {
        try {
          await this.api.download(`/api/threads/${encodeURIComponent(thread.id)}/export?format=${format}`,
            `conversation.${format}`, `Could not export the conversation as ${label}`);
        } catch (e) {
          errorToast(e.message);
        }
      },
    }, format.toUpperCase())));
  }

  currentThread() {
    return this.threads.find((t) => t.id === this.threadId) || null;
  }

  async selectThread(id) {
    if (this.threadId && this.threadId !== id) this.socket.send({ type: 'unsubscribe', thread_id: this.threadId });
    this.threadId = id;
    this.setRunning(null);
    this.resetMessages();
    clear(this.list);
    const hash = id ? `#thread=${id}` : '';
    if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
    if (!id) this.agents.reset();
    this.renderThreads();
    this.updateEmpty();
    this.artifacts.setThread(id);
    if (id) {
      this.socket.send({ type: 'subscribe', thread_id: id });
      await this.loadHistory();
    }
    this.input.focus();
  }

  /** The stored history is the truth: shown messages are matched to it, missing ones added, none doubled. */
  async loadHistory() {
    const threadId = this.threadId;
    if (!threadId) return;
    let messages;
    try {
      messages = await this.api.all(`/api/threads/${threadId}/messages`, 'Could not load the conversation', 2000);
    } catch (e) {
      errorToast(e.message);
      return;
    }
    if (threadId !== this.threadId) return;
    const ordered = messages.map((m) => (m.role === 'user'
      ? this.userElement(m.id, m.client_message_id, m.content, false, m.attachments)
      : this.finishAssistant(this.assistantElement(m.turn_id, m.id), m)));
    const inHistory = new Set(ordered);
    const rest = [...this.list.children].filter((el) => !inHistory.has(el));
    this.list.replaceChildren(...ordered, ...rest);
    for (const m of messages) {
      if (m.client_message_id) this.pending.delete(m.client_message_id);
    }
    this.updateEmpty();
    this.scrollDown();
  }

  /**
   * After (re)connecting: watch the thread again from where the stream left off (the gateway replays what
   * was missed, on whichever instance this socket reached), resend what was never acknowledged, heal from history.
   */
  async resume() {
    if (this.threadId) {
      const frame = { type: 'subscribe', thread_id: this.threadId };
      if (this.threadSeq !== null) frame.after_seq = this.threadSeq;
      this.socket.send(frame);
    }
    for (const frame of this.pending.values()) this.socket.send(frame);
    await this.loadHistory();
  }

  // ---- sending -------------------------------------------------------------------------

  sendInput() {
    if (this.composer.uploading()) {
      errorToast('Your files are still uploading: send when their chips show their size.');
      return;
    }
    const typed = this.input.value.trim();
    if (!typed && !this.composer.items.some((i) => i.attachment)) return;
    const attachments = this.composer.take();
    const content = typed || (attachments.length === 1 ? 'See the attached file.' : 'See the attached files.');
    this.input.value = '';
    this.send(content, attachments);
  }

  send(content, attachments = []) {
    const clientMessageId = newId();
    const frame = { type: 'user_message', content, client_message_id: clientMessageId };
    if (attachments.length) frame.attachment_ids = attachments.map((a) => a.id);
    if (this.threadId) {
      frame.thread_id = this.threadId;
    } else {
      // The first message of a new conversation binds it to the chosen agent for good.
      const agent = this.agents.chosen();
      if (agent) frame.agent = agent;
      this.agents.lock();
    }
    this.pending.set(clientMessageId, frame);
    const el = this.userElement(null, clientMessageId, content, true, attachments);
    this.list.append(el);
    this.updateEmpty();
    this.scrollDown();
    if (!this.socket.send(frame)) status(el, 'Waiting for the connection… it is sent when it is back.');
  }

  cancel() {
    if (!this.threadId) return;
    const frame = { type: 'cancel_turn', thread_id: this.threadId };
    if (this.running?.turnId) frame.turn_id = this.running.turnId;
    if (this.socket.send(frame)) {
      this.stopButton.disabled = true;
      this.stopButton.textContent = 'Stopping…';
    } else {
      errorToast('Cannot stop the answer while disconnected; try again when the connection is back.');
    }
  }

  setRunning(turn) {
    this.running = turn;
    this.stopButton.hidden = !turn;
    this.stopButton.disabled = false;
    this.stopButton.textContent = 'Stop';
  }

  // ---- frames --------------------------------------------------------------------------

  handle(frame) {
    this.lastFrameAt = Date.now();
    if (frame.event_id) {
      if (this.seen.has(frame.event_id)) return;
      this.seen.add(frame.event_id);
      if (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.values().next().value);
    }
    if (frame.type === 'error') return this.onError(frame);
    if (frame.type === 'user_message') return this.onUserMessage(frame);
    if (frame.type === 'subscribed') return;
    if (frame.thread_id && frame.thread_id !== this.threadId) return;
    if (typeof frame.seq === 'number' && frame.thread_id) this.threadSeq = Math.max(this.threadSeq ?? -1, frame.seq);
    switch (frame.type) {
      case 'history_required': this.loadHistory(); break;
      case 'turn_started': {
        const known = this.byTurn.get(frame.turn_id);
        if (known?.classList.contains('live')) {
          // The turn started again (its worker stopped and another took it over): its text starts again too.
          known.querySelector('.stream').textContent = '';
          known.querySelector('.tools').replaceChildren();
          this.lastSeq.delete(frame.turn_id);
        }
        this.assistantElement(frame.turn_id, null);
        this.setRunning({ turnId: frame.turn_id });
        break;
      }
      case 'text_delta': this.onDelta(frame); break;
      case 'reasoning': this.onReasoning(frame); break;
      case 'tool_execution': this.onTool(frame); break;
      case 'artifact_created':
      case 'artifact_updated': {
        const artifact = frame.artifact;
        if (!artifact) break;
        this.artifacts.upsert(artifact, { select: true });
        const el = artifact.turn_id ? this.byTurn.get(artifact.turn_id) : null;
        if (el) addArtifactChip(el, artifact, this.artifacts);
        break;
      }
      case 'artifact_deleted': this.artifacts.remove(frame.artifact_id || frame.artifact?.id); break;
      case 'assistant_message': {
        this.finishAssistant(this.assistantElement(frame.turn_id, frame.message_id),
          { id: frame.message_id, content: frame.content, citations: frame.citations, artifact_ids: frame.artifact_ids });
        break;
      }
      case 'turn_completed': {
        const el = this.byTurn.get(frame.turn_id);
        if (el) usageLine(el, frame.usage, frame.cost, frame.citations);
        if (el && frame.citations?.length) showCitations(el, frame.citations);
        if (!this.running || this.running.turnId === frame.turn_id) this.setRunning(null);
        this.loadThreads();
        break;
      }
      case 'turn_failed': {
        const el = this.assistantElement(frame.turn_id, null);
        el.classList.remove('live');
        el.querySelector('.stream')?.classList.remove('typing');
        const cancelled = /cancel/i.test(frame.code || '');
        errorLine(el, cancelled ? 'Stopped.' : `The answer failed: ${frame.message || frame.code}`);
        if (!cancelled) errorToast(`The answer failed: ${frame.message || frame.code}`);
        if (!this.running || this.running.turnId === frame.turn_id) this.setRunning(null);
        break;
      }
      default:
        break;
    }
    this.updateEmpty();
  }

  onUserMessage(frame) {
    const wasPending = this.pending.get(frame.client_message_id);
    if (wasPending && !wasPending.thread_id && !this.threadId) {
      // The first message of a new conversation: its ack names the thread.
      this.threadId = frame.thread_id;
      history.replaceState(null, '', `#thread=${frame.thread_id}`);
      this.artifacts.setThread(frame.thread_id);
      this.threads.unshift({ id: frame.thread_id, title: 'New conversation', updated_at: frame.created_at, agent: wasPending.agent || null });
      this.renderThreads();
    }
    if (frame.thread_id !== this.threadId) return;
    this.pending.delete(frame.client_message_id);
    const el = this.userElement(frame.message_id, frame.client_message_id, frame.content, false, frame.attachments);
    if (!el.isConnected) this.list.append(el);
    this.scrollDown();
  }

  onError(frame) {
    const message = frame.message || frame.code || 'Something went wrong';
    if (frame.client_message_id) {
      const el = this.byClientId.get(frame.client_message_id);
      const sent = this.pending.get(frame.client_message_id);
      this.pending.delete(frame.client_message_id);
      if (el && sent) {
        el.classList.add('failed');
        el.classList.remove('pending');
        const retry = h('button', { type: 'button', class: 'link' }, 'Retry');
        retry.addEventListener('click', () => {
          el.classList.remove('failed');
          el.classList.add('pending');
          el.querySelector('.error-line')?.remove();
          this.pending.set(frame.client_message_id, sent);
          if (!this.socket.send(sent)) status(el, 'Waiting for the connection…');
        });
        errorLine(el, `Not sent: ${message}`, retry);
      }
    }
    if (frame.code === 'unauthenticated') {
      this.api.session.refresh().then(() => this.api.session.accessToken()).then((t) => this.socket.reauthenticate(t))
        .catch((e) => errorToast(e.message));
    }
    errorToast(message);
  }

  onDelta(frame) {
    const last = this.lastSeq.get(frame.turn_id) ?? -1;
    if (typeof frame.seq === 'number') {
      if (frame.seq <= last) return;
      this.lastSeq.set(frame.turn_id, frame.seq);
    }
    const el = this.assistantElement(frame.turn_id, null);
    if (!el.classList.contains('live')) return;
    const stream = el.querySelector('.stream');
    stream.textContent += frame.delta || '';
    this.scrollDown();
  }

  onReasoning(frame) {
    const el = this.assistantElement(frame.turn_id, null);
    const details = el.querySelector('details.reasoning');
    details.hidden = false;
    details.querySelector('pre').textContent += frame.content || '';
  }

  onTool(frame) {
    const el = this.assistantElement(frame.turn_id, null);
    const tools = el.querySelector('.tools');
    let item = tools.querySelector(`[data-tool-call-id="${CSS.escape(frame.tool_call_id || '')}"]`);
    if (!item) {
      item = h('li', { class: 'tool', dataset: { toolCallId: frame.tool_call_id || '' } },
        h('details', null, h('summary', null, h('span', { class: 'tool-name', text: frame.tool_name }), ' — ',
          h('span', { class: 'tool-status' })), h('pre', { class: 'tool-input' }), h('pre', { class: 'tool-output' })));
      tools.append(item);
    }
    const statusEl = item.querySelector('.tool-status');
    statusEl.dataset.status = frame.status;
    statusEl.textContent = frame.status === 'started' ? 'running…' : frame.status;
    if (frame.input) item.querySelector('.tool-input').textContent = `input: ${pretty(frame.input)}`;
    if (frame.output) item.querySelector('.tool-output').textContent = `output: ${pretty(frame.output)}`;
  }

  // ---- message elements ----------------------------------------------------------------

  userElement(messageId, clientMessageId, content, pending, attachments) {
    let el = (messageId && this.byMessageId.get(messageId)) || (clientMessageId && this.byClientId.get(clientMessageId));
    if (!el) {
      el = h('li', { class: 'msg', dataset: { role: 'user' } }, h('div', { class: 'body' }));
    }
    el.querySelector('.body').textContent = content ?? '';
    if (attachments !== undefined) this.attachments.show(el, attachments);
    if (messageId) {
      el.dataset.messageId = messageId;
      this.byMessageId.set(messageId, el);
    }
    if (clientMessageId) {
      el.dataset.clientMessageId = clientMessageId;
      this.byClientId.set(clientMessageId, el);
    }
    el.classList.toggle('pending', pending);
    if (!pending) el.querySelector('.status-line')?.remove();
    return el;
  }

  assistantElement(turnId, messageId) {
    let el = (messageId && this.byMessageId.get(messageId)) || (turnId && this.byTurn.get(turnId));
    if (!el) {
      el = h('li', { class: 'msg live', dataset: { role: 'assistant' } },
        h('details', { class: 'reasoning', hidden: true }, h('summary', null, 'Reasoning'), h('pre')),
        h('ul', { class: 'tools' }),
        h('div', { class: 'body' }, h('span', { class: 'stream typing' })),
        h('div', { class: 'chips' }));
      this.list.append(el);
    }
    if (turnId) {
      el.dataset.turnId = turnId;
      this.byTurn.set(turnId, el);
    }
    if (messageId) {
      el.dataset.messageId = messageId;
      this.byMessageId.set(messageId, el);
    }
    return el;
  }

  finishAssistant(el, message) {
    el.classList.remove('live');
    const body = el.querySelector('.body');
    try {
      body.replaceChildren(markdownFragment(message.content || ''));
    } catch {
      body.textContent = message.content || '';
    }
    for (const id of message.artifact_ids || []) {
      const known = this.artifacts.get(id);
      addArtifactChip(el, known || { id, title: 'artifact', type: '' }, this.artifacts);
    }
    if (message.citations?.length) showCitations(el, message.citations);
    if (message.usage) usageLine(el, message.usage, message.cost);
    return el;
  }

  updateEmpty() {
    document.getElementById('empty-chat').hidden = this.list.children.length > 0;
  }

  scrollDown() {
    this.list.scrollTop = this.list.scrollHeight;
  }
}

function threadFromHash() {
  const match = /^#thread=([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  return match ? match[1] : null;
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function status(el, text) {
  let line = el.querySelector('.status-line');
  if (!line) {
    line = h('div', { class: 'status-line' });
    el.append(line);
  }
  line.textContent = text;
}

function errorLine(el, text, action) {
  el.querySelector('.error-line')?.remove();
  el.append(h('div', { class: 'error-line' }, text, action ? ' ' : null, action));
}

function usageLine(el, usage, cost) {
  if (!usage) return;
  const parts = [`${formatNumber(usage.total_tokens)} tokens`];
  if (cost && Number(cost.amount) > 0) parts.push(`${cost.amount} ${cost.currency}`);
  status(el, parts.join(' · '));
}

function addArtifactChip(el, artifact, artifacts) {
  const chips = el.querySelector('.chips');
  if (!chips || chips.querySelector(`[data-artifact-id="${CSS.escape(artifact.id)}"]`)) return;
  chips.append(h('button', {
    type: 'button', class: 'chip', dataset: { artifactId: artifact.id },
    onclick: () => artifacts.open(artifact.id),
  }, `${artifact.type || 'artifact'}: ${artifact.title || artifact.content?.title || artifact.id}`));
}

function showCitations(el, citations) {
  el.querySelector('.citations')?.remove();
  el.append(h('details', { class: 'citations', open: true },
    h('summary', null, `Sources (${citations.length})`),
    h('ol', null, citations.map((c) => h('li', null,
      h('strong', { text: c.title || c.document_id }),
      c.page != null ? ` — page ${c.page}` : '',
      c.score != null ? h('span', { class: 'muted small', text: ` (relevance ${Number(c.score).toFixed(2)})` }) : null,
      c.passage ? h('blockquote', { text: c.passage }) : null)))));
}

