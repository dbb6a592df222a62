import { h } from '../dom.js';
import { sanitizedFragment } from './sanitize.js';
import { marked } from '/webjars/marked/16.4.1/lib/marked.esm.js';

/** Markdown as clean nodes: marked makes the HTML, the sanitiser keeps what may reach the page. */
export function markdownFragment(markdown) {
  const fragment = sanitizedFragment(marked.parse(markdown || '', { async: false, gfm: true }));
  for (const link of fragment.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  return fragment;
}

/** markdown: {title, markdown}. */
export default {
  type: 'markdown',
  render(container, content) {
    container.append(h('h2', { text: content.title || 'Document' }),
      h('div', { class: 'markdown-body' }, markdownFragment(content.markdown)));
  },
};
