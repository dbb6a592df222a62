import { h, clear, errorToast, toast, copyText, formatTime } from './dom.js';
import { renderArtifact } from './renderers/registry.js';

/** The formats artifact-service exports: json, html and pdf for every type, csv for tables, md for text. */
const TABULAR = new Set(['csv', 'table', 'competitor_analysis', 'keyword_research']);
const TEXT_LIKE = new Set(['markdown', 'code', 'diagram']);
export function exportFormats(type) {
  const formats = ['json'];
  if (TABULAR.has(type)) formats.push('csv');
  if (TEXT_LIKE.has(type)) formats.push('md');
  formats.push('html', 'pdf');
  return formats;
}

const items = (page) => (Array.isArray(page) ? page : page?.items || []);

/**
 * The artifact panel: the current thread's artifacts as tabs, the selected one rendered by
 * its type's renderer, and its actions (versions with diffs, exports, share links).
 */
export class ArtifactPanel {
  constructor({ api }) {
    this.api = api;
    this.threadId = null;
    this.byId = new Map();
    this.selectedId = null;
    this.cleanup = null;
    this.renderToken = 0;
    this.tabs = document.getElementById('artifact-tabs');
    this.view = document.getElementById('artifact-view');
    this.toolbar = document.getElementById('artifact-toolbar');
    this.aside = document.getElementById('artifact-aside');
    document.getElementById('artifact-versions').addEventListener('click', () => this.toggleAside('versions'));
    document.getElementById('artifact-share').addEventListener('click', () => this.toggleAside('shares'));
  }

  get(id) {
    return this.byId.get(id);
  }

  async setThread(threadId) {
    this.threadId = threadId;
    this.byId.clear();
    this.select(null);
    if (!threadId) return;
    try {
      const list = await this.api.all(`/api/artifacts?thread_id=${encodeURIComponent(threadId)}`, 'Could not load the artifacts', 500);
      if (threadId !== this.threadId) return;
      for (const artifact of list) this.byId.set(artifact.id, { ...this.byId.get(artifact.id), ...artifact });
      const newest = [...this.byId.values()].at(-1);
      this.renderTabs();
      if (newest && !this.selectedId) this.select(newest.id);
    } catch (e) {
      errorToast(e.message);
    }
  }

  upsert(artifact, { select = false } = {}) {
    const known = this.byId.get(artifact.id);
    if (known && (known.version ?? 0) > (artifact.version ?? 0)) return;
    this.byId.set(artifact.id, { ...known, ...artifact });
    this.renderTabs();
    if (select || this.selectedId === artifact.id) this.select(artifact.id);
  }

  remove(id) {
    if (!id || !this.byId.delete(id)) return;
    if (this.selectedId === id) {
      this.select(null);
      toast('The artifact was deleted');
    }
    this.renderTabs();
  }

  /** Shows an artifact, fetching it when it is not one of this thread's (from a chip or the gallery). */
  async open(id) {
    if (!this.byId.has(id)) {
      try {
        this.upsert(await this.api.get(`/api/artifacts/${encodeURIComponent(id)}`, 'Could not open the artifact'));
      } catch (e) {
        errorToast(e.message);
        return;
      }
    }
    this.select(id);
    document.dispatchEvent(new CustomEvent('show-artifacts'));
  }

  select(id) {
    this.selectedId = id;
    this.aside.hidden = true;
    this.aside.dataset.mode = '';
    this.renderTabs();
    this.show(id ? this.byId.get(id) : null);
  }

  renderTabs() {
    const artifacts = [...this.byId.values()];
    document.getElementById('artifact-count').textContent = artifacts.length ? String(artifacts.length) : '';
    this.tabs.replaceChildren(...artifacts.map((a) => h('li', null, h('button', {
      type: 'button', role: 'tab', 'aria-selected': a.id === this.selectedId ? 'true' : 'false',
      dataset: { artifactId: a.id, type: a.type }, onclick: () => this.select(a.id),
    }, `${a.title || a.content?.title || a.type} · v${a.version ?? 1}`))));
  }

  /** Renders the artifact (or one of its versions) in the view. */
  async show(artifact, { version } = {}) {
    const token = ++this.renderToken;
    if (this.cleanup) {
      try { this.cleanup(); } catch { /* a renderer's cleanup must not break the panel */ }
      this.cleanup = null;
    }
    clear(this.view);
    this.toolbar.hidden = !artifact;
    if (!artifact) {
      this.view.append(h('p', { class: 'muted', text: 'Artifacts the assistant makes (charts, tables, code, documents…) show here.' }));
      return;
    }
    const meta = document.getElementById('artifact-meta');
    meta.textContent = `${artifact.type} · ${version ? `viewing version ${version} of ${artifact.version}` : `version ${artifact.version ?? 1}`}`
      + `${artifact.status ? ` · ${artifact.status}` : ''}`;
    this.renderExports(artifact);
    const target = h('div', { class: 'artifact-body', dataset: { artifactId: artifact.id, type: artifact.type } });
    this.view.append(target);
    if (version) {
      this.view.prepend(h('p', { class: 'muted small' }, `An earlier version. `,
        h('button', { type: 'button', class: 'link', onclick: () => this.show(this.byId.get(artifact.id)) }, 'Back to the current one')));
    }
    const cleanup = await renderArtifact(target, artifact, { api: this.api });
    if (token !== this.renderToken) {
      if (cleanup) cleanup();
      return;
    }
    this.cleanup = cleanup;
  }

  renderExports(artifact) {
    const box = document.getElementById('artifact-exports');
    box.replaceChildren(h('span', { class: 'muted small' }, 'Export:'), ...exportFormats(artifact.type).map((format) => h('button', {
      type: 'button', class: 'export', dataset: { format },
      onclick: () => this.download(artifact, format),
    }, format.toUpperCase())));
  }

  async download(artifact, format) {
    const name = `${(artifact.title || artifact.type || 'artifact').replace(/[^\w.-]+/g, '_')}.${format}`;
    try {
      await this.api.download(`/api/artifacts/${encodeURIComponent(artifact.id)}/export?format=${format}`, name,
        `Could not export as ${format.toUpperCase()}`);
    } catch (e) {
      errorToast(e.message);
    }
  }

  toggleAside(mode) {
    if (!this.aside.hidden && this.aside.dataset.mode === mode) {
      this.aside.hidden = true;
      return;
    }
    this.aside.dataset.mode = mode;
    this.aside.hidden = false;
    if (mode === 'versions') this.showVersions();
    else this.showShares();
  }

  // ---- versions and diffs ----------------------------------------------------------------

  async showVersions() {
    const artifact = this.byId.get(this.selectedId);
    if (!artifact) return;
    const base = `/api/artifacts/${encodeURIComponent(artifact.id)}`;
    this.aside.replaceChildren(h('p', { class: 'muted', text: 'Loading versions…' }));
    let versions;
    try {
      versions = items(await this.api.get(`${base}/versions`, 'Could not load the versions'))
        .sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    } catch (e) {
      this.aside.replaceChildren(h('p', { class: 'artifact-error', text: e.message }));
      return;
    }
    const numbers = versions.map((v) => v.version).filter((n) => n != null).sort((a, b) => a - b);
    const from = h('select', { 'aria-label': 'From version' }, numbers.map((n) => h('option', { value: n }, `v${n}`)));
    const to = h('select', { 'aria-label': 'To version' }, numbers.map((n) => h('option', { value: n }, `v${n}`)));
    if (numbers.length > 1) {
      from.value = String(numbers.at(-2));
      to.value = String(numbers.at(-1));
    }
    const diffBox = h('div', { class: 'diff-box' });
    this.aside.replaceChildren(
      h('strong', null, `Versions (${numbers.length})`),
      h('ul', { class: 'versions' }, versions.map((v) => h('li', null, h('button', {
        type: 'button', title: formatTime(v.created_at),
        onclick: () => this.showVersion(artifact, v.version),
      }, `v${v.version}${v.version === artifact.version ? ' (current)' : ''}`)))),
      numbers.length > 1 ? h('div', { class: 'grid-tools' }, 'Compare', from, 'with', to,
        h('button', { type: 'button', onclick: () => this.showDiff(base, from.value, to.value, diffBox) }, 'Show changes')) : null,
      diffBox);
  }

  async showVersion(artifact, n) {
    try {
      const version = await this.api.get(`/api/artifacts/${encodeURIComponent(artifact.id)}/versions/${n}`, `Could not load version ${n}`);
      const content = version.content ?? version.artifact?.content;
      await this.show({ ...artifact, content, status: version.status ?? artifact.status }, { version: n });
    } catch (e) {
      errorToast(e.message);
    }
  }

  async showDiff(base, from, to, box) {
    box.replaceChildren(h('p', { class: 'muted', text: 'Comparing…' }));
    try {
      const diff = await this.api.get(`${base}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        'Could not compare the versions');
      const changes = Array.isArray(diff) ? diff : diff?.changes || diff?.items || [];
      const show = (v) => h('code', { text: v === undefined ? '' : JSON.stringify(v) });
      if (changes.length === 0) {
        box.replaceChildren(h('p', { class: 'muted', text: 'No changes.' }));
        return;
      }
      const head = h('tr', null, h('th', null, 'Path'), h('th', null, 'Change'), h('th', null, `v${from}`), h('th', null, `v${to}`));
      const rows = changes.map((c) => h('tr', null,
        h('td', null, h('code', { text: c.path })),
        h('td', { class: `op-${c.op}`, text: c.op }),
        h('td', null, show(c.from)),
        h('td', null, show(c.to))));
      box.replaceChildren(h('table', { class: 'diff' }, h('thead', null, head), h('tbody', null, rows)));
    } catch (e) {
      box.replaceChildren(h('p', { class: 'artifact-error', text: e.message }));
    }
  }

  // ---- share links -----------------------------------------------------------------------

  async showShares() {
    const artifact = this.byId.get(this.selectedId);
    if (!artifact) return;
    const base = `/api/artifacts/${encodeURIComponent(artifact.id)}/shares`;
    const list = h('ul', { class: 'shares' });
    const create = h('button', { type: 'button', class: 'primary' }, 'Create a share link');
    this.aside.replaceChildren(h('strong', null, 'Share links'),
      h('p', { class: 'muted small', text: 'Anyone with a link can view this artifact until it is revoked.' }), list, create);
    const created = h('div', { class: 'shares-created' });
    const draw = (shares) => list.replaceChildren(...(shares.length ? shares.map((share) => h('li', null,
      h('span', { class: share.expired ? 'muted' : null },
        `Link of ${formatTime(share.created_at)}${share.expired ? ' (expired)' : share.expires_at ? `, until ${formatTime(share.expires_at)}` : ''}`),
      h('button', {
        type: 'button', onclick: async () => {
          try {
            await this.api.delete(`${base}/${encodeURIComponent(share.id)}`, 'Could not revoke the link');
            toast('Link revoked');
            this.showShares();
          } catch (e) {
            errorToast(e.message);
          }
        },
      }, 'Revoke'))) : [h('li', { class: 'muted small', text: 'No links yet.' })]));
    this.aside.append(created);
    create.addEventListener('click', async () => {
      try {
        const share = await this.api.post(base, {}, 'Could not create a share link');
        const url = new URL(share.url, location.origin).href;
        const field = h('input', { readonly: true, value: url, 'aria-label': 'New share link', class: 'share-url' });
        created.replaceChildren(h('p', { class: 'small', text: 'New link (shown once; copy it now):' }),
          h('div', { class: 'shares' }, field, h('button', { type: 'button', onclick: () => copyText(url) }, 'Copy')));
        copyText(url);
        draw(items(await this.api.get(base, 'Could not load the share links')));
      } catch (e) {
        errorToast(e.message);
      }
    });
    try {
      draw(items(await this.api.get(base, 'Could not load the share links')));
    } catch (e) {
      list.replaceChildren(h('li', { class: 'artifact-error', text: e.message }));
    }
  }
}

/** The user's artifacts across threads, filtered by type, status and text. */
export class Gallery {
  constructor({ api, panel }) {
    this.api = api;
    this.panel = panel;
    this.dialog = document.getElementById('gallery');
    this.list = document.getElementById('gallery-list');
    this.more = document.getElementById('gallery-more');
    this.cursor = null;
    document.getElementById('open-gallery').addEventListener('click', () => this.open());
    document.getElementById('gallery-filters').addEventListener('submit', (e) => {
      e.preventDefault();
      this.load(true);
    });
    this.more.addEventListener('click', () => this.load(false));
  }

  async open() {
    this.dialog.showModal();
    const types = document.getElementById('gallery-type');
    if (types.options.length <= 1) {
      try {
        const known = await this.api.get('/api/artifact-types', 'Could not load the artifact types');
        for (const t of known || []) types.append(h('option', { value: t.type }, t.type));
      } catch (e) {
        errorToast(e.message);
      }
    }
    this.load(true);
  }

  async load(fresh) {
    if (fresh) {
      this.cursor = null;
      this.list.replaceChildren();
    }
    const query = new URLSearchParams({ limit: '48' });
    for (const [param, id] of [['type', 'gallery-type'], ['status', 'gallery-status'], ['q', 'gallery-q']]) {
      const value = document.getElementById(id).value.trim();
      if (value) query.set(param, value);
    }
    if (this.cursor) query.set('cursor', this.cursor);
    try {
      const page = await this.api.get(`/api/artifacts?${query}`, 'Could not load your artifacts');
      for (const artifact of items(page)) {
        this.list.append(h('li', null, h('button', {
          type: 'button', class: 'gallery-item', dataset: { artifactId: artifact.id, type: artifact.type },
          onclick: () => {
            this.dialog.close();
            this.panel.upsert(artifact);
            this.panel.open(artifact.id);
          },
        }, h('span', { class: 'type', text: artifact.type }), h('strong', { text: artifact.title || artifact.id }),
        h('span', { class: 'muted small', text: `v${artifact.version ?? 1} · ${formatTime(artifact.updated_at || artifact.created_at)}` }))));
      }
      this.cursor = Array.isArray(page) ? null : page?.next_cursor;
      this.more.hidden = !this.cursor;
      document.getElementById('gallery-empty').hidden = this.list.children.length > 0;
    } catch (e) {
      errorToast(e.message);
    }
  }
}
