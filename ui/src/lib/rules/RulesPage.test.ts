import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId, overview, settle, startup } from '../../test/fixtures';
import { i18n } from '../i18n/index.svelte';
import type { RulesDiffDto } from '../ipc/bindings/RulesDiffDto';
import type { RulesPageDto } from '../ipc/bindings/RulesPageDto';
import type { RulesVersionDto } from '../ipc/bindings/RulesVersionDto';
import { MemoryBackend } from '../ipc/memory';
import RulesPage from './RulesPage.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

const shipped: RulesVersionDto = {
  id: 0,
  published_on: null,
  source_name: null,
  source_sha256: null,
  imported_at: null,
  imported_by: null,
  key: 'kk-00000000',
  clauses: 77,
  gaps: [],
  in_force: false,
  substantive: 0,
  editorial: 0,
  notice_days: 10,
  acknowledged: null,
};
const later: RulesVersionDto = {
  ...shipped,
  id: 1,
  published_on: '2026-11-20',
  source_name: 'ережелер.pdf',
  imported_at: '2026-12-01T09:00:00Z',
  imported_by: 'Әсем Нұрланқызы',
  in_force: true,
  substantive: 1,
  editorial: 1,
  notice_days: 14,
};
const page: RulesPageDto = {
  versions: [later, shipped],
  pending: { from_id: 0, to_id: 1, published_on: '2026-11-20', clauses: ['4.4'] },
  may_import: true,
};
const diff: RulesDiffDto = {
  from: shipped,
  to: later,
  unchanged: 75,
  changes: [
    {
      change: {
        kind: 'changed',
        old_number: '4.4',
        new_number: '4.4',
        old_text: 'күнтізбелік 10 (он) күн',
        new_text: 'күнтізбелік 14 (он төрт) күн',
        words: [
          { kind: 'same', text: 'күнтізбелік ' },
          { kind: 'removed', text: '10 (он)' },
          { kind: 'added', text: '14 (он төрт)' },
          { kind: 'same', text: ' күн' },
        ],
        words_changed: true,
      },
      impact: { lessons: [], certificates: [], notice_days: [10, 14], new_obligation: false },
    },
    {
      change: {
        kind: 'editorial',
        old_number: '2.6',
        new_number: '2.6',
        old_text: 'Сатушыға тыйым салынады:',
        new_text: 'Сатушыға тыйым салынады',
        words: [],
        words_changed: false,
      },
      impact: { lessons: [], certificates: [], notice_days: null, new_obligation: false },
    },
  ],
};

async function open(b: MemoryBackend) {
  component = mount(RulesPage, { target: document.body, props: { backend: b, today: '2026-12-01' } });
  await settle();
  flushSync();
}

describe('the rules page', () => {
  it('marks the words changed, hides editorial changes until asked, and says what the change touches', async () => {
    const b = new MemoryBackend(startup, overview());
    b.rules = page;
    b.diff = diff;
    await open(b);
    expect(byTestId(document.body, 'rules-word-removed').textContent).toBe('10 (он)');
    expect(byTestId(document.body, 'rules-word-added').textContent).toBe('14 (он төрт)');
    expect(document.querySelectorAll('[data-testid="rules-change"]').length).toBe(1);
    expect(byTestId(document.body, 'impact-notice').textContent).toContain('10 → 14');
    (byTestId(document.body, 'rules-editorial') as HTMLInputElement).click();
    flushSync();
    expect(document.querySelectorAll('[data-testid="rules-change"]').length).toBe(2);
    expect(byTestId(document.body, 'rules-pending').textContent).toContain('4.4');
  });

  it('imports the chosen file with the day as typed and shows a refusal with its line', async () => {
    const b = new MemoryBackend(startup, overview());
    b.rules = page;
    b.diff = diff;
    b.imported = { code: 'rules.number_repeated', message: 'line 214: clause 2.6.4 is numbered again (it first appears on line 210)' };
    await open(b);
    const submit = byTestId(document.body, 'rules-import') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    byTestId(document.body, 'rules-choose').click();
    await settle();
    flushSync();
    expect(byTestId(document.body, 'rules-path').textContent).toBe('/tmp/rules.txt');
    const day = byTestId(document.body, 'rules-published') as HTMLInputElement;
    day.value = '20.11.2026';
    day.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    submit.click();
    await settle();
    flushSync();
    const call = b.calls.find((c) => c.name === 'importRules');
    expect(call?.input).toEqual({ path: '/tmp/rules.txt', publishedOn: '2026-11-20' });
    const error = byTestId(document.body, 'rules-import-error');
    expect(error.dataset.code).toBe('rules.number_repeated');
    expect(error.textContent).toContain('line 214');
  });

  it('asks for the PIN again before acknowledging, then offers the signature', async () => {
    const b = new MemoryBackend(startup, overview());
    b.rules = page;
    b.diff = diff;
    b.acknowledgement = { code: 'pin.confirm_needed', message: 'type your PIN again first' };
    await open(b);
    byTestId(document.body, 'rules-acknowledge').click();
    await settle();
    flushSync();
    expect(document.querySelector('[data-testid="pin-confirm"]')).not.toBeNull();
    expect(document.querySelector('[data-testid="rules-acknowledged"]')).toBeNull();
  });
});
