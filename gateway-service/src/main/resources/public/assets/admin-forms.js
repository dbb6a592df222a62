import { h } from './dom.js';

/** What the admin pages' forms share: the API's field errors at their inputs, a confirmation, list pages. */
export const items = (page) => (Array.isArray(page) ? page : page?.items || []);

/** A form's validation errors as the API names them (problem+json `errors`), shown next to the matching input. */
export class FieldErrors {
  constructor(form, top) {
    this.form = form;
    this.top = top;
  }

  clear() {
    for (const el of this.form.querySelectorAll('.field-error')) el.remove();
    for (const el of this.form.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('error-'));
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
    }
    this.top.hidden = true;
    this.top.textContent = '';
  }

  /** The problem's detail at the top, each field's message next to its input; the top one gets the focus. */
  show(detail, errors = []) {
    const unplaced = [];
    let first = null;
    for (const { field, message } of errors) {
      const input = this.place(field || '', message || 'is not valid');
      if (input) first ||= input; else unplaced.push([field, message].filter(Boolean).join(': '));
    }
    const text = [detail, ...unplaced].filter(Boolean).join(' — ');
    this.top.textContent = text;
    this.top.hidden = !text;
    (first || this.top).focus?.();
    if (!first) this.top.scrollIntoView({ block: 'nearest' });
  }

  /** `fallbacks[0].provider` is its own input; `tools[1]` and `knowledge_bases[0]` go to their list's box. */
  place(field, message) {
    let box = this.box(field);
    let text = message;
    if (!box) {
      const list = /^([a-z_]+)\[(\d+)\]$/.exec(field);
      box = list ? this.box(list[1]) : null;
      if (box) text = `item ${Number(list[2]) + 1}: ${message}`;
    }
    if (!box) return null;
    const id = `error-${field.replace(/[^a-z0-9]+/gi, '-')}`;
    const error = h('span', { class: 'field-error', id, dataset: { errorFor: field }, text });
    box.append(error);
    const input = box.matches('input, select, textarea') ? box
      : box.querySelector('input:not([type=checkbox]), select, textarea') || box.querySelector('input');
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    }
    return input || box;
  }

  box(field) {
    return [...this.form.querySelectorAll('[data-field]')].find((el) => el.dataset.field === field) || null;
  }
}

/** A modal yes/no question; true when confirmed. */
export function confirmDialog(text, action = 'Delete') {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = action;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
  });
}
