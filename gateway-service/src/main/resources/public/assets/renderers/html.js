import { h } from '../dom.js';
import { sanitizedHtml } from './sanitize.js';

/**
 * html: {title, html}; artifact-service's view of it carries sanitized_html (static markup, the
 * stored html untouched). Shown in an iframe sandboxed with allow-scripts only: without
 * allow-same-origin its document has an opaque origin, so nothing in it reaches the app's DOM,
 * storage or cookies. Its srcdoc inherits the app's CSP, under which no inline script, handler or
 * style would run anyway: the markup is sanitised here too (styles and remote images dropped), so
 * what the frame gets is exactly what it can show and the console stays free of CSP violations.
 * The styled page is the artifact's HTML export, served under its own policy.
 */
export default {
  type: 'html',
  render(container, content, artifact) {
    const frame = h('iframe', {
      class: 'html-sandbox', sandbox: 'allow-scripts', referrerpolicy: 'no-referrer',
      title: content.title || 'HTML artifact',
    });
    frame.srcdoc = sanitizedHtml(artifact?.sanitized_html ?? content.sanitized_html ?? content.html ?? '');
    container.append(h('h2', { text: content.title || 'HTML' }),
      h('p', { class: 'muted small', text: 'Shown in an isolated sandbox, without scripts or styles; export it for the styled page.' }),
      frame);
  },
};
