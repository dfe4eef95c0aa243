import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import type { OverviewDto } from '../ipc/bindings/OverviewDto';
import { MemoryBackend } from '../ipc/memory';
import History from './History.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function show(b: MemoryBackend, o: OverviewDto, changed: OverviewDto[] = []) {
  component = mount(History, { target: document.body, props: { backend: b, overview: o, onChange: (x) => changed.push(x) } });
  flushSync();
}

const row = (seq: number) => {
  const rows = Array.from(document.querySelectorAll<HTMLElement>("[data-testid='timeline-event']"));
  // Newest first.
  return rows[rows.length - seq];
};

describe('taking back a mistaken membership entry', () => {
  it('offers it on the latest entry only, asks for a reason, then confirms before anything is sent', async () => {
    i18n.lang = 'ru';
    const b = new MemoryBackend(startup, overview());
    const changed: OverviewDto[] = [];
    show(b, overview(), changed);
    const buttons = document.querySelectorAll("[data-testid='void-event']");
    expect(buttons.length).toBe(1);
    expect(row(2)?.querySelector("[data-testid='void-event']")).not.toBeNull();
    (buttons[0] as HTMLElement).click();
    flushSync();
    // No reason: the form says so and sends nothing.
    byTestId(document.body, 'void-event-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    flushSync();
    expect(document.querySelector("[data-testid='confirm']")).toBeNull();
    typeInto(byTestId(document.body, 'void-event-reason'), 'уведомление было для другого продавца');
    byTestId(document.body, 'void-event-submit').click();
    flushSync();
    expect(byTestId(document.body, 'confirm-text').textContent).toContain('«Применена мера»');
    expect(b.calls.some((c) => c.name === 'voidEvent')).toBe(false);
    byTestId(document.body, 'confirm-yes').click();
    await settle();
    expect(b.calls.find((c) => c.name === 'voidEvent')?.input).toEqual({ event: 2, reason: 'уведомление было для другого продавца' });
    expect(changed.length).toBe(1);
  });

  it('strikes through an entry taken back, says when, and offers the entry before it next', () => {
    const o = overview();
    o.history = [
      ...o.history,
      { seq: 3, occurred_on: '2026-11-25', kind: { type: 'voided', event: 2, reason: 'wrong shop' }, note: 'wrong shop' },
    ];
    show(new MemoryBackend(startup, o), o);
    expect(row(2)?.dataset.voided).toBe('true');
    expect(row(2)?.querySelector("[data-testid='voided-note']")?.textContent).toContain('25.11.2026');
    expect(row(3)?.textContent).toContain('Қате жазба кері алынды');
    // The joining is now the latest in effect.
    expect(row(1)?.querySelector("[data-testid='void-event']")).not.toBeNull();
    expect(document.querySelectorAll("[data-testid='void-event']").length).toBe(1);
  });

  it('a refusal from the backend is shown in the form, translated', async () => {
    const b = new MemoryBackend(startup, overview());
    show(b, overview());
    b.overview = { code: 'membership.void_not_latest', message: 'not the latest' } as never;
    byTestId(document.body, 'void-event').click();
    flushSync();
    typeInto(byTestId(document.body, 'void-event-reason'), 'x');
    byTestId(document.body, 'void-event-submit').click();
    flushSync();
    byTestId(document.body, 'confirm-yes').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'void-event-error').textContent).toMatch(/^Тек әрекеттегі соңғы жазбаны/);
  });
});
