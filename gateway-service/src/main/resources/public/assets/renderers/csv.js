import { h } from '../dom.js';
import { grid } from './grid.js';

/** csv: {title, headers, rows}: a sortable, filterable table. */
export default {
  type: 'csv',
  render(container, content) {
    const headers = content.headers || [];
    container.append(h('h2', { text: content.title || 'Data' }));
    grid(container, { columns: headers.map((name) => ({ name })), rows: content.rows || [], caption: content.title });
  },
};
