import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import SignDialog from './SignDialog.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

const signer = {
  holder: 'ТЕСТОВ ТЕСТ',
  iin: '880101300090',
  organisation: 'ТОО "ТЕСТ"',
  bin: '180640000016',
  role: 'head',
  purpose: 'sign',
  algorithm: 'rsa',
  issuer: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) LOCAL TEST',
  not_before: '2026-11-25T10:00:00+00:00',
  not_after: '2027-11-25T10:00:00+00:00',
};

describe('signing a letter', () => {
  it('shows whose key it is before signing, then the verified result', async () => {
    const b = new MemoryBackend(startup, overview());
    b.keyPath = '/home/shop/keys/RSA256_head.p12';
    b.signer = signer;
    b.signed = {
      document_id: 7,
      verification: {
        attached: false,
        valid: true,
        signers: [
          {
            signer,
            signing_time: '2026-11-25T10:01:00+00:00',
            outcome: 'valid',
            detail: null,
            revocation: {
              method: 'crl',
              source: 'NCA',
              issued: '2026-11-25T00:00:00+00:00',
              next_update: '2026-12-25T00:00:00+00:00',
              delta: null,
              reason: null,
            },
            timestamp: null,
          },
        ],
      },
      timestamp_problem: 'unreachable',
    };
    component = mount(SignDialog, { target: document.body, props: { backend: b, fileId: 3, onClose: () => {} } });
    byTestId(document.body, 'choose-key').click();
    await settle();
    flushSync();
    typeInto(byTestId(document.body, 'key-password'), 'Qwerty12');
    byTestId(document.body, 'show-key').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'signer').textContent).toContain('Бірінші басшы');
    expect(byTestId(document.body, 'signer-bin').textContent).toBe('180640000016');
    byTestId(document.body, 'layout-attached').click();
    byTestId(document.body, 'confirm-sign').click();
    await settle();
    flushSync();
    // The owner's PIN first (6.8): a wrong one signs nothing.
    expect(b.calls.some((c) => c.name === 'signFineFile')).toBe(false);
    typeInto(byTestId(document.body, 'pin-confirm-input'), '111111');
    byTestId(document.body, 'pin-confirm').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    expect(byTestId(document.body, 'pin-confirm-error').dataset.code).toBe('pin.wrong');
    expect(b.calls.some((c) => c.name === 'signFineFile')).toBe(false);
    typeInto(byTestId(document.body, 'pin-confirm-input'), '482915');
    byTestId(document.body, 'pin-confirm').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    expect(b.calls.find((c) => c.name === 'keyInfo')?.input).toEqual({
      keyPath: '/home/shop/keys/RSA256_head.p12',
      password: 'Qwerty12',
      remember: false,
    });
    expect(b.calls.find((c) => c.name === 'signFineFile')?.input).toEqual({
      fileId: 3,
      keyPath: '/home/shop/keys/RSA256_head.p12',
      password: 'Qwerty12',
      layout: 'attached',
    });
    const result = byTestId(document.body, 'sign-result');
    expect(result.dataset.outcome).toBe('valid');
    expect(result.textContent).toContain('Қол қойған: ТЕСТОВ ТЕСТ (180640000016)');
    // Offline, the signature is made without a timestamp, and that is said.
    const stamp = byTestId(document.body, 'sign-no-timestamp');
    expect(stamp.dataset.problem).toBe('unreachable');
    expect(stamp.textContent).toContain('Уақыт белгісіз қол қойылды');
  });

  it('says a wrong password in the chosen language and keeps the form', async () => {
    const b = new MemoryBackend(startup, overview());
    b.keyPath = '/k.p12';
    b.signer = { code: 'eds.wrong_password', message: 'wrong password' };
    i18n.lang = 'ru';
    component = mount(SignDialog, { target: document.body, props: { backend: b, fileId: 3, onClose: () => {} } });
    byTestId(document.body, 'choose-key').click();
    await settle();
    flushSync();
    byTestId(document.body, 'show-key').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'sign-error').textContent).toBe('Неверный пароль к хранилищу ключа.');
    expect(byTestId(document.body, 'key-password')).toBeTruthy();
  });
});

describe('a remembered password', () => {
  it('is offered when the key has one, and can be forgotten', async () => {
    const b = new MemoryBackend(startup, overview());
    b.keyPath = '/k.p12';
    b.remembered = true;
    b.signer = signer;
    component = mount(SignDialog, { target: document.body, props: { backend: b, fileId: 3, onClose: () => {} } });
    byTestId(document.body, 'choose-key').click();
    await settle();
    flushSync();
    expect(document.body.textContent).toContain('құпиясөзі жүйелік қоймада сақталған');
    byTestId(document.body, 'show-key').click();
    await settle();
    expect(b.calls.find((c) => c.name === 'keyInfo')?.input).toEqual({ keyPath: '/k.p12', password: '', remember: false });
    byTestId(document.body, 'forget-password').click();
    await settle();
    flushSync();
    expect(b.calls.some((c) => c.name === 'forgetKeyPassword')).toBe(true);
    expect(document.body.querySelector('[data-testid="forget-password"]')).toBeNull();
  });
});
