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
});
