/**
 * Artifact renderers by type name. Each type is one module, ./<type>.js, whose default
 * export is { type, render(container, content, artifact, context) } (render may return a
 * cleanup function). A new type is one new file: nothing else lists the types. A type
 * without a module is shown as readable JSON.
 */
import json from './json.js';

const TYPE_NAME = /^[a-z][a-z0-9_]{0,49}$/;
const loaded = new Map();

export function rendererFor(type) {
  if (!TYPE_NAME.test(type || '')) return Promise.resolve(json);
  if (!loaded.has(type)) {
    loaded.set(type, import(`./${type}.js`)
      .then((module) => (module.default?.type === type ? module.default : json))
      .catch(() => json));
  }
  return loaded.get(type);
}

/** Renders into container; returns the cleanup of the previous render's resources. */
export async function renderArtifact(container, artifact, context) {
  const renderer = await rendererFor(artifact.type);
  container.replaceChildren();
  try {
    return (await renderer.render(container, artifact.content || {}, artifact, context)) || null;
  } catch (e) {
    container.replaceChildren();
    const error = document.createElement('p');
    error.className = 'artifact-error';
    error.textContent = `This ${artifact.type} artifact could not be shown: ${e.message}. Its content follows.`;
    container.append(error);
    await json.render(container, artifact.content || {}, artifact, context);
    return null;
  }
}
