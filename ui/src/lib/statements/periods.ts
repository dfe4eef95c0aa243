// The periods an accountant reports on, from today's date (ISO strings, no time zones involved).

export type PeriodName = 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'lastQuarter' | 'thisYear';
export const PERIODS: PeriodName[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear'];

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The first and last day of the named period around `today`. */
export function period(name: PeriodName, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const month = (yy: number, mm: number) => ({ from: iso(yy, mm, 1), to: iso(yy, mm, lastDay(yy, mm)) });
  const quarter = (yy: number, q: number) => ({ from: iso(yy, q * 3 + 1, 1), to: iso(yy, q * 3 + 3, lastDay(yy, q * 3 + 3)) });
  const q = Math.floor((m - 1) / 3);
  switch (name) {
    case 'thisMonth':
      return month(y, m);
    case 'lastMonth':
      return m === 1 ? month(y - 1, 12) : month(y, m - 1);
    case 'thisQuarter':
      return quarter(y, q);
    case 'lastQuarter':
      return q === 0 ? quarter(y - 1, 3) : quarter(y, q - 1);
    case 'thisYear':
      return { from: iso(y, 1, 1), to: iso(y, 12, 31) };
  }
}
