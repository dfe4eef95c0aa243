// The current language, switchable at run time. Kazakh first.
import type { ApiError } from '../ipc/bindings/ApiError';
import type { Lang } from '../ipc/bindings/Lang';
import type { NextAction } from '../ipc/bindings/NextAction';
import type { CitedClause } from '../ipc/bindings/rulesText';
import { formatMoney } from '../money';
import { en } from './en';
import { kk } from './kk';
import { ru } from './ru';
import type { Formatters, Messages } from './types';

export const dictionaries: Record<Lang, Messages> = { kk, ru, en };
export const languages: Lang[] = ['kk', 'ru', 'en'];

export const i18n = $state<{ lang: Lang }>({ lang: 'kk' });

/** The messages of the current language; reading it inside a template keeps it reactive. */
export function m(): Messages {
  return dictionaries[i18n.lang];
}

/** Dates as people in Kazakhstan write them: 25.11.2026. */
export function formatDate(iso: string): string {
  const [y, mo, d] = iso.split('-');
  return y && mo && d ? `${d}.${mo}.${y}` : iso;
}

export function formatters(): Formatters {
  const t = m();
  return {
    date: formatDate,
    measure: (x) => t.measure[x],
    stop: (x) => t.clubStop[x],
    reason: (x) => t.exitReason[x],
    contract: (x) => t.contractKind[x],
    money: (x) => formatMoney(x, i18n.lang),
  };
}

/** An error as the user reads it: translated from its code, never from the message. */
export function errorText(e: ApiError): string {
  return m().errors[e.code] ?? m().errors.internal;
}

/** The day a next action is about (a due date, a deadline, an effective day), as the backend
 *  orders them; `null` for a step of no particular day. */
export function nextActionDate(action: NextAction): string | null {
  switch (action.type) {
    case 'complete_exit_checklist':
      return action.deadline;
    case 'prepare_for_club_stop':
      return action.effective;
    case 'pay_overdue_fine':
    case 'pay_fine_soon':
      return action.due;
    case 'await_dispute_answer':
      return action.deadline;
    default:
      return null;
  }
}

/** The clauses a next action rests on, to open in place. */
export function nextActionClauses(action: NextAction): CitedClause[] {
  switch (action.type) {
    case 'complete_exit_checklist':
      return ['5.1'];
    case 'start_exit_checklist':
      return ['6.6', '5.1'];
    case 'resolve_measure':
      return ['6.6'];
    case 'prepare_for_club_stop':
    case 'short_notice':
      return ['4.4'];
    case 'equip_outlet':
      return ['2.4.2', '2.5.4'];
    case 'display_marks':
      return ['2.5.1'];
    case 'restore_contract':
      return ['1.3', '5.3'];
    case 'pay_overdue_fine':
      return ['6.2', '6.5'];
    case 'pay_fine_soon':
    case 'await_dispute_answer':
      return ['6.5'];
    case 'complete_corrective_action':
      return ['6.3', '2.5.4'];
    case 'repeated_refusals':
      return ['6.4'];
    case 'training_overdue':
    case 'training_due_soon':
    case 'training_never':
      return ['2.5.2', '6.11'];
    case 'acknowledge_rules':
      return ['4.2', '4.3', '6.11'];
    case 'new_obligation':
      return ['6.11'];
    default:
      return [];
  }
}

/** A next action in words. The dictionary entry for a type takes exactly that variant. */
export function nextActionText(action: NextAction): string {
  const text = m().nextAction[action.type] as (a: NextAction, f: Formatters) => string;
  return text(action, formatters());
}
