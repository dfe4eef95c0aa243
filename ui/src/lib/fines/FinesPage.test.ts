import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup } from '../../test/fixtures';
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
});
