import { h, errorToast } from './dom.js';

const MAX_FILES = 10;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Files attached to the next message: picked with the paperclip (or dropped on the composer),
 * uploaded at once to POST /api/attachments with progress, shown as chips that can be removed
 * (which deletes the upload), and handed to the message when it is sent. chat-service checks
 * types and sizes; its problem detail is shown on the chip of a refused file.
 */
export class Composer {
  constructor({ api }) {
    this.api = api;
    this.items = [];
    this.box = document.getElementById('composer-attachments');
    this.input = document.getElementById('attach-input');
    document.getElementById('attach').addEventListener('click', () => this.input.click());
    this.input.addEventListener('change', () => {
      this.add([...this.input.files]);
      this.input.value = '';
    });
    const composer = document.getElementById('composer');
    composer.addEventListener('dragover', (e) => {
      if ([...(e.dataTransfer?.types || [])].includes('Files')) e.preventDefault();
    });
    composer.addEventListener('drop', (e) => {
      if (!e.dataTransfer?.files?.length) return;
      e.preventDefault();
      this.add([...e.dataTransfer.files]);
    });
  }

  add(files) {
    for (const file of files) {
      if (this.items.length >= MAX_FILES) {
        errorToast(`At most ${MAX_FILES} files go with one message.`);
        break;
      }
      const item = { file, attachment: null, failed: null, chip: null, progress: 0 };
      this.items.push(item);
      item.chip = this.chip(item);
      this.box.append(item.chip);
      this.upload(item);
    }
  }

  async upload(item) {
    const form = new FormData();
    form.append('file', item.file, item.file.name);
    try {
      item.attachment = await this.api.upload('/api/attachments', form, (fraction) => {
        item.progress = fraction;
        this.refresh(item);
      }, `Could not attach ${item.file.name}`);
    } catch (e) {
      item.failed = e.message;
    }
    this.refresh(item);
  }

  chip(item) {
    return h('li', { class: 'attachment-chip uploading', dataset: { name: item.file.name } },
      h('span', { class: 'attachment-name', text: item.file.name }),
      h('span', { class: 'attachment-state muted small' }),
      h('button', {
        type: 'button', class: 'icon-button remove', title: `Remove ${item.file.name}`,
        onclick: () => this.remove(item),
      }, '✕'));
  }

  refresh(item) {
    const state = item.chip.querySelector('.attachment-state');
    item.chip.classList.toggle('uploading', !item.attachment && !item.failed);
    item.chip.classList.toggle('failed', Boolean(item.failed));
    if (item.failed) {
      state.textContent = item.failed;
      item.chip.setAttribute('role', 'alert');
    } else if (item.attachment) {
      item.chip.dataset.attachmentId = item.attachment.id;
      state.textContent = formatBytes(item.attachment.size_bytes);
    } else {
      state.textContent = `uploading ${Math.round(item.progress * 100)} %`;
    }
  }

  async remove(item) {
    this.items = this.items.filter((i) => i !== item);
    item.chip.remove();
    if (item.attachment) {
      try {
        await this.api.delete(`/api/attachments/${encodeURIComponent(item.attachment.id)}`, `Could not remove ${item.file.name}`);
      } catch (e) {
        errorToast(e.message);
      }
    }
  }

  uploading() {
    return this.items.some((i) => !i.attachment && !i.failed);
  }

  /** The uploaded attachments, now handed to a message; refused ones are dropped with their chips. */
  take() {
    const ready = this.items.filter((i) => i.attachment).map((i) => i.attachment);
    this.items = [];
    this.box.replaceChildren();
    return ready;
  }
}

/**
 * A message's attachments: images as thumbnails, documents as file chips; both fetched with the
 * Authorization header (never a token in a URL) and kept as blob URLs while the page lives.
 */
export class AttachmentViews {
  constructor({ api }) {
    this.api = api;
    this.thumbnails = new Map();
  }

  show(el, attachments) {
    const existing = el.querySelector('.attachments');
    if (!attachments?.length) {
      existing?.remove();
      return;
    }
    const key = attachments.map((a) => a.id).join(',');
    if (existing?.dataset.ids === key) return;
    const list = h('ul', { class: 'attachments', dataset: { ids: key } },
      attachments.map((a) => h('li', { class: 'attachment', dataset: { attachmentId: a.id } }, this.view(a))));
    if (existing) existing.replaceWith(list); else el.querySelector('.body').after(list);
  }

  view(attachment) {
    const download = () => this.api.download(`/api/attachments/${encodeURIComponent(attachment.id)}/content`,
      attachment.name, `Could not download ${attachment.name}`).catch((e) => errorToast(e.message));
    const label = `${attachment.name} (${formatBytes(attachment.size_bytes)})`;
    if (attachment.kind === 'image' && IMAGE_TYPES.includes(attachment.content_type)) {
      const img = h('img', { class: 'thumbnail', alt: attachment.name, title: `${label} — click to download` });
      img.addEventListener('click', download);
      this.thumbnail(attachment.id).then((url) => { img.src = url; })
        .catch(() => img.replaceWith(h('button', { type: 'button', class: 'file-chip', onclick: download }, `🖼 ${label}`)));
      return img;
    }
    return h('button', { type: 'button', class: 'file-chip', title: `Download ${attachment.name}`, onclick: download },
      `📄 ${label}`);
  }

  thumbnail(id) {
    if (!this.thumbnails.has(id)) {
      const loading = this.api.blob(`/api/attachments/${encodeURIComponent(id)}/content`, 'Could not load the image')
        .then((blob) => URL.createObjectURL(blob));
      loading.catch(() => this.thumbnails.delete(id));
      this.thumbnails.set(id, loading);
    }
    return this.thumbnails.get(id);
  }
}
