import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import FineForm from './FineForm.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function form(b: MemoryBackend) {
  component = mount(FineForm, {
    target: document.body,
    props: { backend: b, overview: overview(), onCancel: () => {}, onRecorded: () => {} },
  });
  flushSync();
}

/** Types `text` one key at a time, as a person does after selecting the field's text. */
function typeKeys(input: HTMLInputElement, text: string) {
  typeInto(input, '');
  flushSync();
  for (let i = 1; i <= text.length; i++) {
    typeInto(input, text.slice(0, i));
    flushSync();
  }
}

function submit() {
  byTestId(document.body, 'fine-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

describe('the fine form', () => {
  it('keeps a date retyped over today key by key, and submits what was typed', async () => {
    const b = new MemoryBackend(startup, overview());
    form(b);
    const notice = byTestId(document.body, 'fine-notice-date') as HTMLInputElement;
    expect(notice.value).toBe('25.11.2026');
    typeKeys(notice, '20.11.2026');
    expect(notice.value).toBe('20.11.2026');
    // Backspace over the whole field: it stays empty, it does not jump back to today.
    typeKeys(notice, '');
    expect(notice.value).toBe('');
    typeKeys(notice, '20.11.2026');
    typeInto(byTestId(document.body, 'fine-notice'), 'JM-1');
    typeInto(byTestId(document.body, 'fine-amount'), '1,234.56');
    typeKeys(byTestId(document.body, 'fine-fact-date') as HTMLInputElement, '19.11.2026');
    typeKeys(byTestId(document.body, 'fine-due-date') as HTMLInputElement, '20.12.2026');
    submit();
    await settle();
    const call = b.calls.find((c) => c.name === 'recordFine');
    expect(call?.input).toMatchObject({ notice_date: '2026-11-20', fact_date: '2026-11-19', due_date: '2026-12-20' });
  });

  it('never submits a date that does not exist, and says so in the app’s words', async () => {
    i18n.lang = 'ru';
    const b = new MemoryBackend(startup, overview());
    form(b);
    typeInto(byTestId(document.body, 'fine-notice'), 'JM-2');
    typeInto(byTestId(document.body, 'fine-amount'), '5000');
    typeKeys(byTestId(document.body, 'fine-due-date') as HTMLInputElement, '31.02.2026');
    submit();
    await settle();
    flushSync();
    expect(b.calls.map((c) => c.name)).not.toContain('recordFine');
    expect(byTestId(document.body, 'fine-due-date-error').textContent).toBe(
      'Такой даты нет в календаре. Введите её как дд.мм.гггг.',
    );
    expect(byTestId(document.body, 'fine-form').dataset.tried).toBe('true');
    expect(byTestId(document.body, 'form-hint').textContent).toBe('Исправьте поля, отмеченные красным, и сохраните снова.');
  });

  it('submits nothing half-filled and keeps the browser’s own bubbles out', async () => {
    const b = new MemoryBackend(startup, overview());
    form(b);
    const f = byTestId(document.body, 'fine-form') as HTMLFormElement;
    expect(f.noValidate).toBe(true);
    submit();
    await settle();
    flushSync();
    expect(b.calls.map((c) => c.name)).not.toContain('recordFine');
    // The cursor goes to the first field to fix.
    expect(document.activeElement).toBe(byTestId(document.body, 'fine-notice'));
    // Fields stop at their limits.
    expect((byTestId(document.body, 'fine-notice') as HTMLInputElement).maxLength).toBe(64);
  });

  it("shows the backend's refusal under the field it is about, and lets it go once that field is retyped", async () => {
    const b = new MemoryBackend(startup, overview());
    b.fineDetail = { code: 'fine.duplicate_notice', message: 'a fine with notice JM-1 is already recorded' };
    form(b);
    typeInto(byTestId(document.body, 'fine-notice'), 'JM-1');
    typeInto(byTestId(document.body, 'fine-amount'), '50 000');
    typeKeys(byTestId(document.body, 'fine-due-date') as HTMLInputElement, '20.12.2026');
    submit();
    await settle();
    flushSync();
    const under = document.querySelector("[data-testid='field-error'][data-field='notice']");
    expect(under?.textContent).toMatch(/^Осы хабарлама нөмірімен/);
    // Inside the notice number's label, not under the form.
    expect(under?.closest('label')?.querySelector("[data-testid='fine-notice']")).not.toBeNull();
    expect(document.querySelector("[data-testid='fine-form-error']")).toBeNull();
    expect(byTestId(document.body, 'fine-notice').getAttribute('aria-invalid')).toBe('true');

    typeInto(byTestId(document.body, 'fine-notice'), 'JM-2');
    flushSync();
    expect(document.querySelector("[data-testid='field-error']")).toBeNull();

    // A refusal about the whole form stays under the form.
    b.fineDetail = { code: 'shop.missing', message: 'no shop' };
    submit();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'fine-form-error').dataset.code).toBe('shop.missing');
  });

  it('puts a due date before the notice, refused by the backend, under the due date', async () => {
    const b = new MemoryBackend(startup, overview());
    b.fineDetail = { code: 'fine.due_before_notice', message: 'due before notice' };
    form(b);
    typeInto(byTestId(document.body, 'fine-notice'), 'JM-3');
    typeInto(byTestId(document.body, 'fine-amount'), '50 000');
    typeKeys(byTestId(document.body, 'fine-due-date') as HTMLInputElement, '20.12.2026');
    submit();
    await settle();
    flushSync();
    const under = document.querySelector("[data-testid='field-error'][data-field='fine-due-date']");
    expect(under).not.toBeNull();
    expect(under?.closest('label')?.querySelector("[data-testid='fine-due-date']")).not.toBeNull();
  });
});
