import { h, errorToast, toast } from './dom.js';

const items = (page) => (Array.isArray(page) ? page : page?.items || []);

/**
 * Knowledge bases: create, upload documents (upload progress, then indexing progress from
 * document_progress frames), and attach them to the current thread. The organisation's shared
 * knowledge bases are listed for everyone; only its administrators create them and add documents.
 */
export class Knowledge {
  constructor({ api }) {
    this.api = api;
    this.chat = null;
    this.bases = [];
    this.uploads = new Map();
    // Progress can arrive before the upload's answer names the document: the latest frame per document waits here.
    this.latest = new Map();
    this.announced = new Set();
    this.admin = false;
    this.dialog = document.getElementById('knowledge');
    this.list = document.getElementById('kb-list');
    document.getElementById('open-knowledge').addEventListener('click', () => this.open());
    document.getElementById('kb-create').addEventListener('submit', (e) => {
      e.preventDefault();
      this.create();
    });
  }

  async open() {
    this.dialog.showModal();
    await this.load();
  }

  async load() {
    try {
      const me = await this.api.get('/api/me', 'Could not load who you are');
      this.admin = (me?.roles || []).includes('tenant_admin');
      document.getElementById('kb-for-tenant-label').hidden = !this.admin;
      this.bases = await this.api.all('/api/knowledge-bases', 'Could not load the knowledge bases', 500);
    } catch (e) {
      errorToast(e.message);
    }
    this.render();
  }

  async create() {
    const name = document.getElementById('kb-name');
    const description = document.getElementById('kb-description');
    const forTenant = document.getElementById('kb-for-tenant');
    try {
      await this.api.post('/api/knowledge-bases', {
        name: name.value.trim(),
        description: description.value.trim() || null,
        owner: this.admin && forTenant.checked ? 'tenant' : 'user',
      }, 'Could not create the knowledge base');
      name.value = '';
      description.value = '';
      await this.load();
    } catch (e) {
      errorToast(e.message);
    }
  }

  attachedIds() {
    return new Set(this.chat?.currentThread()?.knowledge_base_ids || []);
  }

  render() {
    const attached = this.attachedIds();
    this.list.replaceChildren(...this.bases.map((kb) => {
      const file = h('input', { type: 'file', 'aria-label': `Upload a document to ${kb.name}` });
      file.addEventListener('change', () => {
        if (file.files[0]) this.upload(kb, file.files[0]);
        file.value = '';
      });
      const box = h('input', { type: 'checkbox', checked: attached.has(kb.id) ? true : null });
      box.addEventListener('change', () => this.attach(kb.id, box.checked, box));
      const shared = kb.owner === 'tenant';
      return h('li', { class: 'kb', dataset: { knowledgeBaseId: kb.id, owner: kb.owner } },
        h('div', { class: 'kb-head' }, h('strong', { text: kb.name }),
          shared ? h('span', { class: 'status-badge', text: 'shared' }) : null,
          h('label', { class: 'small' }, box, ' use in this conversation')),
        kb.description ? h('p', { class: 'muted small', text: kb.description }) : null,
        !shared || this.admin ? h('label', { class: 'small' }, 'Add a document: ', file) : null,
        h('ul', { class: 'uploads' }, [...this.uploads.values()].filter((u) => u.kbId === kb.id).map((u) => u.el)));
    }));
    if (!this.bases.length) this.list.append(h('li', { class: 'muted', text: 'No knowledge bases yet: create one above.' }));
  }

  async upload(kb, file) {
    const bar = h('progress', { max: '1', value: '0' });
    const label = h('span', { text: `${file.name}: uploading…` });
    const upload = { kbId: kb.id, el: h('li', null, label, bar), label, bar };
    const key = `upload:${Math.random()}`;
    this.uploads.set(key, upload);
    this.render();
    const form = new FormData();
    form.append('file', file);
    try {
      const document = await this.api.upload(`/api/knowledge-bases/${encodeURIComponent(kb.id)}/documents`, form,
        (fraction) => { bar.value = fraction * 0.3; }, `Could not upload ${file.name}`);
      this.uploads.delete(key);
      const id = document?.id || document?.document_id || key;
      upload.name = file.name;
      this.uploads.set(id, upload);
      bar.value = 0.3;
      label.textContent = `${file.name}: uploaded, waiting to be indexed…`;
      upload.el.dataset.documentId = id;
      if (document?.status === 'indexed') this.progress({ document_id: id, status: 'indexed' });
      else if (document?.status === 'failed') this.progress({ document_id: id, status: 'failed', reason: document.failure_reason });
      else if (this.latest.has(id)) this.progress(this.latest.get(id));
    } catch (e) {
      bar.remove();
      label.textContent = e.message;
      upload.el.classList.add('failed');
      errorToast(e.message);
    }
  }

  /** A document_progress frame: started | progress | indexed | failed. */
  progress(frame) {
    this.latest.set(frame.document_id, frame);
    const upload = this.uploads.get(frame.document_id);
    const name = upload?.name || frame.filename || 'A document';
    const terminal = frame.status === 'failed' || frame.status === 'indexed';
    const announce = terminal && !this.announced.has(frame.document_id);
    if (announce) this.announced.add(frame.document_id);
    if (announce && frame.status === 'failed') {
      errorToast(`${name} could not be indexed: ${frame.reason || 'unknown reason'}`);
    } else if (announce) {
      toast(`${name} is indexed and ready`);
    }
    if (!upload) return;
    const { bar, label } = upload;
    upload.el.dataset.status = frame.status;
    if (frame.status === 'started') {
      label.textContent = `${name}: indexing…`;
    } else if (frame.status === 'progress' && frame.chunks_total) {
      bar.value = 0.3 + 0.7 * (frame.chunks_embedded / frame.chunks_total);
      label.textContent = `${name}: ${frame.chunks_embedded} of ${frame.chunks_total} passages indexed`;
    } else if (frame.status === 'indexed') {
      bar.value = 1;
      label.textContent = `${name}: indexed`;
    } else if (frame.status === 'failed') {
      bar.remove();
      upload.el.classList.add('failed');
      label.textContent = `${name}: failed — ${frame.reason || 'unknown reason'}`;
    }
  }

  async attach(kbId, on, box) {
    let thread = this.chat.currentThread();
    try {
      if (!thread) {
        thread = await this.api.post('/api/threads', {}, 'Could not start a conversation');
        this.chat.threads.unshift(thread);
        await this.chat.selectThread(thread.id);
      }
      const ids = new Set(thread.knowledge_base_ids || []);
      if (on) ids.add(kbId); else ids.delete(kbId);
      const updated = await this.api.patch(`/api/threads/${encodeURIComponent(thread.id)}`, { knowledge_base_ids: [...ids] },
        'Could not change the knowledge used by this conversation');
      Object.assign(thread, updated || { knowledge_base_ids: [...ids] });
      this.showThread(thread);
    } catch (e) {
      box.checked = !on;
      errorToast(e.message);
    }
  }

  /** The composer's chips: which knowledge bases the current thread uses. */
  showThread(thread) {
    const box = document.getElementById('thread-kbs');
    const ids = thread?.knowledge_base_ids || [];
    box.replaceChildren(...ids.map((id) => h('span', { class: 'chip', text: `Knowledge: ${this.bases.find((b) => b.id === id)?.name || 'knowledge base'}` })));
  }
}
