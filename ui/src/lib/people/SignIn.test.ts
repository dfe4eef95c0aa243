import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, ownerSession, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import SignIn from './SignIn.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function setup() {
  const b = new MemoryBackend(startup, null);
  b.choices = [
    { id: 1, name: 'Әсем Нұрланқызы', role: 'owner', needs_pin: true, locked: false, wait_seconds: 0 },
    { id: 2, name: 'Гүлнар Серікова', role: 'accountant', needs_pin: true, locked: true, wait_seconds: 0 },
    { id: 3, name: 'Дамир Оспанов', role: 'cashier', needs_pin: false, locked: false, wait_seconds: 0 },
  ];
  const signedIn: unknown[] = [];
  component = mount(SignIn, { target: document.body, props: { backend: b, onSignedIn: (s) => signedIn.push(s) } });
  return { b, signedIn };
}

function person(name: string): HTMLElement {
  const found = Array.from(document.querySelectorAll<HTMLElement>("[data-testid='sign-in-person']")).find(
    (e) => e.dataset.name === name,
  );
  if (!found) throw new Error(`no ${name}`);
  return found;
}

const submit = () =>
  byTestId(document.body, 'sign-in-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

describe('signing in', () => {
  it('sends the chosen person and PIN, says a wrong PIN in the language, and asks again', async () => {
    i18n.lang = 'ru';
    const { b, signedIn } = setup();
    await settle();
    flushSync();
    person('Әсем Нұрланқызы').click();
    flushSync();
    // Five digits: the form does not go.
    typeInto(byTestId(document.body, 'sign-in-pin'), '48291');
    submit();
    await settle();
    expect(b.calls.some((c) => c.name === 'signIn')).toBe(false);
    b.session = { code: 'pin.wrong', message: 'wrong PIN' };
    typeInto(byTestId(document.body, 'sign-in-pin'), '111222');
    submit();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'sign-in-error').textContent).toContain('Неверный PIN');
    expect((byTestId(document.body, 'sign-in-pin') as HTMLInputElement).value).toBe('');
    expect(b.calls.filter((c) => c.name === 'signInChoices')).toHaveLength(2);
    b.session = ownerSession;
    typeInto(byTestId(document.body, 'sign-in-pin'), '482915');
    submit();
    await settle();
    expect(b.calls.filter((c) => c.name === 'signIn').map((c) => c.input)).toEqual([
      { person_id: 1, pin: '111222' },
      { person_id: 1, pin: '482915' },
    ]);
    expect(signedIn).toEqual([ownerSession]);
  });

  it('offers no PIN field to a locked person, and none to a cashier who needs none', async () => {
    const { b } = setup();
    await settle();
    flushSync();
    person('Гүлнар Серікова').click();
    flushSync();
    expect(byTestId(document.body, 'sign-in-locked').textContent).toContain('иесі ашады');
    expect(document.querySelector("[data-testid='sign-in-pin']")).toBeNull();
    person('Дамир Оспанов').click();
    flushSync();
    expect(document.querySelector("[data-testid='sign-in-pin']")).toBeNull();
    b.session = { ...ownerSession, person_id: 3, role: 'cashier', may: ['signed_in', 'training'] };
    submit();
    await settle();
    expect(b.calls.find((c) => c.name === 'signIn')?.input).toEqual({ person_id: 3, pin: null });
  });
});

describe('the first screen', () => {
  it('shows the names the start brought without asking again, and asks after a wrong PIN', async () => {
    const b = new MemoryBackend(startup, null);
    const brought = [
      { id: 1, name: 'Әсем Нұрланқызы', role: 'owner' as const, needs_pin: true, locked: false, wait_seconds: 0 },
      { id: 3, name: 'Дамир Оспанов', role: 'cashier' as const, needs_pin: false, locked: false, wait_seconds: 0 },
    ];
    b.choices = brought;
    component = mount(SignIn, {
      target: document.body,
      props: { backend: b, initialChoices: brought, onSignedIn: () => undefined },
    });
    flushSync();
    expect(person('Дамир Оспанов')).toBeTruthy();
    expect(b.calls.filter((c) => c.name === 'signInChoices')).toHaveLength(0);
    person('Әсем Нұрланқызы').click();
    flushSync();
    typeInto(byTestId(document.body, 'sign-in-pin') as HTMLInputElement, '000000');
    submit();
    await settle();
    expect(b.calls.filter((c) => c.name === 'signInChoices')).toHaveLength(1);
  });
});
