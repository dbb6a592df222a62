import { h } from '../dom.js';

/**
 * html: {title, html} (a view may carry sanitized_html). Shown in an iframe sandboxed with
 * allow-scripts only: without allow-same-origin its document has an opaque origin, so nothing
 * in it reaches the app's DOM, storage or cookies. Its srcdoc also inherits the app's CSP.
 */
export default {
  type: 'html',
  render(container, content) {
    const frame = h('iframe', {
      class: 'html-sandbox', sandbox: 'allow-scripts', referrerpolicy: 'no-referrer',
      title: content.title || 'HTML artifact',
    });
    frame.srcdoc = content.sanitized_html ?? content.html ?? '';
    container.append(h('h2', { text: content.title || 'HTML' }),
      h('p', { class: 'muted small', text: 'Shown in an isolated sandbox.' }), frame);
  },
};
