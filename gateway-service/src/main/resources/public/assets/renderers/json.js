import { h } from '../dom.js';

/** Any artifact without a renderer of its own: its content as indented JSON. */
export default {
  type: 'json',
  render(container, content, artifact) {
    container.append(
      h('h2', { text: content.title || artifact.title || artifact.type }),
      h('p', { class: 'muted small', text: `No viewer for “${artifact.type}” artifacts yet; this is its content.` }),
      h('pre', { class: 'json', text: JSON.stringify(content, null, 2) }));
  },
};
