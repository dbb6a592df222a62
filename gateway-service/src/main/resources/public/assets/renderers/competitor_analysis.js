import { h, formatNumber } from '../dom.js';
import { grid } from './grid.js';

const percent = (value) => {
  if (value == null || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? `${formatNumber(n <= 1 ? n * 100 : n, { maximumFractionDigits: 1 })}%` : String(value);
};

/** competitor_analysis: the domain's competitors by keyword overlap. */
export default {
  type: 'competitor_analysis',
  render(container, content) {
    const competitors = content.competitors || [];
    container.append(
      h('h2', { text: content.title || `Competitors of ${content.domain}` }),
      h('p', { class: 'muted small', text: [content.domain, content.database && `database ${content.database}`, content.source && `source ${content.source}`].filter(Boolean).join(' · ') }));
    grid(container, {
      columns: [
        { name: 'Domain', type: 'string' },
        { name: 'Common keywords', type: 'number' },
        { name: 'Total keywords', type: 'number' },
        { name: 'Overlap', type: 'number', format: percent },
        { name: 'Traffic', type: 'number' },
      ],
      rows: competitors.map((c) => [c.domain, c.common_keywords, c.total_keywords, c.overlap, c.traffic ?? '']),
      caption: content.title,
    });
  },
};
