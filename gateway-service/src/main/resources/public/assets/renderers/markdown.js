import { h } from '../dom.js';

/** Markdown to sanitised HTML: marked, then DOMPurify (no scripts, handlers, styles, forms or frames survive). */
export function safeMarkdown(markdown) {
  if (!window.marked || !window.DOMPurify) throw new Error('the markdown libraries did not load');
  const html = window.marked.parse(markdown || '', { async: false, gfm: true });
  return window.DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}

/** markdown: {title, markdown}. */
export default {
  type: 'markdown',
  render(container, content) {
    const body = h('div', { class: 'markdown-body' });
    body.innerHTML = safeMarkdown(content.markdown);
    for (const link of body.querySelectorAll('a[href]')) {
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener noreferrer');
    }
    container.append(h('h2', { text: content.title || 'Document' }), body);
  },
};
