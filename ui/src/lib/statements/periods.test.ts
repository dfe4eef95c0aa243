import { describe, expect, it } from 'vitest';

import { period } from './periods';

describe('report periods', () => {
  it('are whole months, quarters and years around today', () => {
    expect(period('thisMonth', '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(period('thisMonth', '2028-02-14')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(period('lastMonth', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(period('thisQuarter', '2026-11-25')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(period('lastQuarter', '2026-11-25')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(period('lastQuarter', '2026-02-01')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(period('thisYear', '2026-11-25')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
