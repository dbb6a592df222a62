import { h } from '../dom.js';

let loading = null;
let sequence = 0;

/** Mermaid's ES module build, loaded on the first diagram (it is large), from this module's origin. */
function mermaidLibrary() {
  if (!loading) {
    loading = import('/webjars/mermaid/11.6.0/dist/mermaid.esm.min.mjs')
      .then(({ default: mermaid }) => {
        mermaid.initialize({
          startOnLoad: false, securityLevel: 'strict', htmlLabels: false, flowchart: { htmlLabels: false },
        });
        return mermaid;
      })
      .catch(() => {
        loading = null;
        throw new Error('the diagram library did not load');
      });
  }
  return loading;
}

/**
 * diagram: {title, mermaid}. Mermaid (securityLevel strict) makes an SVG with its own <style>;
 * the SVG is shown as an image (blob:), which renders it styled without relaxing the page's
 * style-src, and an image runs no script.
 */
export default {
  type: 'diagram',
  async render(container, content) {
    const figure = h('div', { class: 'diagram' }, h('p', { class: 'muted', text: 'Drawing the diagram…' }));
    container.append(h('h2', { text: content.title || 'Diagram' }), figure);
    const mermaid = await mermaidLibrary();
    sequence += 1;
    let url = null;
    try {
      const { svg } = await mermaid.render(`diagram-${sequence}`, content.mermaid || '');
      url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      // The SVG says width="100%"; as an image it is drawn at its own size (its viewBox), scaled down to fit.
      const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(svg);
      figure.replaceChildren(h('img', { src: url, alt: content.title || 'diagram', width: box ? Math.ceil(Number(box[1])) : null }));
    } catch (e) {
      figure.replaceChildren(
        h('p', { class: 'artifact-error', text: `The diagram could not be drawn: ${e.message || e}` }),
        h('pre', { class: 'json', text: content.mermaid || '' }));
    }
    return () => url && URL.revokeObjectURL(url);
  },
};
