import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import BrandingPage from './BrandingPage.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

function choose(testid: string, value: string) {
  const el = byTestId(document.body, testid) as HTMLSelectElement;
  el.selectedIndex = [...el.options].findIndex((o) => o.value === value);
  el.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

describe('the branding page', () => {
  it('saves the chosen item for an outlet in the chosen language', async () => {
    const b = new MemoryBackend(startup, overview());
    b.brandingSaved = '/home/shop/poster.pdf';
    component = mount(BrandingPage, { target: document.body, props: { backend: b, overview: overview(), onChange: () => {} } });
    flushSync();
    choose('branding-item', 'poster-a3');
    choose('branding-outlet', '2');
    choose('branding-lang', 'ru');
    byTestId(document.body, 'branding-save').click();
    await settle();
    flushSync();
    expect(b.calls.at(-1)).toEqual({ name: 'saveBranding', input: { itemCode: 'poster-a3', outletId: 2, lang: 'ru', scale: null } });
    expect(byTestId(document.body, 'branding-result').textContent).toBe('Сақталды: /home/shop/poster.pdf');
  });

  it('records a placement and explains a refusal in the chosen language', async () => {
    i18n.lang = 'en';
    const b = new MemoryBackend(startup, overview());
    component = mount(BrandingPage, { target: document.body, props: { backend: b, overview: overview(), onChange: () => {} } });
    flushSync();
    typeInto(byTestId(document.body, 'placement-spot'), 'entrance door');
    typeInto(byTestId(document.body, 'placement-by'), 'Aigerim');
    byTestId(document.body, 'placement-add').click();
    await settle();
    expect(b.calls.at(-1)).toEqual({
      name: 'addPlacement',
      input: {
        draft: { item: 'sticker', outlet_id: 1, spot: 'entrance door', placed_on: '2026-11-25', placed_by: 'Aigerim' },
        photo: false,
      },
    });
    b.overview = null;
    b.addPlacement = () => Promise.reject({ code: 'marks.empty_spot', message: 'say where' });
    byTestId(document.body, 'placement-add').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'placement-error').textContent).toBe('Say where the mark is.');
  });

  it('updates the kit with a progress bar and says plainly when it is offline', async () => {
    i18n.lang = 'en';
    const b = new MemoryBackend(startup, overview());
    b.kit = { url: 'https://kit.example/manifest.json', version: '1', files: ['mark.png'], official_mark: true };
    b.kitProgress = [{ file: 'mark.png', done_bytes: 10, total_bytes: 20 }];
    b.kitUpdate = { version: '2', downloaded: ['mark.png'], kept: ['readme.txt'], unchanged: false };
    component = mount(BrandingPage, { target: document.body, props: { backend: b, overview: overview(), onChange: () => {} } });
    await settle();
    flushSync();
    expect(byTestId(document.body, 'kit-status').textContent).toContain('Installed: version 1 (1 files).');
    expect(byTestId(document.body, 'kit-status').textContent).toContain('The items use the official mark.');
    byTestId(document.body, 'kit-update').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'kit-result').textContent).toBe('Version 2 installed (1 files downloaded).');
    b.kitUpdate = { code: 'kit.offline', message: 'offline' };
    byTestId(document.body, 'kit-update').click();
    await settle();
    flushSync();
    const error = byTestId(document.body, 'kit-error');
    expect(error.dataset.code).toBe('kit.offline');
    expect(error.textContent).toBe('The kit address cannot be reached: offline? The installed kit is unchanged.');
  });

  it('voids a placement recorded by mistake only with a reason and after saying what follows', async () => {
    const o = {
      ...overview(),
      placements: [
        {
          id: 5,
          item: 'sticker' as const,
          outlet_id: 1,
          spot: 'Кіреберіс',
          placed_on: '2026-11-01',
          placed_by: 'Әлия',
          has_photo: false,
          voided_on: null,
          void_reason: '',
        },
      ],
    };
    const b = new MemoryBackend(startup, o);
    component = mount(BrandingPage, { target: document.body, props: { backend: b, overview: o, onChange: () => {} } });
    flushSync();
    byTestId(document.body, 'placement-void-open').click();
    flushSync();
    byTestId(document.body, 'placement-void-submit').click();
    flushSync();
    expect(document.querySelector("[data-testid='confirm']")).toBeNull();
    typeInto(byTestId(document.body, 'placement-void-reason'), 'басқа нүктеге жазылған');
    byTestId(document.body, 'placement-void-submit').click();
    flushSync();
    expect(byTestId(document.body, 'confirm-text').textContent).toContain('сызылған күйде қалады');
    expect(b.calls.map((c) => c.name)).not.toContain('voidPlacement');
    byTestId(document.body, 'confirm-yes').click();
    await settle();
    expect(b.calls.find((c) => c.name === 'voidPlacement')?.input).toEqual({
      id: 5,
      on: '2026-11-25',
      reason: 'басқа нүктеге жазылған',
    });
  });
});
