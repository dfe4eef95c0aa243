import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import App from './App.svelte';
import { byTestId, overview, settle, startup } from './test/fixtures';
import { i18n } from './lib/i18n/index.svelte';
import type { DocumentDto } from './lib/ipc/bindings/DocumentDto';
import { MemoryBackend } from './lib/ipc/memory';
import { session } from './lib/people/session.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  session.current = null;
  i18n.lang = 'kk';
});

/** Waits until `selector` is on the page (pages other than the status page load when opened). */
async function until(selector: string) {
  const deadline = Date.now() + 5000;
  while (!document.body.querySelector(selector) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    flushSync();
  }
}

const letter: DocumentDto = {
  id: 8,
  title: 'letter.pdf',
  kind: 'received_notice',
  file_name: 'letter.pdf',
  sha256: 'ef'.repeat(32),
  size: 2048,
  added_on: '2026-11-25',
  version_of: null,
  signatures: [],
};

describe('files handed to the window from outside', () => {
  it('are taken once the owner is at the desk, shown on the Documents page, and later ones follow', async () => {
    const b = new MemoryBackend(startup, overview());
    b.openedFiles = [
      { path: '/home/shop/Downloads/letter.pdf.cms', document: letter, error: null },
      { path: '/home/shop/Downloads/photo.jpg', document: null, error: { code: 'eds.not_a_signature', message: 'not CMS' } },
    ];
    component = mount(App, { target: document.body, props: { backend: b } });
    await until('[data-testid="opened-file"]');
    const rows = [...document.body.querySelectorAll<HTMLElement>('[data-testid="opened-file"]')];
    expect(rows.map((r) => r.dataset.added)).toEqual(['yes', 'no']);
    expect(rows[0]?.textContent).toContain('letter.pdf.cms: мұрағатқа қосылды');
    expect(rows[1]?.dataset.code).toBe('eds.not_a_signature');
    expect(byTestId(document.body, 'nav-documents').classList.contains('current')).toBe(true);
    expect(b.calls.filter((c) => c.name === 'receiveOpenedFiles').length).toBeGreaterThanOrEqual(1);

    // A second start hands over another file while the status page is shown.
    byTestId(document.body, 'nav-status').click();
    await settle();
    b.openedFiles = [{ path: '/tmp/notice.cms', document: { ...letter, id: 9, title: 'notice' }, error: null }];
    b.onOpened?.();
    await until('[data-testid="opened-file"]');
    const again = [...document.body.querySelectorAll<HTMLElement>('[data-testid="opened-file"]')];
    expect(again.map((r) => r.textContent?.trim())).toEqual(['notice.cms: мұрағатқа қосылды, қолтаңбаны тексеру нәтижесі төменде.']);
  });

  it('wait until someone who may see documents signs in', async () => {
    const b = new MemoryBackend({ ...startup, session: null }, overview());
    b.openedFiles = [{ path: '/tmp/notice.cms', document: letter, error: null }];
    component = mount(App, { target: document.body, props: { backend: b } });
    await settle();
    flushSync();
    expect(b.calls.some((c) => c.name === 'receiveOpenedFiles')).toBe(false);
    expect(b.openedFiles.length).toBe(1);
  });

});

describe('reminders on the desktop', () => {
  it('are asked for once the owner is at the desk, and a click opens the page they are about', async () => {
    const b = new MemoryBackend(startup, overview());
    b.due = 3;
    component = mount(App, { target: document.body, props: { backend: b } });
    await settle();
    flushSync();
    expect(b.calls.filter((c) => c.name === 'notifyDue').length).toBe(1);
    expect(b.calls.some((c) => c.name === 'watchReminderClicks')).toBe(true);

    b.onReminderClick?.('fines');
    await until('[data-testid="fines-page"]');
    expect(byTestId(document.body, 'nav-fines').classList.contains('current')).toBe(true);
    b.onReminderClick?.('status');
    await settle();
    flushSync();
    expect(byTestId(document.body, 'nav-status').classList.contains('current')).toBe(true);

    // The owner switches a kind off on the status page; it is saved at once.
    const fineDue = byTestId(document.body, 'reminder-fine_due') as HTMLInputElement;
    expect(fineDue.checked).toBe(true);
    fineDue.checked = false;
    fineDue.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    flushSync();
    expect(b.calls.find((c) => c.name === 'setReminderSettings')?.input).toEqual({ off: ['fine_due'] });
    expect(byTestId(document.body, 'reminders-saved').textContent).toBe('Сақталды.');
    expect((byTestId(document.body, 'reminder-fine_due') as HTMLInputElement).checked).toBe(false);
  });

  it('are not asked for on the sign-in screen, and a click there opens nothing', async () => {
    const b = new MemoryBackend({ ...startup, session: null }, overview());
    component = mount(App, { target: document.body, props: { backend: b } });
    await settle();
    flushSync();
    b.onReminderClick?.('fines');
    await settle();
    flushSync();
    expect(b.calls.some((c) => c.name === 'notifyDue')).toBe(false);
    byTestId(document.body, 'sign-in');
  });
});


describe('data that does not open by itself', () => {
  it('asks for the passphrase first, then goes on to signing in, keeping a language picked there', async () => {
    const b = new MemoryBackend({ ...startup, session: null, language: 'kk' }, overview());
    b.startupError = { code: 'vault.passphrase_needed', message: 'passphrase' };
    b.unlockAnswer = { ...startup, session: null, language: 'kk', custody: 'passphrase' };
    component = mount(App, { target: document.body, props: { backend: b } });
    await until('[data-testid="unlock"]');
    expect(byTestId(document.body, 'unlock').dataset.mode).toBe('passphrase');
    expect(document.body.querySelector('[data-testid="startup-error"]')).toBeNull();
    byTestId(document.body, 'lang-ru').click();
    flushSync();
    expect(byTestId(document.body, 'unlock').textContent).toContain('Введите парольную фразу');
    const input = byTestId(document.body, 'passphrase') as HTMLInputElement;
    input.value = 'весна в Алматы 2026';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    byTestId(document.body, 'unlock').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await until('[data-testid="sign-in"]');
    expect(document.body.querySelector('[data-testid="sign-in"]')).not.toBeNull();
    expect(i18n.lang).toBe('ru');
    expect(b.calls.filter((c) => c.name === 'setLanguage').at(-1)?.input).toBe('ru');
  });

  it('says any other refusal on the start screen, not on the unlock screen', async () => {
    const b = new MemoryBackend(startup, overview());
    b.startupError = { code: 'store.key_refused', message: 'refused' };
    component = mount(App, { target: document.body, props: { backend: b } });
    await until('[data-testid="startup-error"]');
    expect(byTestId(document.body, 'startup-error').dataset.code).toBe('store.key_refused');
    expect(document.body.querySelector('[data-testid="unlock"]')).toBeNull();
  });
});
