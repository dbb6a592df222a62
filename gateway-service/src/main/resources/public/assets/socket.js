/**
 * The WebSocket of docs/client-protocol.md: authenticates with its first frame (never a token in the
 * URL), reconnects with exponential backoff and jitter after a drop, pings to notice dead
 * connections, and reports its state (connecting, online, reconnecting, offline).
 */
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];
const PING_EVERY_MS = 20_000;
const SILENCE_LIMIT_MS = 50_000;

export class Socket {
  constructor(session, { onFrame, onState, onReady }) {
    this.session = session;
    this.onFrame = onFrame;
    this.onState = onState;
    this.onReady = onReady;
    this.ws = null;
    this.ready = false;
    this.attempt = 0;
    this.retryTimer = null;
    this.pingTimer = null;
    this.lastHeard = 0;
    window.addEventListener('online', () => this.reconnectNow());
  }

  connect() {
    clearTimeout(this.retryTimer);
    if (this.attempt) this.onState('reconnecting', 'Disconnected — reconnecting…');
    else this.onState('connecting', 'Connecting…');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}/ws`);
    this.ws = ws;
    ws.addEventListener('open', async () => {
      try {
        ws.send(JSON.stringify({ type: 'auth', token: await this.session.accessToken() }));
      } catch (e) {
        this.onState('offline', `Offline: ${e.message}`);
        ws.close();
      }
    });
    ws.addEventListener('message', (event) => {
      this.lastHeard = Date.now();
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === 'auth_ok' && !this.ready) {
        this.ready = true;
        this.attempt = 0;
        this.onState('online', 'Connected');
        this.startPings();
        this.onReady();
        return;
      }
      if (frame.type === 'pong') return;
      this.onFrame(frame);
    });
    ws.addEventListener('close', (event) => {
      if (this.ws !== ws) return;
      this.ready = false;
      clearInterval(this.pingTimer);
      if (event.code === 4401) {
        // Not authenticated in time or a token refused: renew it before trying again.
        this.session.refresh().catch(() => {});
      }
      this.scheduleReconnect();
    });
  }

  scheduleReconnect() {
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.attempt += 1;
    const until = Date.now() + delay;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      this.onState('reconnecting', `Disconnected — reconnecting${left > 0 ? ` in ${left}s` : '…'}`);
    };
    tick();
    const countdown = setInterval(tick, 500);
    this.retryTimer = setTimeout(() => {
      clearInterval(countdown);
      this.connect();
    }, delay);
    this.countdown = countdown;
  }

  reconnectNow() {
    if (this.ready) return;
    clearTimeout(this.retryTimer);
    clearInterval(this.countdown);
    this.attempt = 0;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) {
      this.ws.close();
    } else {
      this.connect();
    }
  }

  startPings() {
    clearInterval(this.pingTimer);
    this.lastHeard = Date.now();
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
        this.ws.close();
        return;
      }
      this.send({ type: 'ping' });
    }, PING_EVERY_MS);
  }

  /** False when the socket is not authenticated; the caller keeps the frame for later. */
  send(frame) {
    if (!this.ready || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** A renewed token for the open connection (same user): the gateway keeps the socket. */
  reauthenticate(token) {
    if (this.ready) this.ws.send(JSON.stringify({ type: 'auth', token }));
  }
}
