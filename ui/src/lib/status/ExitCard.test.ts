import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import type { ExitChecklistDto } from '../ipc/bindings/ExitChecklistDto';
import type { OverviewDto } from '../ipc/bindings/OverviewDto';
import { MemoryBackend } from '../ipc/memory';
import ExitCard from './ExitCard.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function leaving(done: boolean, overdue = false): OverviewDto {
  const exit: ExitChecklistDto = {
    exit_seq: 9,
    started_on: '2026-11-20',
    progress: { total: 2, done: done ? 2 : 1, deadline: '2026-12-20', days_left: overdue ? -3 : 25, overdue: overdue && !done, complete: done },
    items: [
      {
        id: 1, source: 'placement', source_id: 4, item: 'poster-a4', outlet_id: 1, label: 'Витрина',
        done_on: '2026-11-21', ticked_by: 'Әсем Нұрланқызы', done_by: 'Әйгерім', evidence_note: 'алынды', has_photo: true, site_check: null, taken_back: [],
      },
      {
        id: 2, source: 'website', source_id: 1, item: '', outlet_id: null, label: 'https://dala.kz',
        done_on: done ? '2026-11-22' : null, ticked_by: null, done_by: done ? 'Нұрлан' : null, evidence_note: done ? 'тексерілді' : null, taken_back: [],
        has_photo: false,
        site_check: {
          checked_at: '2026-11-22T10:00:00Z', pages: 3, clean: false,
          findings: [{ page: 'https://dala.kz/', place: 'alt', matched: 'Alatau City Club', excerpt: 'Alatau City Club стикері' }],
        },
      },
    ],
    statement_document_id: null,
    completed: false,
  };
  return { ...overview(), exit, status: { ...overview().status, state: 'exiting', next_actions: [] } };
}

describe('the exit card', () => {
  it('starts an exit with its reason and a deadline thirty days on', async () => {
    i18n.lang = 'en';
    const o = { ...overview(), status: { ...overview().status, state: 'active' as const } };
    const b = new MemoryBackend(startup, o);
    component = mount(ExitCard, { target: document.body, props: { backend: b, overview: o, onChange: () => {} } });
    byTestId(document.body, 'exit-start-open').click();
    flushSync();
    byTestId(document.body, 'exit-start').click();
    await settle();
    flushSync();
    // Nothing is started by the first press: it says what follows.
    expect(b.calls.map((c) => c.name)).not.toContain('startExit');
    expect(byTestId(document.body, 'confirm-text').textContent).toContain('25.12.2026');
    byTestId(document.body, 'confirm-yes').click();
    await settle();
    expect(b.calls.at(-1)).toEqual({
      name: 'startExit',
      input: { reason: 'voluntary', started_on: '2026-11-25', deadline: '2026-12-25' },
    });
  });

  it('shows progress, what is left, the website findings, and ticks an item with evidence', async () => {
    const o = leaving(false);
    const b = new MemoryBackend(startup, o);
    component = mount(ExitCard, { target: document.body, props: { backend: b, overview: o, onChange: () => {} } });
    const progress = byTestId(document.body, 'exit-progress');
    expect(progress.dataset.done).toBe('1');
    expect(progress.textContent).toContain('2 тармақтың 1 орындалды');
    expect(byTestId(document.body, 'exit-deadline-text').textContent).toContain('20.12.2026 (25 күн қалды)');
    expect(byTestId(document.body, 'site-finding').textContent).toContain('суреттің alt мәтінінде');
    expect(document.querySelector("[data-testid='exit-complete']")).toBeNull();
    byTestId(document.body, 'tick-open').click();
    flushSync();
    typeInto(byTestId(document.body, 'tick-by'), 'Нұрлан');
    typeInto(byTestId(document.body, 'tick-note'), 'сайттан алынды');
    byTestId(document.body, 'tick-save').click();
    await settle();
    expect(b.calls.at(-1)).toEqual({
      name: 'tickExitItem',
      input: { input: { item_id: 2, done_on: '2026-11-25', done_by: 'Нұрлан', note: 'сайттан алынды' }, photo: false },
    });
  });

  it('says when the deadline has passed, and completes the exit when all is done', async () => {
    i18n.lang = 'ru';
    const late = leaving(false, true);
    component = mount(ExitCard, {
      target: document.body,
      props: { backend: new MemoryBackend(startup, late), overview: late, onChange: () => {} },
    });
    expect(byTestId(document.body, 'exit-progress').dataset.overdue).toBe('true');
    expect(byTestId(document.body, 'exit-deadline-text').textContent).toContain('Срок прошёл: 20.12.2026 (3 дн. назад)');
    unmount(component);
    const o = leaving(true, true);
    const b = new MemoryBackend(startup, o);
    component = mount(ExitCard, { target: document.body, props: { backend: b, overview: o, onChange: () => {} } });
    expect(byTestId(document.body, 'exit-progress').dataset.overdue).toBe('false');
    byTestId(document.body, 'exit-complete').click();
    flushSync();
    expect(b.calls.map((c) => c.name)).not.toContain('completeExit');
    expect(byTestId(document.body, 'confirm-text').textContent).toContain('Это нельзя отменить.');
    byTestId(document.body, 'confirm-yes').click();
    await settle();
    flushSync();
    expect(b.calls.map((c) => c.name)).toContain('completeExit');
    expect(b.calls.find((c) => c.name === 'completeExit')?.input).toBe('ru');
    byTestId(document.body, 'sign-dialog');
  });
});
