import { h, toast, errorToast, formatNumber, formatTime } from './dom.js';
import { FieldErrors, confirmDialog, items } from './admin-forms.js';
import { formatCost } from './admin-usage.js';

const amount = (budget, value) => (budget.metric === 'cost' ? formatCost(value, 'USD') : `${formatNumber(value)} tokens`);

/**
 * The tenant's budgets for its admins: each with what its current period spent, a form for a
 * new one (the API names every field at fault at once), a new limit, deletion.
 */
export class AdminBudgets {
  constructor({ api }) {
    this.api = api;
    this.root = document.getElementById('section-budgets');
    this.rows = document.querySelector('#budgets-table tbody');
    this.error = document.getElementById('budgets-error');
    this.form = document.getElementById('budget-form');
    this.errors = new FieldErrors(this.form, document.getElementById('budget-form-error'));
    this.scope = document.getElementById('budget-scope');
    this.agents = [];
    this.scope.addEventListener('change', () => this.showScope());
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.create();
    });
  }

  async load() {
    try {
      this.agents = items(await this.api.get('/api/agents', 'Could not load the agents'));
    } catch (e) {
      errorToast(e.message);
    }
    document.getElementById('budget-agent').replaceChildren(...this.agents.map((agent) =>
      h('option', { value: agent.slug, text: `${agent.name} (${agent.slug})` })));
    this.showScope();
    await this.refresh();
  }

  async refresh() {
    this.error.hidden = true;
    try {
      this.render(items(await this.api.get('/api/budgets', 'Could not load the budgets')));
    } catch (e) {
      this.error.textContent = e.message;
      this.error.hidden = false;
    } finally {
      this.root.dataset.loaded = 'true';
    }
  }

  showScope() {
    this.form.querySelector('[data-field=agent]').hidden = this.scope.value !== 'agent';
    this.form.querySelector('[data-field=user_id]').hidden = this.scope.value !== 'user';
  }

  render(budgets) {
    this.rows.replaceChildren(...budgets.map((budget) => {
      const subject = budget.scope === 'tenant' ? 'the whole organisation'
        : budget.scope === 'agent' ? `agent ${budget.agent}`
          : budget.every_user ? 'each user on their own' : `user ${budget.user_id}`;
      const percent = Number(budget.percent) || 0;
      const limit = h('td', { class: 'limit' }, amount(budget, budget.limit));
      return h('tr', { dataset: { id: budget.id } },
        h('td', { text: subject }),
        h('td', { text: budget.period === 'day' ? 'a day' : 'a month' }),
        limit,
        h('td', { class: 'num spent', title: budget.top_user_id ? `the top spender, user ${budget.top_user_id}` : null,
          text: amount(budget, budget.spent) }),
        h('td', { class: 'used' }, h('meter', { min: '0', max: '100', low: '80', high: '99', optimum: '0',
          value: String(Math.min(100, percent)), 'aria-label': `${formatNumber(percent)} % used` }), ` ${formatNumber(percent)} %`),
        h('td', null, h('time', { datetime: budget.resets_at, text: formatTime(budget.resets_at) })),
        h('td', { class: 'actions' },
          h('button', { type: 'button', onclick: () => this.editLimit(budget, limit) }, 'Change limit'),
          h('button', { type: 'button', class: 'delete', onclick: () => this.remove(budget, subject) }, 'Delete')));
    }));
    if (!budgets.length) this.rows.append(h('tr', null, h('td', { colspan: '7', class: 'muted', text: 'No budgets: nothing is limited.' })));
  }

  async create() {
    this.errors.clear();
    const f = this.form.elements;
    const body = { scope: f.scope.value, period: f.period.value, metric: f.metric.value };
    if (body.scope === 'agent') body.agent = f.agent.value;
    if (body.scope === 'user' && f.user_id.value.trim()) body.user_id = f.user_id.value.trim();
    if (f.limit.validity.badInput) {
      this.errors.show('Some fields need another look.', [{ field: 'limit', message: 'must be a number' }]);
      return;
    }
    if (f.limit.value !== '') body.limit = Number(f.limit.value);
    try {
      await this.api.post('/api/budgets', body, 'Could not add the budget');
      toast('The budget is added');
      f.limit.value = '';
      await this.refresh();
    } catch (e) {
      this.errors.show(e.problem?.detail || e.problem?.title || e.message, e.problem?.errors || []);
    }
  }

  /** The limit cell becomes an input; a new limit starts the alerts afresh. */
  editLimit(budget, cell) {
    const input = h('input', { type: 'number', min: '0', step: 'any', value: String(budget.limit), 'aria-label': 'New limit' });
    const save = async () => {
      try {
        await this.api.patch(`/api/budgets/${encodeURIComponent(budget.id)}`, { limit: Number(input.value) }, 'Could not change the limit');
        toast('The limit is changed');
        await this.refresh();
      } catch (e) {
        errorToast(e.message);
        input.focus();
      }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') save();
      if (e.key === 'Escape') this.refresh();
    });
    cell.replaceChildren(input, h('button', { type: 'button', onclick: save }, 'Save'),
      h('button', { type: 'button', onclick: () => this.refresh() }, 'Cancel'));
    input.focus();
  }

  async remove(budget, subject) {
    if (!await confirmDialog(`Delete the budget of ${subject} (${amount(budget, budget.limit)} a ${budget.period})?`)) return;
    try {
      await this.api.delete(`/api/budgets/${encodeURIComponent(budget.id)}`, 'Could not delete the budget');
      toast('The budget is deleted');
    } catch (e) {
      errorToast(e.message);
    }
    await this.refresh();
  }
}
