import { h, formatNumber } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const DAY_MS = 86_400_000;
const HEADS = { agent: 'Agent', model: 'Model', user: 'User' };
const COLUMNS = [['requests', 'Requests'], ['input_tokens', 'Input tokens'], ['output_tokens', 'Output tokens'],
  ['total_tokens', 'Total tokens'], ['cost', 'Cost']];

function svg(tag, attributes, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value != null) el.setAttribute(key, String(value));
  }
  for (const child of children) if (child != null) el.append(child);
  return el;
}

const utcDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayLabel = (day, options) => new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', ...options }).format(new Date(`${day}T00:00:00Z`));

/** Costs are fractions of a cent per call: keep up to six decimals. */
export function formatCost(amount, currency) {
  if (amount == null) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD', minimumFractionDigits: 2, maximumFractionDigits: 6 })
      .format(Number(amount));
  } catch {
    return `${formatNumber(amount)} ${currency || ''}`.trim();
  }
}

/** The axis' top: four round steps (1, 2, 2.5 or 5 times a power of ten) that reach the value. */
function niceCeiling(value) {
  if (!(value > 0)) return 4;
  const quarter = value / 4;
  const power = 10 ** Math.floor(Math.log10(quarter));
  return 4 * [1, 2, 2.5, 5, 10].map((step) => step * power).find((candidate) => candidate >= quarter);
}

/**
 * The tenant's model usage for its admins: a bar per UTC day of the period (cost or tokens;
 * drawn as SVG here, with a day table for screen readers) and a table by agent, model or user
 * with the period's totals.
 */
export class AdminUsage {
  constructor({ api }) {
    this.api = api;
    this.root = document.getElementById('section-usage');
    this.form = document.getElementById('usage-filters');
    this.from = document.getElementById('usage-from');
    this.to = document.getElementById('usage-to');
    this.group = document.getElementById('usage-group');
    this.error = document.getElementById('usage-error');
    this.summary = document.getElementById('usage-summary');
    this.chart = document.getElementById('usage-chart');
    this.table = document.getElementById('usage-table');
    this.days = null;
    const today = Date.now();
    this.to.value = utcDay(today);
    this.from.value = utcDay(today - 29 * DAY_MS);
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.load();
    });
    this.group.addEventListener('change', () => this.load());
    for (const radio of this.form.querySelectorAll('input[name=usage-metric]')) {
      radio.addEventListener('change', () => this.drawChart());
    }
  }

  get metric() {
    return this.form.querySelector('input[name=usage-metric]:checked')?.value || 'cost';
  }

  async load() {
    this.error.hidden = true;
    this.root.setAttribute('aria-busy', 'true');
    const period = new URLSearchParams({ from: this.from.value, to: this.to.value });
    try {
      if (!this.from.value || !this.to.value) throw new Error('Choose both days of the period');
      if (this.to.value < this.from.value) throw new Error('The period ends before it starts: choose a later “To” day');
      const [days, groups] = await Promise.all([
        this.api.get(`/api/usage?${period}&group_by=day`, 'Could not load the usage by day'),
        this.api.get(`/api/usage?${period}&group_by=${encodeURIComponent(this.group.value)}`, 'Could not load the usage'),
      ]);
      this.days = days;
      this.drawChart();
      this.drawTable(groups);
      const totals = groups.totals || {};
      const calls = totals.requests || 0;
      this.summary.textContent = `${formatNumber(calls)} model call${calls === 1 ? '' : 's'}, ${formatNumber(totals.total_tokens || 0)} tokens, `
        + `${formatCost(totals.cost ?? 0, groups.currency)} from ${this.from.value} through ${this.to.value} (UTC).`;
    } catch (e) {
      this.error.textContent = e.message;
      this.error.hidden = false;
      this.summary.textContent = '';
    } finally {
      this.root.removeAttribute('aria-busy');
      this.root.dataset.loaded = 'true';
    }
  }

  drawChart() {
    if (!this.days) return;
    const metric = this.metric;
    const currency = this.days.currency;
    const groups = this.days.groups || [];
    const values = groups.map((g) => Number(g[metric]) || 0);
    const top = niceCeiling(Math.max(0, ...values));
    const format = (v) => (metric === 'cost' ? formatCost(v, currency) : formatNumber(v, { notation: 'compact' }));
    const left = 64;
    const bottom = 26;
    const height = 220;
    const plot = height - bottom - 10;
    const step = Math.max(12, Math.min(40, 720 / Math.max(1, groups.length)));
    const width = left + step * groups.length + 10;
    const title = `${metric === 'cost' ? 'Cost' : 'Tokens'} per day, ${groups[0]?.key || ''} to ${groups.at(-1)?.key || ''}`;
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'bar-chart', role: 'img', 'aria-label': title,
      'data-metric': metric }, svg('title', null, title));
    for (let i = 0; i <= 4; i++) {
      const y = 10 + plot - (plot * i) / 4;
      chart.append(svg('line', { x1: left, x2: width - 10, y1: y, y2: y, class: 'grid-line' }),
        svg('text', { x: left - 6, y: y + 4, class: 'axis-label', 'text-anchor': 'end' }, format((top * i) / 4)));
    }
    const every = Math.ceil(groups.length / 10);
    groups.forEach((group, i) => {
      const value = values[i];
      const barHeight = (plot * value) / top;
      const x = left + i * step + step * 0.15;
      const label = `${dayLabel(group.key, { dateStyle: 'medium' })}: ${format(value)}, ${formatNumber(group.requests)} requests`;
      chart.append(svg('g', { class: value > 0 ? 'day' : 'day empty', role: 'img', 'aria-label': label, 'data-day': group.key,
        'data-value': value, 'data-requests': group.requests },
      svg('title', null, label),
      svg('rect', { class: 'bar-slot', x, y: 10, width: step * 0.7, height: plot }),
      svg('rect', { class: 'bar', x, y: 10 + plot - barHeight, width: step * 0.7, height: barHeight })));
      if (i % every === 0) {
        chart.append(svg('text', { x: x + step * 0.35, y: height - 8, class: 'axis-label', 'text-anchor': 'middle' },
          dayLabel(group.key, { month: 'short', day: 'numeric' })));
      }
    });
    const table = h('table', { class: 'visually-hidden' },
      h('caption', { text: title }),
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'Day' }), h('th', { scope: 'col', text: 'Requests' }),
        h('th', { scope: 'col', text: 'Tokens' }), h('th', { scope: 'col', text: 'Cost' }))),
      h('tbody', null, groups.map((g) => h('tr', null, h('td', { text: g.key }), h('td', { text: formatNumber(g.requests) }),
        h('td', { text: formatNumber(g.total_tokens) }), h('td', { text: formatCost(g.cost, currency) })))));
    this.chart.replaceChildren(chart, table);
  }

  drawTable(report) {
    const by = report.group_by || this.group.value;
    const head = HEADS[by] || by;
    this.table.querySelector('caption').textContent = `Usage by ${by}`;
    this.table.tHead.replaceChildren(h('tr', null, h('th', { scope: 'col', text: head }),
      COLUMNS.map(([, label]) => h('th', { scope: 'col', class: 'num', text: label }))));
    const cell = (row, key) => h('td', { class: 'num', dataset: { column: key },
      text: key === 'cost' ? formatCost(row[key], report.currency) : formatNumber(row[key] ?? 0) });
    const groups = report.groups || [];
    this.table.tBodies[0].replaceChildren(...groups.map((group) => h('tr', { dataset: { key: group.key } },
      h('th', { scope: 'row' }, group.name || group.key, group.name && group.name !== group.key
        ? h('span', { class: 'muted small', text: ` ${group.key}` }) : null),
      COLUMNS.map(([key]) => cell(group, key)))));
    if (!groups.length) {
      this.table.tBodies[0].append(h('tr', null, h('td', { colspan: String(COLUMNS.length + 1), class: 'muted',
        text: 'No model calls in this period.' })));
    }
    this.table.tFoot.replaceChildren(h('tr', { class: 'totals' }, h('th', { scope: 'row', text: 'Total' }),
      COLUMNS.map(([key]) => cell(report.totals || {}, key))));
  }
}
