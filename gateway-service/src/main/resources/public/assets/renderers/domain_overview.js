import { h, formatNumber, formatMoney } from '../dom.js';

/** domain_overview: SEO metrics of a domain as metric cards. */
export default {
  type: 'domain_overview',
  render(container, content) {
    const metric = (label, value) => h('div', { class: 'metric' }, h('div', { class: 'label', text: label }), h('div', { class: 'value', text: value }));
    container.append(
      h('h2', { text: content.title || content.domain || 'Domain overview' }),
      h('p', { class: 'muted small', text: [content.domain, content.database && `database ${content.database}`].filter(Boolean).join(' · ') }),
      h('div', { class: 'metric-cards' },
        metric('Organic keywords', formatNumber(content.organic_keywords)),
        metric('Organic traffic', formatNumber(content.organic_traffic)),
        metric('Organic traffic value', formatMoney(content.organic_traffic_value, content.currency)),
        metric('Paid keywords', formatNumber(content.paid_keywords)),
        metric('Paid traffic', formatNumber(content.paid_traffic)),
        metric('Paid traffic value', formatMoney(content.paid_traffic_value, content.currency))));
  },
};
