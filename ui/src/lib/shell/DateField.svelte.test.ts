import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import DateField from './DateField.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

describe('date field', () => {
  it('shows the ISO value as dd.mm.yyyy and keeps what the user is typing', () => {
    const props = $state({ value: '2026-11-25', label: 'Күні', testid: 'd', max: '2026-11-25' });
    component = mount(DateField, { target: document.body, props });
    flushSync();
    const input = byTestId(document.body, 'd') as HTMLInputElement;
    expect(input.value).toBe('25.11.2026');

    typeInto(input, '01.1');
    flushSync();
    expect(input.value).toBe('01.1');
    expect(props.value).toBe('');
    expect(document.body.textContent).toContain('Күнді кк.аа.жжжж түрінде енгізіңіз.');

    typeInto(input, '01.10.2026');
    flushSync();
    expect(props.value).toBe('2026-10-01');
    expect(input.value).toBe('01.10.2026');
    expect(document.body.querySelector('.error')).toBeNull();
  });

  it('says when the date is past the allowed day, in the current language', () => {
    i18n.lang = 'ru';
    const props = $state({ value: '', label: 'Дата', testid: 'd', max: '2026-11-25' });
    component = mount(DateField, { target: document.body, props });
    typeInto(byTestId(document.body, 'd'), '26.11.2026');
    flushSync();
    expect(document.body.textContent).toContain('Дата не может быть позже 25.11.2026.');
  });

  it('shows a value set from outside', () => {
    const props = $state({ value: '', label: 'Date', testid: 'd' });
    component = mount(DateField, { target: document.body, props });
    props.value = '2026-03-08';
    flushSync();
    expect((byTestId(document.body, 'd') as HTMLInputElement).value).toBe('08.03.2026');
  });

  // What a typed or pasted date must never become: the maintained segmented and masked fields
  // tried for this field (bits-ui 2.21's date field, imask 7.6) turn 31.02 into 28.02, 32 into
  // 31 and 13 into 12 while the user types, read "1.2.2026" as 12.02, or drop a pasted date.
  it('keeps a date as typed or pasted: short forms read right, a day that does not exist refused, never changed into another', () => {
    i18n.lang = 'ru';
    const props = $state({ value: '', label: 'Дата', testid: 'd' });
    component = mount(DateField, { target: document.body, props });
    const input = byTestId(document.body, 'd') as HTMLInputElement;
    const cases: [string, string][] = [
      ['1.2.2026', '2026-02-01'],
      ['01/02/2026', '2026-02-01'],
      [' 20.11.2026 ', '2026-11-20'],
      ['29.02.2028', '2028-02-29'],
    ];
    for (const [typed, iso] of cases) {
      typeInto(input, typed);
      flushSync();
      expect(props.value, typed).toBe(iso);
      expect(input.value, typed).toBe(typed);
    }
    for (const typed of ['31.02.2026', '32.01.2026', '01.13.2026', '29.02.2026']) {
      typeInto(input, typed);
      flushSync();
      expect(props.value, typed).toBe('');
      expect(input.value, typed).toBe(typed);
      expect(byTestId(document.body, 'd-error').textContent, typed).not.toBe('');
      expect(input.validity.valid, typed).toBe(false);
    }
    // Pasted in one go, as from a letter.
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    typeInto(input, '08.03.2026');
    flushSync();
    expect(props.value).toBe('2026-03-08');
    expect(input.validity.valid).toBe(true);
  });
});
