import type { Messages } from '../i18n/types';

type Role = keyof Messages['sign']['roles'];

/** A verification outcome from the backend in words; an unknown one reads as not checked. */
export function outcomeText(t: Messages, outcome: string): string {
  return (t.sign.outcomes as Record<string, string>)[outcome] ?? t.sign.outcomes.not_supported_yet;
}

export function roleText(t: Messages, role: string): string {
  return (t.sign.roles as Record<Role, string>)[role as Role] ?? t.sign.roles.other;
}
