import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import FinesPage from './FinesPage.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function backend() {
  const b = new MemoryBackend(startup, overview());
  b.finePage = { rows: [], next: null };
  b.fineTotalsAnswer = { count: 0, charged: '0.00', cancelled: '0.00', paid: '0.00', offset: '0.00', balance: '0.00' };
  return b;
}

describe('fines page', () => {
  it('asks for a page and the totals of the same selection', async () => {
    const b = backend();
    component = mount(FinesPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    flushSync();
    const list = b.calls.find((c) => c.name === 'listFines');
    const totals = b.calls.find((c) => c.name === 'fineTotals');
    expect(list?.input).toEqual(totals?.input);
    expect(list?.input).toMatchObject({ state: 'any', after: null, limit: 50 });
    expect(byTestId(document.body, 'fines-empty').textContent).toBe('Айыппұлдар табылмады.');
  });

  it('lists every rejected row of an import, translated from its code', async () => {
    const b = backend();
    b.importReport = {
      imported: 0,
      errors: [
        { line: 3, column: 'clause', code: 'import.unknown_clause', message: '"2.7" is not a clause' },
        { line: 5, column: 'amount', code: 'amount.not_a_number', message: 'bad' },
      ],
    };
    i18n.lang = 'ru';
    component = mount(FinesPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    byTestId(document.body, 'import-fines').click();
    await settle();
    flushSync();
    const report = byTestId(document.body, 'import-report');
    expect(report.dataset.imported).toBe('0');
    expect(report.textContent).toContain('Ничего не импортировано: ошибок — 2.');
    expect(report.textContent).toContain('Строка 3 [clause]: По этому пункту штрафы не начисляются.');
    expect(report.textContent).toContain('Строка 5 [amount]: Сумма указана неверно (например, 50 000,00).');
  });

  it('searches once typing pauses, and the totals follow the search', async () => {
    const b = backend();
    component = mount(FinesPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    typeInto(byTestId(document.body, 'fine-search'), 'J');
    typeInto(byTestId(document.body, 'fine-search'), 'JM-50');
    await new Promise((r) => setTimeout(r, 350));
    await settle();
    const searches = b.calls.filter((c) => c.name === 'listFines').map((c) => (c.input as { search: string }).search);
    expect(searches).toEqual(['', 'JM-50']);
    const totals = b.calls.filter((c) => c.name === 'fineTotals').at(-1);
    expect(totals?.input).toMatchObject({ search: 'JM-50' });
  });

  it('sorts by a clicked column header, largest first, then the other way', async () => {
    const b = backend();
    const fine = {
      notice_number: 'JM-1',
      notice_date: '2026-11-01',
      fact_date: '2026-11-01',
      outlet_id: 1,
      violation: 'surcharge' as const,
      amount: '5000.00',
      due_date: '2026-12-01',
      notes: '',
    };
    b.finePage = {
      rows: [{ id: 1, fine, clause: '2.6.3', state: 'received', paid: '0.00', offset: '0.00', balance: '5000.00', overdue: false, mismatch: null }],
      next: null,
    };
    component = mount(FinesPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    flushSync();
    const sorts = () =>
      b.calls
        .filter((c) => c.name === 'listFines')
        .map((c) => {
          const q = c.input as { sort: string; ascending: boolean };
          return `${q.sort}${q.ascending ? '↑' : '↓'}`;
        });
    byTestId(document.body, 'sort-amount').click();
    await settle();
    flushSync();
    byTestId(document.body, 'sort-amount').click();
    await settle();
    flushSync();
    expect(sorts()).toEqual(['notice_date↓', 'amount↓', 'amount↑']);
    expect(byTestId(document.body, 'sort-amount').closest('th')?.getAttribute('aria-sort')).toBe('ascending');
  });
});
