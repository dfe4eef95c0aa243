import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, ownerSession, settle, startup } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import { session } from '../people/session.svelte';
import RecoveryCard from './RecoveryCard.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
  session.current = null;
});

async function setup() {
  const b = new MemoryBackend(startup, null);
  component = mount(RecoveryCard, { target: document.body, props: { backend: b } });
  await settle();
  flushSync();
  return b;
}

const has = (id: string) => document.querySelector(`[data-testid='${id}']`) !== null;

describe('the data-protection card', () => {
  it('asks the owner for the recovery sheet until it is taken, in the language of the window', async () => {
    session.current = ownerSession;
    i18n.lang = 'ru';
    const b = await setup();
    expect(byTestId(document.body, 'recovery').textContent).toContain('системном хранилище паролей');
    expect(byTestId(document.body, 'recovery-never').textContent).toContain('ещё не получен');
    // Cancelled: nothing said, still asked.
    b.sheetSaved = null;
    byTestId(document.body, 'save-recovery-sheet').click();
    await settle();
    flushSync();
    expect(has('recovery-saved')).toBe(false);
    expect(has('recovery-never')).toBe(true);
    b.sheetSaved = '/home/owner/Документы/seller-desk-vosstanovlenie.pdf';
    byTestId(document.body, 'save-recovery-sheet').click();
    await settle();
    flushSync();
    expect(b.calls.filter((c) => c.name === 'saveRecoverySheet').map((c) => c.input)).toEqual(['ru', 'ru']);
    expect(byTestId(document.body, 'recovery-saved').textContent).toContain('/home/owner/Документы/seller-desk-vosstanovlenie.pdf');
    expect(byTestId(document.body, 'recovery-taken').textContent).toContain('25.11.2026');
    expect(has('recovery-never')).toBe(false);
  });

  it('asks for the PIN again before the sheet, and says a refusal by its code', async () => {
    session.current = ownerSession;
    const b = await setup();
    b.sheetSaved = { code: 'pin.confirm_needed', message: 'PIN again' };
    byTestId(document.body, 'save-recovery-sheet').click();
    await settle();
    flushSync();
    expect(has('pin-confirm')).toBe(true);
    byTestId(document.body, 'pin-confirm').querySelector<HTMLButtonElement>("button[type='button']")?.click();
    flushSync();
    expect(has('pin-confirm')).toBe(false);
    b.sheetSaved = { code: 'file.not_saved', message: 'disk full' };
    byTestId(document.body, 'save-recovery-sheet').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'recovery-error').dataset.code).toBe('file.not_saved');
  });

  it('shows an accountant how the data is kept, without the sheet', async () => {
    session.current = { ...ownerSession, role: 'accountant', may: ['signed_in', 'status', 'fines'] };
    const b = await setup();
    b.recovery = { custody: 'passphrase', sheet_taken_on: null };
    expect(has('save-recovery-sheet')).toBe(false);
  });
});
