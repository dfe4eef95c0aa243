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

/** An amount as a person types it (`35 000,00 ₸`, `₸1,234.56`, `1.234,56`, `1234`) as the
 *  backend's plain text (`1234.56`), or `null` when it is not one. The same reading as
 *  `club::money::Tenge::parse`, for showing what will be sent before it is sent. */
export function parseTyped(text: string): string | null {
  let body = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^₸|₸$/g, '');
  const sign = body.startsWith('-') ? '-' : '';
  if (sign) body = body.slice(1);
  if (body === '') return null;
  const commas = (body.match(/,/g) ?? []).length;
  const dots = (body.match(/\./g) ?? []).length;
  let group: ',' | '.' | null;
  if ((commas === 0 && dots <= 1) || (commas === 1 && dots === 0)) group = null;
  else if (dots === 0) group = ',';
  else if (commas === 0) group = '.';
  else group = body.lastIndexOf('.') > body.lastIndexOf(',') ? ',' : '.';
  let plain: string;
  if (group === null) {
    plain = body.replace(',', '.');
  } else {
    const decimal = group === ',' ? '.' : ',';
    const at = body.lastIndexOf(decimal);
    const intPart = at >= 0 ? body.slice(0, at) : body;
    const frac = at >= 0 ? body.slice(at + 1) : null;
    const groups = intPart.split(group);
    const ok = groups[0]!.length >= 1 && groups[0]!.length <= 3 && groups.slice(1).every((g) => g.length === 3);
    if (!ok || (frac !== null && frac.includes(group))) return null;
    plain = groups.join('') + (frac !== null ? `.${frac}` : '');
  }
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(plain);
  if (!match) return null;
  const int = match[1]!.replace(/^0+(?=\d)/, '');
  return `${sign}${int}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** A typed amount written for people when it reads as one; otherwise as typed. */
export function showTyped(text: string, lang: Lang): string {
  const plain = parseTyped(text);
  return plain === null ? text : formatMoney(plain, lang);
}
