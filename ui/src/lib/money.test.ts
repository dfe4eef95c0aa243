import { describe, expect, it } from 'vitest';

import { formatMoney } from './money';

// The same table as club::money's Rust tests: both sides must write money the same way.
describe('money', () => {
  it('formats per locale', () => {
    const cases: [string, 'kk' | 'ru' | 'en', string][] = [
      ['1234567.89', 'kk', '1 234 567,89 ₸'],
      ['1234567.89', 'ru', '1 234 567,89 ₸'],
      ['1234567.89', 'en', '₸1,234,567.89'],
      ['0', 'kk', '0,00 ₸'],
      ['0.5', 'en', '₸0.50'],
      ['999', 'ru', '999,00 ₸'],
      ['1000', 'ru', '1 000,00 ₸'],
      ['100000', 'en', '₸100,000.00'],
      ['-2500.1', 'kk', '-2 500,10 ₸'],
      ['-2500.1', 'en', '-₸2,500.10'],
      ['-0.00', 'en', '₸0.00'],
    ];
    for (const [input, lang, expected] of cases) {
      expect(formatMoney(input, lang).replaceAll('\u00a0', ' '), `${input} ${lang}`).toBe(expected);
    }
  });

  it('uses no-break spaces in kk and ru', () => {
    expect(formatMoney('1234', 'kk')).toBe('1\u00a0234,00\u00a0₸');
  });

  it('is exact beyond floating point', () => {
    expect(formatMoney('90071992547409.93', 'en')).toBe('₸90,071,992,547,409.93');
  });
});

describe('reading a typed amount as the backend does', () => {
  it('reads the forms people type and refuses the rest', async () => {
    const { parseTyped } = await import('./money');
    const cases: [string, string | null][] = [
      ['35 000,00 ₸', '35000.00'],
      ['35\u00a0000,00\u00a0₸', '35000.00'],
      ['₸1,234.56', '1234.56'],
      ['1.234,56', '1234.56'],
      ['1,234,567', '1234567.00'],
      ['1234,5', '1234.50'],
      ['0012', '12.00'],
      ['-7', '-7.00'],
      ['1,23,456.00', null],
      ['0.001', null],
      ['abc', null],
      ['', null],
    ];
    for (const [typed, expected] of cases) expect(parseTyped(typed), typed).toBe(expected);
  });
});
