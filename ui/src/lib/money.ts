// Tenge as the backend sends it ("1234567.89", exact, as text) written for people:
// kk/ru `1 234 567,89 ₸` (no-break spaces), en `₸1,234,567.89`. No floating point anywhere.
import type { Lang } from './ipc/bindings/Lang';

const NBSP = '\u00a0';

export function formatMoney(amount: string, lang: Lang): string {
  const text = amount.trim();
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;
  const [intRaw = '0', fracRaw = ''] = unsigned.split('.');
  const int = intRaw.replace(/^0+(?=\d)/, '') || '0';
  const frac = (fracRaw + '00').slice(0, 2);
  const group = lang === 'en' ? ',' : NBSP;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const zero = /^0+$/.test(int) && /^0*$/.test(fracRaw);
  const sign = negative && !zero ? '-' : '';
  return lang === 'en' ? `${sign}₸${grouped}.${frac}` : `${sign}${grouped},${frac}${NBSP}₸`;
}

/** The longest amount a person types: `₸9,999,999,999.99` and a few spaces to spare. The
 *  backend refuses more than 9 999 999 999.99 ₸ with its own code (amount.too_large). */
export const AMOUNT_CHARS = 24;
