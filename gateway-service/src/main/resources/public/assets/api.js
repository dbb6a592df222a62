/**
 * The gateway's HTTP API with the session's bearer token (always in the Authorization
 * header, never in a URL). Failed calls throw ApiError whose message is what the user
 * should read: problem+json's detail, else its title, else the status.
 */
export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export async function errorFrom(response, what) {
  let problem = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
  }
  const fieldErrors = Array.isArray(problem?.errors)
    ? problem.errors.map((e) => [e.field, e.message].filter(Boolean).join(': ')).filter(Boolean).join('; ') : '';
  const base = problem?.detail || problem?.title || `${response.status} ${response.statusText || 'error'}`;
  const reason = fieldErrors && !base.includes(fieldErrors) ? `${base} (${fieldErrors})` : base;
  return new ApiError(response.status, what ? `${what}: ${reason}` : reason, problem);
}

export class Api {
  constructor(session) {
    this.session = session;
  }

  /** JSON in and out; `what` names the action for the error message ("Could not load threads"). */
  async request(method, path, { json, body, what, headers = {}, retry = true } = {}) {
    const token = await this.session.accessToken();
    const init = { method, headers: { Accept: 'application/json', ...headers, Authorization: `Bearer ${token}` } };
    if (json !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(json);
    } else if (body !== undefined) {
      init.body = body;
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, `${what || 'Request failed'}: the server cannot be reached (${e.message})`, null);
    }
    if (response.status === 401 && retry) {
      await this.session.refresh();
      return this.request(method, path, { json, body, what, headers, retry: false });
    }
    if (!response.ok) throw await errorFrom(response, what);
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
  }

  get(path, what) { return this.request('GET', path, { what }); }
  post(path, json, what) { return this.request('POST', path, { json, what }); }
  patch(path, json, what) { return this.request('PATCH', path, { json, what }); }
  delete(path, what) { return this.request('DELETE', path, { what }); }

  /** The body of a GET as a Blob (an image shown from a blob: URL), with the token in the header. */
  async blob(path, what, retry = true) {
    const token = await this.session.accessToken();
    let response;
    try {
      response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
    } catch (e) {
      throw new ApiError(0, `${what}: the server cannot be reached (${e.message})`, null);
    }
    if (response.status === 401 && retry) {
      await this.session.refresh();
      return this.blob(path, what, false);
    }
    if (!response.ok) throw await errorFrom(response, what);
    return response.blob();
  }

  /** A file download through fetch + blob, so the token stays in the header. */
  async download(path, fallbackName, what) {
    const token = await this.session.accessToken();
    let response;
    try {
      response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
    } catch (e) {
      throw new ApiError(0, `${what}: the server cannot be reached (${e.message})`, null);
    }
    if (!response.ok) throw await errorFrom(response, what);
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const name = match ? decodeURIComponent(match[1]) : fallbackName;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return name;
  }

  /** Multipart upload with upload progress (fetch has none): onProgress(fraction). */
  async upload(path, formData, onProgress, what) {
    const token = await this.session.accessToken();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
      xhr.addEventListener('error', () => reject(new ApiError(0, `${what}: the server cannot be reached`, null)));
      xhr.addEventListener('load', async () => {
        const response = new Response(xhr.responseText || null, {
          status: xhr.status, statusText: xhr.statusText,
          headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') || '' },
        });
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null);
        } else {
          reject(await errorFrom(response, what));
        }
      });
      xhr.send(formData);
    });
  }

  /** Every page of a cursor-paginated list, up to `max` items. */
  async all(path, what, max = 1000) {
    const items = [];
    let cursor = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.get(`${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, what);
      const pageItems = Array.isArray(page) ? page : (page?.items || []);
      items.push(...pageItems);
      cursor = Array.isArray(page) ? null : page?.next_cursor;
    } while (cursor && items.length < max);
    return items;
  }
}
