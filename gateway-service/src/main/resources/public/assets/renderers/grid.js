import { h, formatNumber } from '../dom.js';

/**
 * A data table sortable by clicking a header (again: the other way) and filtered by a text
 * box. columns: [{name, type?: 'number'|'string'|..., format?(value), cellClass?(value, row)}],
 * rows: arrays of cell values in column order.
 */
export function grid(container, { columns, rows, sortable = true, filterable = true, caption }) {
  const numeric = columns.map((column, i) => column.type === 'number' || column.type === 'integer' || column.type === 'currency'
    || column.type === 'percent'
    || (column.type == null && rows.length > 0 && rows.every((row) => isNumeric(row[i]))));
  let order = rows.map((_, i) => i);
  let sort = { index: -1, direction: 'none' };
  let filter = '';

  const count = h('span', { class: 'muted small grid-count' });
  const filterBox = h('input', { type: 'search', class: 'grid-filter', placeholder: 'Filter rows…', 'aria-label': 'Filter rows' });
  const headCells = columns.map((column, i) => {
    const th = h('th', { scope: 'col', 'aria-sort': 'none' });
    if (sortable) {
      th.append(h('button', { type: 'button', title: `Sort by ${column.name}`, onclick: () => sortBy(i) }, column.name));
    } else {
      th.textContent = column.name;
    }
    return th;
  });
  const body = h('tbody');
  const table = h('table', { class: 'grid' }, caption ? h('caption', { class: 'visually-hidden', text: caption }) : null,
    h('thead', null, h('tr', null, headCells)), body);

  container.append(
    filterable || sortable ? h('div', { class: 'grid-tools' }, filterable ? filterBox : null, count) : null,
    h('div', { class: 'grid-wrap' }, table));

  filterBox.addEventListener('input', () => {
    filter = filterBox.value.trim().toLowerCase();
    draw();
  });

  function sortBy(index) {
    const direction = sort.index === index && sort.direction === 'ascending' ? 'descending' : 'ascending';
    sort = { index, direction };
    const sign = direction === 'ascending' ? 1 : -1;
    order = rows.map((_, i) => i).sort((a, b) => sign * compare(rows[a][index], rows[b][index], numeric[index]) || a - b);
    headCells.forEach((th, i) => th.setAttribute('aria-sort', i === index ? direction : 'none'));
    draw();
  }

  function draw() {
    const shown = order.filter((i) => !filter || rows[i].some((cell) => String(cell ?? '').toLowerCase().includes(filter)));
    body.replaceChildren(...shown.map((i) => h('tr', null, columns.map((column, c) => {
      const value = rows[i][c];
      const classes = [numeric[c] ? 'num' : '', column.cellClass ? column.cellClass(value, rows[i]) : ''].filter(Boolean).join(' ');
      const text = column.format ? column.format(value) : (numeric[c] && value !== '' && value != null ? formatNumber(value) : value ?? '');
      return h('td', { class: classes || null }, String(text));
    }))));
    count.textContent = shown.length === rows.length ? `${rows.length} rows` : `${shown.length} of ${rows.length} rows`;
  }

  draw();
}

function isNumeric(value) {
  if (typeof value === 'number') return true;
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value.replace(/,/g, '')));
}

function compare(a, b, numeric) {
  if (a == null || a === '') return b == null || b === '' ? 0 : 1;
  if (b == null || b === '') return -1;
  if (numeric) return Number(String(a).replace(/,/g, '')) - Number(String(b).replace(/,/g, ''));
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}
