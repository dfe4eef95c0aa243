import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import type { StatementProgress } from '../ipc/bindings/StatementProgress';
import type { StatementRequest } from '../ipc/bindings/StatementRequest';
import { MemoryBackend } from '../ipc/memory';
import StatementsPage from './StatementsPage.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function backend() {
  const b = new MemoryBackend(startup, overview());
  b.statementPreviewAnswer = {
    totals: {
      opening: '10000.00',
      charged: '130000.00',
      cancelled: '30000.00',
      paid: '20000.00',
      offset: '5000.00',
      closing: '85000.00',
      count_charged: 3,
    },
    disputed_at_close: '0.00',
    lines: 9,
    transfers: 2,
  };
  return b;
}

function select(testid: string, value: string) {
  const el = byTestId(document.body, testid) as HTMLSelectElement;
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('statements page', () => {
  it("previews this quarter's figures in the window's language and asks for the file in the chosen one", async () => {
    const b = backend();
    i18n.lang = 'ru';
    component = mount(StatementsPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    flushSync();
    const asked = b.calls.find((c) => c.name === 'statementPreview')?.input as StatementRequest;
    expect(asked).toEqual({ from: '2026-10-01', to: '2026-12-31', outlet_id: null, format: 'xlsx', lang: 'ru' });
    expect(byTestId(document.body, 'statement-closing').textContent).toBe('85\u00a0000,00\u00a0₸');

    select('statement-outlet', '2');
    select('statement-lang', 'kk');
    select('statement-format', 'pdf');
    byTestId(document.body, 'period-lastMonth').click();
    await settle();
    flushSync();
    b.savedPath = '/home/shop/statement.pdf';
    byTestId(document.body, 'save-statement').click();
    await settle();
    flushSync();
    const saved = b.calls.filter((c) => c.name === 'saveStatement').pop()?.input as StatementRequest;
    expect(saved).toEqual({ from: '2026-10-01', to: '2026-10-31', outlet_id: 2, format: 'pdf', lang: 'kk' });
    expect(byTestId(document.body, 'statement-saved').textContent).toBe('Сохранено: /home/shop/statement.pdf');
  });

  it('shows how far a long save has got, and keeps the window usable meanwhile', async () => {
    const b = backend();
    let finish: (path: string | null) => void = () => {};
    b.saveStatement = (_req: StatementRequest, onProgress: (p: StatementProgress) => void) => {
      onProgress({ done: 2000, total: 5000 });
      return new Promise((resolve) => (finish = resolve));
    };
    component = mount(StatementsPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    byTestId(document.body, 'save-statement').click();
    await settle();
    flushSync();
    const bar = byTestId(document.body, 'statement-saving').querySelector('progress') as HTMLProgressElement;
    expect([bar.max, bar.value]).toEqual([5000, 2000]);
    expect(byTestId(document.body, 'statement-saving').textContent).toContain('5000 операцияның 2000');
    expect((byTestId(document.body, 'save-statement') as HTMLButtonElement).disabled).toBe(true);
    finish(null);
    await settle();
    flushSync();
    expect(document.body.querySelector('[data-testid="statement-saving"]')).toBeNull();
    expect(document.body.querySelector('[data-testid="statement-saved"]')).toBeNull();
  });

  it('translates a refused period and says what the 1C file needs', async () => {
    const b = backend();
    b.statementPreviewAnswer = { code: 'statement.period_reversed', message: 'the period ends before it starts' };
    component = mount(StatementsPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    flushSync();
    expect(byTestId(document.body, 'statement-error').textContent).toBe('Кезеңнің соңы басынан бұрын тұр.');
    select('statement-format', '1c');
    flushSync();
    expect(byTestId(document.body, 'statement-needs-bank').textContent).toContain('1С файлы үшін');
  });

  it("keeps the bank details form open with the translated error when the IIK's check digits fail", async () => {
    const b = backend();
    component = mount(StatementsPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    byTestId(document.body, 'edit-account').click();
    flushSync();
    b.bankDetails = { code: 'bank.iik_check', message: 'check digits' };
    const iik = byTestId(document.body, 'bank-iik') as HTMLInputElement;
    iik.value = 'KZ476010131000179715';
    iik.dispatchEvent(new Event('input'));
    byTestId(document.body, 'bank-save').click();
    await settle();
    flushSync();
    const asked = b.calls.find((c) => c.name === 'setSellerAccount')?.input;
    expect(asked).toMatchObject({ iik: 'KZ476010131000179715' });
    expect(byTestId(document.body, 'bank-error').textContent).toBe(
      'ЖСК-ның бақылау цифрлары сәйкес келмейді — қате терілген болуы мүмкін.',
    );
    expect(byTestId(document.body, 'bank-form')).toBeTruthy();
  });

  it('prints the PDF statement whatever format is chosen for saving, and says where it went or why not', async () => {
    const b = backend();
    i18n.lang = 'ru';
    component = mount(StatementsPage, { target: document.body, props: { backend: b, overview: overview() } });
    await settle();
    flushSync();
    select('statement-format', '1c');
    byTestId(document.body, 'print-statement').click();
    await settle();
    flushSync();
    const asked = b.calls.find((c) => c.name === 'printDocument')?.input as { request: unknown; title: string };
    expect(asked.request).toEqual({
      kind: 'statement',
      request: { from: '2026-10-01', to: '2026-12-31', outlet_id: null, format: 'pdf', lang: 'ru' },
    });
    expect(asked.title).toBe('Печать: Выписка для бухгалтера');
    expect(byTestId(document.body, 'print-statement-done').textContent).toBe('Напечатано в файл: /home/shop/Documents/statement.pdf');

    // Another period: what was said goes; a refusal comes in the window's language.
    b.printed = { code: 'print.printer_takes_no_pdf', message: 'the printer "lp" does not accept PDF' };
    byTestId(document.body, 'period-lastMonth').click();
    await settle();
    flushSync();
    expect(document.body.querySelector('[data-testid="print-statement-done"]')).toBeNull();
    i18n.lang = 'kk';
    flushSync();
    byTestId(document.body, 'print-statement').click();
    await settle();
    flushSync();
    const refused = byTestId(document.body, 'print-statement-error');
    expect(refused.dataset.code).toBe('print.printer_takes_no_pdf');
    expect(refused.textContent).toContain('PDF құжатын қабылдамайды');

    // Closing the dialog says nothing.
    b.printed = { kind: 'cancelled' };
    byTestId(document.body, 'print-statement').click();
    await settle();
    flushSync();
    expect(document.body.querySelector('[data-testid="print-statement-error"]')).toBeNull();
    expect(document.body.querySelector('[data-testid="print-statement-done"]')).toBeNull();
  });
});
