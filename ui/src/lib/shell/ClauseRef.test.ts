import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { byTestId } from '../../test/fixtures';
import { dictionaries, i18n } from '../i18n/index.svelte';
import { CITED } from '../ipc/bindings/rulesText';
import ClauseRef from './ClauseRef.svelte';

let component: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  i18n.lang = 'kk';
});

describe('a cited clause', () => {
  it('opens in place with a plain line in the window’s language and the rules’ own text', () => {
    component = mount(ClauseRef, { target: document.body, props: { clause: '4.4' } });
    expect(document.querySelector("[data-testid='clause-help']")).toBeNull();
    byTestId(document.body, 'clause-ref').click();
    flushSync();
    expect(byTestId(document.body, 'clause-summary').textContent).toContain('кемінде 10 күнтізбелік күн');
    expect(byTestId(document.body, 'clause-original').textContent).toContain('күнтізбелік 10 (он) күн бұрын');
    i18n.lang = 'ru';
    flushSync();
    expect(byTestId(document.body, 'clause-summary').textContent).toContain('не позже чем за 10 календарных дней');
    expect(byTestId(document.body, 'clause-help').textContent).toContain('Текст правил (на казахском)');
  });

  it('has a plain line in kk, ru and en for every clause the window cites', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      for (const clause of CITED) expect(dictionaries[lang].clauseHelp[clause].length, `${lang} ${clause}`).toBeGreaterThan(20);
    }
  });
});
