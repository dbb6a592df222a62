import { h } from '../dom.js';
// Chart.js's browser bundle as a module (the gateway wraps it): nothing lands on window.
import Chart from '/webjars/chart.js/4.5.1/dist/chart.umd.min.js?as=module';

const PALETTE = ['#2f5bea', '#e8590c', '#2b8a3e', '#c2255c', '#7048e8', '#0b7285', '#e67700', '#5c940d', '#862e9c', '#495057'];
const NO_AXES = new Set(['pie', 'doughnut', 'radar']);

/** chart: Chart.js; chart_type bar|line|pie|doughnut|scatter|radar, and area (a filled line). */
export default {
  type: 'chart',
  render(container, content) {
    const kind = content.chart_type === 'area' ? 'line' : content.chart_type || 'bar';
    const labels = content.labels || [];
    const perSlice = kind === 'pie' || kind === 'doughnut';
    const datasets = (content.datasets || []).map((dataset, i) => {
      const color = dataset.color || PALETTE[i % PALETTE.length];
      const data = kind === 'scatter'
        ? (dataset.data || []).map((y, j) => ({ x: Number.isFinite(Number(labels[j])) ? Number(labels[j]) : j + 1, y }))
        : dataset.data || [];
      return {
        label: dataset.label,
        data,
        borderColor: perSlice ? '#fff' : color,
        backgroundColor: perSlice ? labels.map((_, j) => PALETTE[j % PALETTE.length])
          : content.chart_type === 'area' ? `${color}55` : kind === 'line' || kind === 'radar' ? `${color}33` : color,
        fill: content.chart_type === 'area' || kind === 'radar',
        tension: kind === 'line' ? 0.25 : 0,
      };
    });
    const axisTitle = (text) => ({ display: Boolean(text), text: text || '' });
    const canvas = h('canvas', { role: 'img', 'aria-label': content.title || 'chart' });
    container.append(h('h2', { text: content.title || 'Chart' }), h('div', { class: 'chart-box' }, canvas));
    const chart = new Chart(canvas, {
      type: kind,
      data: { labels: kind === 'scatter' ? undefined : labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: datasets.length > 1 || perSlice }, title: { display: false } },
        scales: NO_AXES.has(kind) ? {} : {
          x: { title: axisTitle(content.x_axis_title) },
          y: { title: axisTitle(content.y_axis_title), beginAtZero: true },
        },
      },
    });
    return () => chart.destroy();
  },
};
