import { afterEach, describe, expect, it } from 'vitest';

import { errorText, i18n } from '../i18n/index.svelte';
import { asApiError } from './backend';

afterEach(() => {
  i18n.lang = 'kk';
});

describe('errors from the backend', () => {
  it('keeps a {code, message} as it came', () => {
    expect(asApiError({ code: 'fine.not_found', message: 'no fine 7' })).toEqual({ code: 'fine.not_found', message: 'no fine 7' });
  });

  it("reads Tauri's refusal of arguments it cannot deserialize as input.unreadable, translated", () => {
    // The string Tauri answers with for a date that does not exist sent by hand (the end-to-end
    // test `a_date_that_does_not_exist_sent_by_hand_is_refused_before_the_command` pins its form).
    const e = asApiError('invalid args `input` for command `record_fine`: input is out of range');
    expect(e.code).toBe('input.unreadable');
    i18n.lang = 'ru';
    expect(errorText(e)).toMatch(/^Seller Desk не смог прочитать/);
  });

  it('calls anything else internal', () => {
    expect(asApiError(new Error('boom')).code).toBe('internal');
    expect(asApiError('the command panicked').code).toBe('internal');
  });
});
