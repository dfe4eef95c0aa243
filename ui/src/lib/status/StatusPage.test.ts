import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import type { OverviewDto } from '../ipc/bindings/OverviewDto';
import { byTestId, overview, settle, startup } from '../../test/fixtures';
import StatusPage from './StatusPage.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

describe('status page', () => {
  it('shows the state, why, and next actions in the chosen language', () => {
    i18n.lang = 'ru';
    const backend = new MemoryBackend(startup, overview());
    component = mount(StatusPage, { target: document.body, props: { backend, overview: overview(), onChange: () => {} } });
    const state = byTestId(document.body, 'status-state');
    expect(state.dataset.state).toBe('under_measure');
    expect(state.textContent).toBe('Применена мера');
    expect(byTestId(document.body, 'status-since').textContent).toBe('с 20.11.2026');
    const actions = [...document.querySelectorAll<HTMLElement>("[data-testid='next-action']")];
    expect(actions.map((a) => a.dataset.type)).toEqual(['resolve_measure', 'equip_outlet']);
    expect(actions[1]?.textContent).toContain('«Esil»');
    expect(byTestId(document.body, 'status-why').textContent).toContain('Отключение POS-терминалов / QR-кода (6.6 г)');
    expect(document.querySelectorAll("[data-testid='timeline-event']")).toHaveLength(2);
  });

  it('records a disconnection on the backend’s today and shows the answer', async () => {
    const backend = new MemoryBackend(startup, overview());
    const changes: OverviewDto[] = [];
    component = mount(StatusPage, {
      target: document.body,
      props: { backend, overview: overview(), onChange: (o: OverviewDto) => changes.push(o) },
    });
    byTestId(document.body, 'disconnect-means').click();
    flushSync();
    expect((byTestId(document.body, 'disconnect-date') as HTMLInputElement).value).toBe('25.11.2026');
    byTestId(document.body, 'disconnect-confirm').click();
    await settle();
    expect(backend.calls.at(-1)).toEqual({ name: 'disconnectMeans', input: { means_id: 11, on: '2026-11-25' } });
    expect(changes).toHaveLength(1);
  });

  it('shows a refused event’s reason translated from its code', async () => {
    const backend = new MemoryBackend(startup, overview());
    backend.recordEvent = (input: unknown) => {
      backend.calls.push({ name: 'recordEvent', input });
      return Promise.reject({ code: 'membership.measure_not_applied', message: 'this measure is not in force' });
    };
    component = mount(StatusPage, { target: document.body, props: { backend, overview: overview(), onChange: () => {} } });
    byTestId(document.body, 'record-event').click();
    flushSync();
    byTestId(document.body, 'record-event-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    expect(backend.calls.map((c) => c.name)).not.toContain('recordEvent');
    byTestId(document.body, 'confirm-yes').click();
    await settle();
    flushSync();
    const error = byTestId(document.body, 'record-event-error');
    expect(error.textContent).toBe('Бұл шара қолданылмайды, сондықтан оны алу мүмкін емес.');
  });
});
