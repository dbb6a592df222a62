import { h, toast } from '../dom.js';

/** amount is in minor units (cents): divided by the currency's own number of decimals. */
export function formatMinor(amount, currency) {
  const code = (currency || 'USD').toUpperCase();
  try {
    const format = new Intl.NumberFormat(undefined, { style: 'currency', currency: code });
    const digits = format.resolvedOptions().maximumFractionDigits;
    return format.format(Number(amount) / 10 ** digits);
  } catch {
    return `${amount} ${code} (minor units)`;
  }
}

/** payment_link: {title, description, amount, currency, status}: a mock checkout card; no payment is taken. */
export default {
  type: 'payment_link',
  render(container, content) {
    const status = content.status || 'open';
    const pay = h('button', { type: 'button', class: 'primary wide', disabled: status !== 'open' && status !== 'active' ? true : null },
      status === 'paid' ? 'Paid' : 'Pay');
    pay.addEventListener('click', () => toast('This is a mock checkout: no payment is taken.'));
    container.append(h('div', { class: 'checkout' },
      h('div', null, h('span', { class: 'status-badge', dataset: { status }, text: status })),
      h('h2', { text: content.title || 'Payment' }),
      content.description ? h('p', { class: 'muted', text: content.description }) : null,
      h('div', { class: 'amount', text: formatMinor(content.amount, content.currency) }),
      pay,
      h('p', { class: 'muted small', text: 'Mock checkout for demonstration.' })));
  },
};
