import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, ownerSession, settle, startup, typeInto } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import { MemoryBackend } from '../ipc/memory';
import { session } from '../people/session.svelte';
import BackupCard from './BackupCard.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
  session.current = null;
});

async function setup(b = new MemoryBackend(startup, null)) {
  session.current = ownerSession;
  let restarted = 0;
  component = mount(BackupCard, { target: document.body, props: { backend: b, onRestored: () => (restarted += 1) } });
  await settle();
  flushSync();
  return { b, restarted: () => restarted };
}

const has = (id: string) => document.querySelector(`[data-testid='${id}']`) !== null;
const tick = async () => {
  await settle();
  flushSync();
};

describe('the backups card', () => {
  it('warns until a backup is made into a chosen folder, in the window language', async () => {
    i18n.lang = 'ru';
    const { b } = await setup();
    expect(byTestId(document.body, 'backup-never').textContent).toContain('ещё не было');
    expect(has('backup-overdue')).toBe(false);
    expect((byTestId(document.body, 'backup-now') as HTMLButtonElement).disabled).toBe(true);
    // The picker cancelled: nothing chosen.
    b.pickedFolder = null;
    byTestId(document.body, 'backup-choose-folder').click();
    await tick();
    expect(byTestId(document.body, 'backup-folder').textContent).toContain('не выбрана');
    b.pickedFolder = '/media/shop/USB';
    byTestId(document.body, 'backup-choose-folder').click();
    await tick();
    expect(b.calls.filter((c) => c.name === 'chooseBackupFolder').map((c) => c.input)).toEqual([
      'Папка для резервных копий',
      'Папка для резервных копий',
    ]);
    expect(byTestId(document.body, 'backup-folder').textContent).toBe('/media/shop/USB');
    byTestId(document.body, 'backup-now').click();
    await tick();
    expect(byTestId(document.body, 'backup-made').textContent).toContain('/media/shop/USB/seller-desk-180640000016');
    expect(has('backup-overdue') || has('backup-never')).toBe(false);
    expect(byTestId(document.body, 'backup-last').textContent).toContain('Последняя проверенная копия');
  });

  it('never sends numbers out of range, and says a failed backup by its code', async () => {
    const { b } = await setup();
    typeInto(byTestId(document.body, 'backup-keep'), '0');
    byTestId(document.body, 'backup-save-numbers').closest('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await tick();
    expect(b.calls.some((c) => c.name === 'setBackupNumbers')).toBe(false);
    // The tried form says in words that a marked field is wrong, not only by its outline.
    const form = byTestId(document.body, 'backup-save-numbers').closest('form')!;
    expect(form.dataset.tried).toBe('true');
    expect(form.querySelector("[data-testid='form-hint']")?.textContent).toBeTruthy();
    typeInto(byTestId(document.body, 'backup-keep'), '30');
    typeInto(byTestId(document.body, 'backup-warn-days'), '3');
    byTestId(document.body, 'backup-save-numbers').closest('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await tick();
    expect(b.calls.find((c) => c.name === 'setBackupNumbers')?.input).toEqual({ keep: 30, warnDays: 3 });
    expect(has('backup-numbers-saved')).toBe(true);
    b.backups = { ...b.backups, folder: '/media/shop/USB' };
    b.backupAnswer = { code: 'backup.not_written', message: 'disk full' };
    byTestId(document.body, 'backup-choose-folder').click();
    await tick();
    byTestId(document.body, 'backup-now').click();
    await tick();
    expect(byTestId(document.body, 'backup-error').dataset.code).toBe('backup.not_written');
    expect(byTestId(document.body, 'backup-error').textContent).toContain('Жартылай жазылған');
  });

  it('shows what a backup holds and puts it back only after the confirmation, then starts again', async () => {
    const b = new MemoryBackend(startup, null);
    b.pickedBackup = {
      path: '/media/shop/USB/seller-desk-180640000016-20261120-090000.sqlite3',
      shop: '«Дала Сауда» ЖШС',
      tax_id: '180640000016',
      fines: 5,
      payments_and_events: 8,
      documents: 2,
      people: 3,
      last_change: '2026-11-20T08:59:00Z',
      schema_version: 15,
    };
    const { restarted } = await setup(b);
    byTestId(document.body, 'backup-restore').click();
    await tick();
    expect(byTestId(document.body, 'backup-chosen').textContent).toContain('«Дала Сауда» ЖШС');
    expect(byTestId(document.body, 'backup-chosen-facts').textContent).toContain('айыппұлдар: 5');
    byTestId(document.body, 'backup-restore-chosen').click();
    flushSync();
    expect(b.calls.some((c) => c.name === 'restoreBackup')).toBe(false);
    byTestId(document.body, 'confirm-no').click();
    flushSync();
    expect(b.calls.some((c) => c.name === 'restoreBackup')).toBe(false);
    byTestId(document.body, 'backup-restore-chosen').click();
    flushSync();
    byTestId(document.body, 'confirm-yes').click();
    await tick();
    expect(b.calls.find((c) => c.name === 'restoreBackup')?.input).toBe(b.pickedBackup?.path);
    expect(restarted()).toBe(1);
  });

  it('keeps the data when the backup is refused', async () => {
    const b = new MemoryBackend(startup, null);
    b.pickedBackup = { path: '/x.sqlite3', shop: null, tax_id: null, fines: 0, payments_and_events: 0, documents: 0, people: 0, last_change: null, schema_version: 15 };
    b.restoreAnswer = { code: 'backup.not_this_shops', message: 'another' };
    const { restarted } = await setup(b);
    byTestId(document.body, 'backup-restore').click();
    await tick();
    byTestId(document.body, 'backup-restore-chosen').click();
    flushSync();
    byTestId(document.body, 'confirm-yes').click();
    await tick();
    expect(byTestId(document.body, 'backup-error').dataset.code).toBe('backup.not_this_shops');
    expect(restarted()).toBe(0);
  });

  it('warns when the last good backup is older than the owner set', async () => {
    const b = new MemoryBackend(startup, null);
    b.backups = { folder: '/media/shop/USB', keep: 14, last_good: '2026-11-10T09:00:00Z', last_path: null, warn_days: 7, overdue: true };
    await setup(b);
    expect(byTestId(document.body, 'backup-overdue').textContent).toContain('7 күннен асты');
    expect(byTestId(document.body, 'backup-last').textContent).toContain('10.11.2026');
  });
});
