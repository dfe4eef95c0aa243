import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import Onboarding from './Onboarding.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function setup() {
  // The backend plays the Rust check: only 971240001315 is a valid BIN here.
  const backend = new MemoryBackend(startup, overview(), (input) =>
    input.tax_id === '971240001315'
      ? { kind: 'bin', number: input.tax_id }
      : { code: 'tax_id.check_digit', message: 'the check digit does not match' },
  );
  const created: unknown[] = [];
  component = mount(Onboarding, {
    target: document.body,
    props: { backend, onBack: () => {}, onCreated: (o: unknown) => created.push(o) },
  });
  return { backend, created };
}

describe('onboarding', () => {
  it('shows the translated check-digit error as the user types, in the current language', async () => {
    const { backend } = setup();
    typeInto(byTestId(document.body, 'tax-id'), '971240001316');
    await settle();
    flushSync();
    expect(byTestId(document.body, 'tax-id-error').textContent).toBe('Бақылау саны сәйкес келмейді: нөмір қате терілген.');
    expect(backend.calls.at(-1)).toEqual({ name: 'checkTaxId', input: { legal_form: 'legal_entity', tax_id: '971240001316' } });
    i18n.lang = 'en';
    flushSync();
    expect(byTestId(document.body, 'tax-id-error').textContent).toBe('The check digit does not match: the number is mistyped.');
  });

  it("marks NCA's test identifier as test data, not as a correct check digit", async () => {
    const backend = new MemoryBackend(startup, overview(), (input) => ({ kind: 'bin', number: input.tax_id }));
    backend.testIdentifiers = ['123456789021'];
    component = mount(Onboarding, { target: document.body, props: { backend, onBack: () => {}, onCreated: () => {} } });
    typeInto(byTestId(document.body, 'tax-id'), '123456789021');
    await settle();
    flushSync();
    const ok = byTestId(document.body, 'tax-id-ok');
    expect(ok.dataset.testIdentifier).toBe('true');
    expect(ok.textContent).toContain('ҰКО-ның тест сәйкестендіргіші');
  });

  it('does not complain while fewer than 12 digits are typed', async () => {
    const backend = new MemoryBackend(startup, overview(), () => ({ code: 'tax_id.length', message: '12 digits' }));
    component = mount(Onboarding, { target: document.body, props: { backend, onBack: () => {}, onCreated: () => {} } });
    typeInto(byTestId(document.body, 'tax-id'), '97124');
    await settle();
    flushSync();
    expect(document.querySelector("[data-testid='tax-id-error']")).toBeNull();
  });

  it('sends the whole form and hands the created shop on', async () => {
    const { backend, created } = setup();
    typeInto(byTestId(document.body, 'tax-id'), '971240001315');
    typeInto(byTestId(document.body, 'seller-name-input'), 'Dala LLP');
    typeInto(byTestId(document.body, 'outlet-name'), 'Main');
    typeInto(byTestId(document.body, 'outlet-city'), 'Almaty');
    typeInto(byTestId(document.body, 'outlet-address'), 'Abay 1');
    typeInto(byTestId(document.body, 'owner-name'), 'Әсем');
    typeInto(byTestId(document.body, 'owner-pin'), '482915');
    // The PIN typed differently the second time: the form does not go.
    typeInto(byTestId(document.body, 'owner-pin-again'), '482916');
    await settle();
    flushSync();
    expect(byTestId(document.body, 'tax-id-ok')).toBeTruthy();
    expect(byTestId(document.body, 'owner-pin-mismatch')).toBeTruthy();
    const submit = () =>
      byTestId(document.body, 'onboarding').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    submit();
    await settle();
    expect(backend.calls.some((c) => c.name === 'createShop')).toBe(false);
    typeInto(byTestId(document.body, 'owner-pin-again'), '482915');
    await settle();
    flushSync();
    submit();
    await settle();
    const call = backend.calls.find((c) => c.name === 'createShop');
    expect(call?.input).toMatchObject({
      legal_form: 'legal_entity',
      tax_id: '971240001315',
      name: 'Dala LLP',
      outlet: { name: 'Main', city: 'Almaty', address: 'Abay 1' },
      owner: { name: 'Әсем', pin: '482915' },
    });
    expect(created).toHaveLength(1);
  });
});
