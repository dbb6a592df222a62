import { h } from '../dom.js';
import { sanitizedFragment } from './sanitize.js';

/** Markdown as clean nodes: marked makes the HTML, the sanitiser keeps what may reach the page. */
export function markdownFragment(markdown) {
  if (!window.marked) throw new Error('the markdown library did not load');
  const fragment = sanitizedFragment(window.marked.parse(markdown || '', { async: false, gfm: true }));
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
