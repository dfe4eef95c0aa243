/** Today on this computer's calendar, as the ISO date the backend expects. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const mo = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${mo}-${d}`;
}

/** Whether `text` has the shape of a date (`31.02.2026`), real or not. */
export function dateShape(text: string): boolean {
  return /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.test(text.trim());
}

/** `25.11.2026` (also `25/11/2026`, `25-11-2026`) to `2026-11-25`; `null` when not a real date. */
export function parseDate(text: string): string | null {
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, d, mo, y] = match;
  const day = Number(d);
  const month = Number(mo);
  const year = Number(y);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
