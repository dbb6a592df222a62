import { errorToast } from './dom.js';
import { Api } from './api.js';
import { Session } from './session.js';
import { AdminAgents } from './admin-agents.js';
import { AdminUsage } from './admin-usage.js';
import { AdminAudit } from './admin-audit.js';
import { AdminBudgets } from './admin-budgets.js';
import { AdminMcp } from './admin-mcp.js';
import { AdminKeys } from './admin-keys.js';

/**
 * The tenant admins' page: /admin/agents, /admin/usage, /admin/mcp, /admin/keys, /admin/budgets and /admin/audit are
 * sections of one page, switched without reloading. It uses the app's session (localStorage): an
 * admin opens it from the app's header; anyone else is told that only the tenant's admins may.
 */
const SECTION = /^\/admin(?:\/(agents|usage|mcp|keys|budgets|audit))?\/?$/;
const ADMIN_ROLE = 'tenant_admin';

const status = document.getElementById('admin-status');
const tabs = document.querySelector('.admin-tabs');
const session = new Session({
  onRestarted: () => location.reload(),
});
const api = new Api(session);
const sections = {
  agents: new AdminAgents({ api }),
  usage: new AdminUsage({ api }),
  mcp: new AdminMcp({ api }),
  keys: new AdminKeys({ api }),
  budgets: new AdminBudgets({ api }),
  audit: new AdminAudit({ api }),
};
const loaded = new Set();

function sectionFromPath() {
  return SECTION.exec(location.pathname)?.[1] || 'agents';
}

async function show(name) {
  for (const [key, section] of Object.entries(sections)) {
    section.root.hidden = key !== name;
  }
  for (const tab of tabs.querySelectorAll('a[data-section]')) {
    if (tab.dataset.section === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  document.title = `${tabs.querySelector(`a[data-section="${name}"]`).textContent} · Admin · Agentic chat`;
  document.body.dataset.section = name;
  if (!loaded.has(name)) {
    loaded.add(name);
    await sections[name].load();
  } else if (sections[name].refresh) {
    await sections[name].refresh();
  }
}

function refuse(detail) {
  status.hidden = true;
  tabs.hidden = true;
  document.getElementById('admin-refusal-detail').textContent = detail;
  document.getElementById('admin-refusal').hidden = false;
  document.body.dataset.admin = 'false';
}

function fail(message) {
  status.hidden = true;
  document.getElementById('admin-failure-text').textContent = message;
  document.getElementById('admin-failure').hidden = false;
}

tabs.addEventListener('click', (e) => {
  const tab = e.target.closest('a[data-section]');
  if (!tab || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  if (tab.dataset.section === document.body.dataset.section) return;
  history.pushState(null, '', tab.getAttribute('href'));
  show(tab.dataset.section).catch((err) => errorToast(err.message));
});
window.addEventListener('popstate', () => {
  if (document.body.dataset.admin === 'true') show(sectionFromPath()).catch((err) => errorToast(err.message));
});
window.addEventListener('unhandledrejection', (e) => errorToast(e.reason?.message || String(e.reason)));
document.getElementById('admin-retry').addEventListener('click', () => location.reload());

async function start() {
  // No session in this browser yet: do not start an anonymous one, it could not be an admin.
  if (!session.current) {
    refuse('This browser has no session yet. Open the chat first; a tenant admin who linked their email address then finds “Admin” in its header.');
    return;
  }
  let me;
  try {
    await session.start();
    me = await api.get('/api/me', 'Could not find out who you are');
  } catch (e) {
    fail(`${e.message}. Nothing was changed; try again in a moment.`);
    return;
  }
  if (!(me?.roles || []).includes(ADMIN_ROLE)) {
    refuse(me?.kind === 'anonymous'
      ? 'You are a visitor of this organisation: ask one of its admins.'
      : `You are signed in${me?.email ? ` as ${me.email}` : ''}, but not as an admin of this organisation.`);
    return;
  }
  document.body.dataset.admin = 'true';
  status.hidden = true;
  tabs.hidden = false;
  if (SECTION.exec(location.pathname)?.[1] === undefined) history.replaceState(null, '', '/admin/agents');
  await show(sectionFromPath());
}

try {
  await start();
} catch (e) {
  fail(`The page could not start: ${e.message}`);
} finally {
  document.body.dataset.ready = 'true';
}

