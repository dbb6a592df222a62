import { h, copyText } from '../dom.js';
// highlight.js's browser bundle as a module (the gateway wraps it): nothing lands on window.
import hljs from '/webjars/highlightjs/11.10.0/highlight.min.js?as=module';

/** code: {title, language, filename?, code}: highlighted with highlight.js, with a copy button. */
export default {
  type: 'code',
  render(container, content) {
    const source = content.code || '';
    const code = h('code', { class: 'hljs' });
    if (hljs && content.language && hljs.getLanguage(content.language)) {
      // highlight.js escapes the source; its output holds only its own <span class> markup.
      code.innerHTML = hljs.highlight(source, { language: content.language, ignoreIllegals: true }).value;
    } else if (hljs) {
      code.innerHTML = hljs.highlightAuto(source).value;
    } else {
      code.textContent = source;
    }
    container.append(
      h('h2', { text: content.title || content.filename || 'Code' }),
      h('div', { class: 'code-head' },
        h('span', { class: 'muted small', text: [content.filename, content.language].filter(Boolean).join(' · ') }),
        h('button', { type: 'button', class: 'copy-code', onclick: () => copyText(source) }, 'Copy')),
      h('pre', { class: 'code' }, code));
  },
};
