/** Small DOM helpers: every element is built with createElement and text nodes, never from strings. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

const toasts = () => document.getElementById('toasts');

/** A message the user must see; errors stay until closed, notices go after a while. */
export function toast(message, { error = false, timeout } = {}) {
  const close = h('button', { type: 'button', title: 'Dismiss', 'aria-label': 'Dismiss' }, '✕');
  const el = h('div', { class: error ? 'toast error' : 'toast' }, h('span', { class: 'toast-text' }, message), close);
  close.addEventListener('click', () => el.remove());
  // A page without a toast area (the widget on a host site) shows its errors itself.
  toasts()?.append(el);
  const ms = timeout ?? (error ? 12000 : 4000);
  if (ms > 0) setTimeout(() => el.remove(), ms);
  return el;
}

export const errorToast = (message) => toast(message, { error: true });

export function formatNumber(value, options) {
  if (value == null || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? new Intl.NumberFormat(undefined, options).format(n) : String(value);
}

export function formatMoney(amount, currency) {
  if (amount == null) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' }).format(Number(amount));
  } catch {
    return `${formatNumber(amount)} ${currency || ''}`.trim();
  }
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast('Copied to the clipboard');
  } catch {
    const area = h('textarea', { class: 'visually-hidden' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (ok) toast('Copied to the clipboard');
    else errorToast('Could not copy: select the text and copy it by hand');
  }
}
