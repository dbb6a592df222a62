import { h } from '../dom.js';
import { grid } from './grid.js';

/** table: {title, columns: [{name, type}], rows, sortable, filterable}; rows are arrays or objects keyed by column name. */
export default {
  type: 'table',
  render(container, content) {
    const columns = (content.columns || []).map((column) => (typeof column === 'string' ? { name: column } : column));
    const rows = (content.rows || []).map((row) => (Array.isArray(row) ? row : columns.map((column) => row?.[column.name])));
    for (const column of columns) {
      if (column.type === 'boolean') column.format = (v) => (v == null ? '' : v ? 'yes' : 'no');
    }
    container.append(h('h2', { text: content.title || 'Table' }));
    grid(container, {
      columns, rows, caption: content.title,
      sortable: content.sortable !== false, filterable: content.filterable !== false,
    });
  },
};
