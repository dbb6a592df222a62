import { h, formatNumber } from '../dom.js';
import { grid } from './grid.js';

export function difficultyClass(value) {
  const d = Number(value);
  if (!Number.isFinite(d)) return '';
  if (d < 30) return 'diff-easy';
  if (d < 60) return 'diff-medium';
  if (d < 80) return 'diff-hard';
  return 'diff-very-hard';
}

/** keyword_research: keywords with volume, CPC and difficulty (coloured: easy to very hard). */
export default {
  type: 'keyword_research',
  render(container, content) {
    const keywords = content.keywords || [];
    const about = [content.mode, content.seed_keyword && `seed “${content.seed_keyword}”`, content.domain,
      content.competitor_domains?.length ? `vs ${content.competitor_domains.join(', ')}` : null,
      content.database && `database ${content.database}`].filter(Boolean).join(' · ');
    container.append(h('h2', { text: content.title || 'Keyword research' }), h('p', { class: 'muted small', text: about }));
    grid(container, {
      columns: [
        { name: 'Keyword', type: 'string' },
        { name: 'Volume', type: 'number' },
        { name: 'CPC', type: 'number', format: (v) => formatNumber(v, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) },
        { name: 'Difficulty', type: 'number', cellClass: difficultyClass },
        { name: 'Competition', type: 'number', format: (v) => (v === '' || v == null ? '' : formatNumber(v, { maximumFractionDigits: 2 })) },
      ],
      rows: keywords.map((k) => [k.keyword, k.volume, k.cpc, k.difficulty, k.competition ?? '']),
      caption: content.title,
    });
    container.append(h('div', { class: 'legend' },
      h('span', { class: 'diff-easy', text: 'easy < 30' }), h('span', { class: 'diff-medium', text: '30–59' }),
      h('span', { class: 'diff-hard', text: '60–79' }), h('span', { class: 'diff-very-hard', text: '80+ very hard' })));
  },
};
