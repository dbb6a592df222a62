import { errorToast, toast } from './dom.js';
import { Api } from './api.js';
import { Session } from './session.js';
import { Socket } from './socket.js';
import { Chat } from './chat.js';
import { ArtifactPanel, Gallery } from './artifacts.js';
import { Knowledge } from './knowledge.js';
import { Agents, agentFromPath } from './agents.js';
import { AttachmentViews, Composer } from './attachments.js';

/** Wires the app: session, socket, conversation (with its attachments), agents, artifact panel, gallery and knowledge. */
const connection = document.getElementById('connection');
let socket;

const session = new Session({
  onRenewed: (token) => socket?.reauthenticate(token),
  onRestarted: () => {
    toast('Your session had expired: a new anonymous session was started.');
    socket?.reconnectNow();
  },
});
const api = new Api(session);
const artifacts = new ArtifactPanel({ api });
const knowledge = new Knowledge({ api });
const agents = new Agents({ api, wanted: agentFromPath() });
let chat;

socket = new Socket(session, {
  onState: (state, text) => {
    connection.dataset.state = state;
    connection.textContent = text;
  },
  onReady: () => chat.resume().catch((e) => errorToast(e.message)),
  onFrame: (frame) => {
    if (frame.type === 'document_progress') {
      knowledge.progress(frame);
      return;
    }
    chat.handle(frame);
  },
});
chat = new Chat({ api, socket, artifacts, knowledge, agents,
  composer: new Composer({ api }), attachments: new AttachmentViews({ api }) });
knowledge.chat = chat;
new Gallery({ api, panel: artifacts });

function showView(view) {
  document.body.dataset.view = view;
  document.getElementById('tab-chat').setAttribute('aria-pressed', String(view === 'chat'));
  document.getElementById('tab-artifacts').setAttribute('aria-pressed', String(view === 'artifacts'));
}
document.getElementById('tab-chat').addEventListener('click', () => showView('chat'));
document.getElementById('tab-artifacts').addEventListener('click', () => showView('artifacts'));
document.addEventListener('show-artifacts', () => showView('artifacts'));
document.getElementById('threads-toggle').addEventListener('click', (e) => {
  const open = document.body.classList.toggle('threads-open');
  e.currentTarget.setAttribute('aria-expanded', String(open));
});
/** "Admin" in the header, for the tenant's admins only (the admin APIs refuse anyone else anyway). */
async function showAdminLink() {
  const link = document.getElementById('open-admin');
  try {
    const me = await api.get('/api/me', 'Could not find out who you are');
    const admin = (me?.roles || []).includes('tenant_admin');
    if (admin) link.href = '/admin';
    link.hidden = !admin;
    document.body.dataset.admin = String(admin);
  } catch {
    link.hidden = true;
    document.body.dataset.admin = 'unknown';
  }
}
window.addEventListener('unhandledrejection', (e) => errorToast(e.reason?.message || String(e.reason)));

try {
  await session.start();
  socket.connect();
  await agents.load();
  await chat.start();
  document.body.dataset.ready = 'true';
  showAdminLink();
  // Names for the knowledge chips of the current thread.
  knowledge.load().then(() => knowledge.showThread(chat.currentThread()));
} catch (e) {
  connection.dataset.state = 'offline';
  connection.textContent = 'Offline';
  errorToast(`The app could not start: ${e.message}`);
}
