import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import type { ErrorCode } from '../ipc/bindings/ErrorCode';
import type { StartupDto } from '../ipc/bindings/StartupDto';
import { MemoryBackend } from '../ipc/memory';
import Unlock from './Unlock.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function setup(reason: ErrorCode) {
  const b = new MemoryBackend(startup, null);
  const opened: StartupDto[] = [];
  let retried = 0;
  component = mount(Unlock, {
    target: document.body,
    props: { backend: b, reason, onOpened: (s) => opened.push(s), onRetry: () => (retried += 1) },
  });
  return { b, opened, retried: () => retried };
}

const submit = () => byTestId(document.body, 'unlock').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
const unlockCalls = (b: MemoryBackend) => b.calls.filter((c) => c.name === 'unlockData');
const has = (id: string) => document.querySelector(`[data-testid='${id}']`) !== null;

describe('the unlock screen', () => {
  it('chooses a passphrase typed twice, never sending a short or mismatched one', async () => {
    i18n.lang = 'ru';
    const { b, opened } = setup('vault.no_keyring');
    flushSync();
    expect(byTestId(document.body, 'unlock').dataset.mode).toBe('choose');
    expect(document.body.textContent).toContain('Защитите данные парольной фразой');
    // Short: the form stays.
    typeInto(byTestId(document.body, 'passphrase'), 'короткая');
    typeInto(byTestId(document.body, 'passphrase-again'), 'короткая');
    flushSync();
    expect(byTestId(document.body, 'passphrase-short').textContent).toContain('не короче 12');
    submit();
    await settle();
    expect(unlockCalls(b)).toHaveLength(0);
    // Long enough but different: said in Russian, not sent.
    typeInto(byTestId(document.body, 'passphrase'), 'весна пришла в Алматы');
    typeInto(byTestId(document.body, 'passphrase-again'), 'весна пришла в Алматы!');
    flushSync();
    expect(byTestId(document.body, 'passphrase-mismatch').textContent).toContain('не совпадают');
    submit();
    await settle();
    expect(unlockCalls(b)).toHaveLength(0);
    typeInto(byTestId(document.body, 'passphrase-again'), 'весна пришла в Алматы');
    flushSync();
    submit();
    await settle();
    expect(unlockCalls(b)[0]?.input).toEqual({
      passphrase: 'весна пришла в Алматы',
      passphrase_again: 'весна пришла в Алматы',
      recovery_code: null,
    });
    expect(opened).toHaveLength(1);
  });

  it('says a wrong passphrase in the language, empties the field, and offers the recovery code', async () => {
    const { b, opened } = setup('vault.passphrase_needed');
    flushSync();
    expect(has('passphrase-again')).toBe(false);
    b.unlockAnswer = { code: 'vault.passphrase_wrong', message: 'wrong' };
    typeInto(byTestId(document.body, 'passphrase'), 'not the passphrase');
    submit();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'form-error').textContent).toContain('Құпия фраза қате');
    expect((byTestId(document.body, 'passphrase') as HTMLInputElement).value).toBe('');
    expect(unlockCalls(b)[0]?.input).toEqual({ passphrase: 'not the passphrase', passphrase_again: null, recovery_code: null });
    byTestId(document.body, 'forgot-passphrase').click();
    flushSync();
    expect(byTestId(document.body, 'unlock').dataset.mode).toBe('recover');
    expect(has('form-error')).toBe(false);
    // Back and forth keeps nothing typed.
    byTestId(document.body, 'unlock-back').click();
    flushSync();
    expect((byTestId(document.body, 'passphrase') as HTMLInputElement).value).toBe('');
    expect(opened).toHaveLength(0);
  });

  it('opens with the recovery code, and asks a new passphrase where there is no keyring', async () => {
    i18n.lang = 'en';
    const { b, opened } = setup('vault.key_missing');
    flushSync();
    // Why it is asked is said at once.
    expect(byTestId(document.body, 'form-error').dataset.code).toBe('vault.key_missing');
    expect(has('passphrase')).toBe(false);
    submit();
    await settle();
    expect(unlockCalls(b)).toHaveLength(0);
    b.unlockAnswer = { code: 'vault.recovery_code_mistyped', message: 'mistyped' };
    typeInto(byTestId(document.body, 'recovery-code'), 'ajea vjny gx0f');
    submit();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'form-error').textContent).toContain('mistyped');
    b.unlockAnswer = { code: 'vault.no_keyring', message: 'no keyring' };
    submit();
    await settle();
    flushSync();
    expect(has('new-passphrase-lead')).toBe(true);
    typeInto(byTestId(document.body, 'passphrase'), 'a new passphrase here');
    typeInto(byTestId(document.body, 'passphrase-again'), 'a new passphrase here');
    flushSync();
    b.unlockAnswer = null;
    submit();
    await settle();
    expect(unlockCalls(b).at(-1)?.input).toEqual({
      passphrase: 'a new passphrase here',
      passphrase_again: 'a new passphrase here',
      recovery_code: 'ajea vjny gx0f',
    });
    expect(opened).toHaveLength(1);
  });

  it('offers to try again when the keyring could not be reached', () => {
    const { retried } = setup('vault.keyring_unreachable');
    flushSync();
    byTestId(document.body, 'unlock-retry').click();
    expect(retried()).toBe(1);
  });
});
