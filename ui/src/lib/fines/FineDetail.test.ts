import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import type { FineDetailDto } from '../ipc/bindings/FineDetailDto';
import { MemoryBackend } from '../ipc/memory';
import FineDetail from './FineDetail.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function detail(voided: boolean): FineDetailDto {
  return {
    fine: {
      id: 7,
      fine: {
        notice_number: 'C-1',
        notice_date: '2026-10-01',
        fact_date: '2026-10-01',
        outlet_id: 1,
        violation: 'surcharge',
        amount: '10000.00',
        due_date: '2026-10-31',
        notes: '',
      },
      clause: '2.6.3',
      state: 'received',
      paid: voided ? '0.00' : '3000.00',
      offset: '0.00',
      balance: voided ? '10000.00' : '7000.00',
      overdue: true,
      mismatch: null,
    },
    schedule_check: null,
    events: [
      {
        id: 41,
        event: { type: 'paid', on: '2026-10-05', amount: '3000.00', kind: 'transfer', reference: 'pp 1' },
        grounds: '',
        voided,
        by: 'Гүлнар Серікова',
      },
      ...(voided
        ? [
            {
              id: 42,
              event: {
                type: 'payment_voided' as const,
                on: '2026-11-20',
                payment: 1,
                amount: '3000.00',
                kind: 'transfer' as const,
                reason: 'wrong fine',
              },
              grounds: '',
              voided: false,
              by: null,
            },
          ]
        : []),
    ],
    files: [],
    corrective_action: null,
    dispute_deadline: null,
    recorded_by: 'Әсем Нұрланқызы',
  };
}

describe('corrections on a fine', () => {
  it('voids a wrong payment and records the right one only after saying what follows', async () => {
    i18n.lang = 'ru';
    const b = new MemoryBackend(startup, overview());
    b.fineDetail = detail(false);
    component = mount(FineDetail, { target: document.body, props: { backend: b, overview: overview(), id: 7, onBack: () => {} } });
    await settle();
    flushSync();
    byTestId(document.body, 'open-void').click();
    flushSync();
    // The right payment is not recorded unless asked for: a careless confirm voids only.
    expect((byTestId(document.body, 'void-with-right') as HTMLInputElement).checked).toBe(false);
    expect(document.querySelector("[data-testid='void-amount']")).toBeNull();
    byTestId(document.body, 'void-with-right').click();
    flushSync();
    // No reason: nothing is sent.
    byTestId(document.body, 'void-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    flushSync();
    expect(b.calls.map((c) => c.name)).not.toContain('voidPayment');
    typeInto(byTestId(document.body, 'void-reason'), 'платёж на 4 000');
    typeInto(byTestId(document.body, 'void-amount'), '4000');
    byTestId(document.body, 'void-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    flushSync();
    expect(byTestId(document.body, 'confirm-text').textContent).toContain(
      'Сторнировать платёж на 3\u00a0000,00\u00a0₸ и записать вместо него 4\u00a0000,00\u00a0₸',
    );
    expect(b.calls.map((c) => c.name)).not.toContain('voidPayment');
    b.fineDetail = detail(true);
    byTestId(document.body, 'confirm-yes').click();
    await settle();
    flushSync();
    expect(b.calls.find((c) => c.name === 'voidPayment')?.input).toEqual({
      fine_id: 7,
      event_id: 41,
      on: '2026-11-25',
      reason: 'платёж на 4 000',
      payment: { amount: '4000', kind: 'transfer', reference: '' },
    });
    // The voided payment stays, struck through, and the reversal says why.
    const first = document.querySelector("[data-testid='fine-event'][data-entry='41']") as HTMLElement;
    expect(first.dataset.voided).toBe('true');
    expect(first.querySelector('.voided')).not.toBeNull();
    expect(document.body.textContent).toContain('Сторно ошибочной записи: Оплата, 3\u00a0000,00\u00a0₸ — wrong fine');
  });

  it('corrects the amount with its reason, and never without one', async () => {
    const b = new MemoryBackend(startup, overview());
    b.fineDetail = detail(false);
    component = mount(FineDetail, { target: document.body, props: { backend: b, overview: overview(), id: 7, onBack: () => {} } });
    await settle();
    flushSync();
    byTestId(document.body, 'open-correct').click();
    flushSync();
    // It starts on the amount as people write it; unchanged, there is nothing to confirm.
    expect((byTestId(document.body, 'correct-amount') as HTMLInputElement).value).toBe('10\u00a0000,00\u00a0₸');
    typeInto(byTestId(document.body, 'correct-reason'), 'x');
    byTestId(document.body, 'correct-submit').click();
    flushSync();
    expect(document.querySelector("[data-testid='confirm']")).toBeNull();
    expect(byTestId(document.body, 'fine-error').dataset.code).toBe('correction.changes_nothing');
    typeInto(byTestId(document.body, 'correct-reason'), '');
    typeInto(byTestId(document.body, 'correct-amount'), '12000');
    byTestId(document.body, 'correct-submit').click();
    flushSync();
    expect(document.querySelector("[data-testid='confirm']")).toBeNull();
    typeInto(byTestId(document.body, 'correct-reason'), 'хабарламада 12 000');
    byTestId(document.body, 'correct-submit').click();
    flushSync();
    byTestId(document.body, 'confirm-yes').click();
    await settle();
    expect(b.calls.find((c) => c.name === 'correctFine')?.input).toEqual({
      fine_id: 7,
      on: '2026-11-25',
      amount: '12000',
      due_date: '2026-10-31',
      reason: 'хабарламада 12 000',
    });
  });

  it('shows an overpayment refused by the backend under the amount, and lets it go when the amount is retyped', async () => {
    const b = new MemoryBackend(startup, overview());
    b.fineDetail = detail(false);
    component = mount(FineDetail, { target: document.body, props: { backend: b, overview: overview(), id: 7, onBack: () => {} } });
    await settle();
    flushSync();
    byTestId(document.body, 'open-payment').click();
    flushSync();
    b.fineDetail = { code: 'fine.overpayment', message: 'more than the balance' };
    typeInto(byTestId(document.body, 'payment-amount'), '999 999');
    byTestId(document.body, 'payment-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    const under = document.querySelector("[data-testid='field-error'][data-field='amount']");
    expect(under?.closest('label')?.querySelector("[data-testid='payment-amount']")).not.toBeNull();
    expect(under?.getAttribute('data-code')).toBe('fine.overpayment');
    expect(document.querySelector("[data-testid='fine-error']")).toBeNull();
    typeInto(byTestId(document.body, 'payment-amount'), '1 000');
    flushSync();
    expect(document.querySelector("[data-testid='field-error']")).toBeNull();
  });

  it('prints the dispute letter, a PDF, from the fine, and offers no printing for a photo', async () => {
    i18n.lang = 'en';
    const b = new MemoryBackend(startup, overview());
    const d = detail(false);
    d.files = [
      { id: 3, role: 'letter', name: 'dispute-C-1.pdf', sha256: 'ab'.repeat(32), size: 2048 },
      { id: 4, role: 'evidence', name: 'receipt.JPG', sha256: 'cd'.repeat(32), size: 4096 },
    ];
    b.fineDetail = d;
    b.printed = { kind: 'sent', printer: 'HP LaserJet', file: null };
    component = mount(FineDetail, { target: document.body, props: { backend: b, overview: overview(), id: 7, onBack: () => {} } });
    await settle();
    flushSync();
    const rows = [...document.body.querySelectorAll<HTMLElement>('[data-testid="fine-file"]')];
    expect(rows.map((r) => r.querySelector('[data-testid="print-file"]') !== null)).toEqual([true, false]);
    (rows[0]?.querySelector('[data-testid="print-file"]') as HTMLButtonElement).click();
    await settle();
    flushSync();
    expect(b.calls.find((c) => c.name === 'printDocument')?.input).toEqual({
      request: { kind: 'fine_file', file_id: 3 },
      title: 'Print: dispute-C-1.pdf',
    });
    expect(byTestId(document.body, 'print-file-done').textContent).toBe('Sent to the printer “HP LaserJet”.');
  });
});
