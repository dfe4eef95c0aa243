import { describe, expect, it } from 'vitest';

import type { NextAction } from '../ipc/bindings/NextAction';
import { dictionaries, formatDate, i18n, nextActionText } from './index.svelte';

/** Every leaf of a dictionary as `path -> value`, functions called with sample arguments. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') out.set(path, 'fn');
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) for (const [p, s] of leaves(v, `${path}.${k}`)) out.set(p, s);
  return out;
}

describe('dictionaries', () => {
  it('have the same keys in kk, ru and en, and no empty text', () => {
    const en = leaves(dictionaries.en);
    for (const lang of ['kk', 'ru'] as const) {
      const other = leaves(dictionaries[lang]);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, text] of other) expect(text.trim(), `${lang}${key}`).not.toBe('');
    }
  });

  it('are really translated, not copied', () => {
    expect(dictionaries.kk.status.title).toBe('Қатысу мәртебесі');
    expect(dictionaries.ru.status.title).toBe('Статус участия');
    expect(dictionaries.en.status.title).toBe('Membership status');
    expect(dictionaries.kk.errors['tax_id.check_digit']).not.toBe(dictionaries.ru.errors['tax_id.check_digit']);
  });
});

describe('formatting', () => {
  it('writes dates as dd.mm.yyyy', () => {
    expect(formatDate('2026-11-25')).toBe('25.11.2026');
  });

  it('words next actions with their data in each language', () => {
    const action: NextAction = {
      type: 'prepare_for_club_stop',
      stop: 'suspension',
      effective: '2026-12-13',
      calendar_days_left: 18,
      working_days_left: 13,
    };
    i18n.lang = 'kk';
    expect(nextActionText(action)).toContain('13.12.2026 бастап клубты тоқтата тұру');
    i18n.lang = 'ru';
    expect(nextActionText(action)).toContain('календарных — 18, рабочих — 13');
    i18n.lang = 'en';
    expect(nextActionText(action)).toContain('suspension takes effect on 13.12.2026');
    const equip: NextAction = { type: 'equip_outlet', outlet_id: 2, outlet_name: 'Esil' };
    expect(nextActionText(equip)).toContain('“Esil” has no active POS terminal or QR code');
    i18n.lang = 'kk';
  });
});
