/**
 * The one road from untrusted markup (the model's markdown, HTML artifacts) to the page:
 * DOMPurify parses it in an inert document, so nothing in it runs or loads before it is clean,
 * and what it answers is a fragment of clean nodes (no second parse of a string, no mutation
 * XSS). Beyond DOMPurify's defaults: no styles, forms or frames, and images only from data: and
 * blob: URLs (a remote or relative one would be a request the model chose, a tracking pixel, or
 * a CSP violation); such an image keeps its alt text and names where it would have come from.
 */
const IMAGE_SOURCE = /^(data:image\/(png|jpeg|gif|webp)[;,]|blob:)/i;
const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'srcset'],
};
let hooked = false;

function purify() {
  if (!window.DOMPurify) throw new Error('the sanitiser did not load');
  if (!hooked) {
    window.DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName !== 'IMG') return;
      const src = node.getAttribute('src') || '';
      if (IMAGE_SOURCE.test(src)) return;
      node.removeAttribute('src');
      if (src) node.setAttribute('title', `Image not loaded: ${src.slice(0, 200)}`);
      node.setAttribute('data-blocked', 'true');
    });
    hooked = true;
  }
  return window.DOMPurify;
}

/** Clean nodes of the markup, ready to append. */
export function sanitizedFragment(html) {
  return purify().sanitize(html || '', { ...CONFIG, RETURN_DOM_FRAGMENT: true });
}

/** Clean markup as a string, for a sandboxed frame's srcdoc (a document of its own, not the app's). */
export function sanitizedHtml(html) {
  return purify().sanitize(html || '', CONFIG);
}
