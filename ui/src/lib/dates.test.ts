import { describe, expect, it } from 'vitest';

import { parseDate, todayIso } from './dates';

describe('dates', () => {
  it('reads what people type', () => {
    expect(parseDate('25.11.2026')).toBe('2026-11-25');
    expect(parseDate('5.3.2026')).toBe('2026-03-05');
    expect(parseDate(' 01/02/2026 ')).toBe('2026-02-01');
    expect(parseDate('29.02.2028')).toBe('2028-02-29');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['', '2026-11-25', '31.11.2026', '29.02.2026', '00.01.2026', '25.13.2026', '25.11.26', 'abc']) {
      expect(parseDate(bad), bad).toBeNull();
    }
  });

  it('takes today from the local calendar', () => {
    expect(todayIso(new Date(2026, 10, 25, 23, 59))).toBe('2026-11-25');
  });
});
