import { errorFrom } from './api.js';

const KEY = 'agentic-chat.session';
/** Refresh this long before the access token expires. */
const EARLY_MS = 60_000;

/**
 * The anonymous session: started on the first visit, kept in localStorage so the user's
 * threads survive reloads, refreshed before the access token expires. Refresh tokens are
 * single-use, so tabs refresh one at a time (Web Locks) and a tab first looks whether
 * another one already did.
 */
export class Session {
  constructor({ onRenewed, onRestarted } = {}) {
    this.onRenewed = onRenewed || (() => {});
    this.onRestarted = onRestarted || (() => {});
    this.current = read();
    this.timer = null;
    this.inflight = null;
    window.addEventListener('storage', (e) => {
      if (e.key === KEY) {
        this.current = read();
        this.schedule();
      }
    });
  }

  get userId() { return this.current?.user_id; }

  async start() {
    if (!this.current) {
      await this.startAnonymous();
    } else if (this.expiresSoon()) {
      await this.refresh();
    }
    this.schedule();
  }

  async accessToken() {
    if (!this.current) await this.startAnonymous();
    if (this.expiresSoon()) await this.refresh();
    return this.current.access_token;
  }

  expiresSoon() {
    return !this.current || this.current.expires_at - Date.now() < EARLY_MS;
  }

  async startAnonymous() {
    const response = await fetch('/api/auth/anonymous', { method: 'POST', headers: { Accept: 'application/json' } });
    if (!response.ok) throw await errorFrom(response, 'Could not start a session');
    this.store(await response.json());
  }

  /** One refresh at a time, in this tab and across tabs. */
  refresh() {
    if (!this.inflight) {
      const run = () => this.refreshNow();
      const locked = navigator.locks ? navigator.locks.request(KEY, run) : run();
      this.inflight = locked.finally(() => { this.inflight = null; });
    }
    return this.inflight;
  }

  async refreshNow() {
    const stored = read();
    if (stored && stored.refresh_token !== this.current?.refresh_token && stored.expires_at - Date.now() > EARLY_MS) {
      this.current = stored; // another tab refreshed meanwhile
      this.schedule();
      this.onRenewed(this.current.access_token);
      return;
    }
    if (!this.current) return this.startAnonymous();
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: this.current.refresh_token }),
    });
    if (response.status === 401) {
      await this.startAnonymous();
      this.schedule();
      this.onRestarted();
      return;
    }
    if (!response.ok) throw await errorFrom(response, 'Could not renew the session');
    this.store(await response.json());
    this.schedule();
    this.onRenewed(this.current.access_token);
  }

  schedule() {
    clearTimeout(this.timer);
    if (!this.current) return;
    const wait = Math.max(5_000, this.current.expires_at - Date.now() - EARLY_MS);
    this.timer = setTimeout(() => this.refresh().catch(() => this.schedule()), wait);
  }

  store(body) {
    this.current = {
      access_token: body.access_token,
      refresh_token: body.refresh_token,
      user_id: body.user_id,
      tenant_id: body.tenant_id,
      expires_at: Date.now() + Number(body.expires_in || 900) * 1000,
    };
    localStorage.setItem(KEY, JSON.stringify(this.current));
  }
}

function read() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY));
    return value && value.access_token && value.refresh_token ? value : null;
  } catch {
    return null;
  }
}
