/**
 * The one road from untrusted markup (the model's markdown, HTML artifacts) to the page.
 *
 * Chrome reports a CSP violation as soon as markup with an event handler attribute is parsed in
 * any document this page creates (a <template>, DOMParser's, DOMPurify's), before anything runs.
 * So, first, handler attributes are renamed in the text of every tag (`onerror=` becomes
 * `data-blocked-onerror=`, which DOMPurify then drops): quoted values are skipped, and a form this
 * misses costs only a console message, since DOMPurify removes the handler and the CSP would
 * block it anyway. Then the markup is parsed in a <template>, whose content is inert (nothing
 * loads), and every attribute that would load something (src, srcset, href but a link's, poster,
 * …) goes, except an image's data: or blob: URL. Only then does DOMPurify clean it, answering a
 * fragment of clean nodes (no second parse of a string, no mutation XSS). Beyond DOMPurify's
 * defaults: no styles, forms or frames. An image whose source was dropped (remote or relative: a
 * request the model chose, or a tracking pixel) keeps its alt text and names where it came from.
 */
import DOMPurify from '/webjars/dompurify/3.3.0/dist/purify.es.mjs';

const IMAGE_SOURCE = /^(data:image\/(png|jpeg|gif|webp)[;,]|blob:)/i;
const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'template'],
  FORBID_ATTR: ['style', 'srcset'],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ['data-blocked'],
};
const LOADING_ATTRIBUTES = ['src', 'srcset', 'href', 'xlink:href', 'poster', 'data', 'background', 'action', 'formaction'];

const TAG = /<[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>?/g;
const HANDLER = /(^|[\s/"'])(on[a-z]+\s*=)/gi;

/** Handler attributes renamed in every tag, outside quoted values. */
function withoutHandlers(html) {
  return html.replace(TAG, (tag) => tag.replace(/"[^"]*"|'[^']*'|[^"']+/g,
    (part) => (part.startsWith('"') || part.startsWith("'") ? part : part.replace(HANDLER, '$1data-blocked-$2'))));
}

/** The markup with no handler and nothing to load but allowed images, parsed and written back inertly. */
function defused(html) {
  const template = document.createElement('template');
  template.innerHTML = withoutHandlers(html || '');
  for (const el of template.content.querySelectorAll('*')) {
    for (const { name } of [...el.attributes]) {
      if (/^on/i.test(name)) el.removeAttribute(name);
    }
    for (const name of LOADING_ATTRIBUTES) {
      if (!el.hasAttribute(name)) continue;
      const value = el.getAttribute(name) || '';
      const keep = (name === 'href' && el.localName === 'a') || (name === 'src' && el.localName === 'img' && IMAGE_SOURCE.test(value));
      if (keep) continue;
      el.removeAttribute(name);
      if (el.localName === 'img' && name === 'src') {
        if (value) el.setAttribute('title', `Image not loaded: ${value.slice(0, 200)}`);
        el.setAttribute('data-blocked', 'true');
      }
    }
  }
  return template.innerHTML;
}

function purify() {
  if (!DOMPurify.isSupported) throw new Error('the sanitiser cannot run in this browser');
  return DOMPurify;
}

/** Clean nodes of the markup, ready to append. */
export function sanitizedFragment(html) {
  return purify().sanitize(defused(html), { ...CONFIG, RETURN_DOM_FRAGMENT: true });
}

/** Clean markup as a string, for a sandboxed frame's srcdoc (a document of its own, not the app's). */
export function sanitizedHtml(html) {
  return purify().sanitize(defused(html), CONFIG);
}
