import { formatDate } from '../i18n/index.svelte';
import type { Messages } from '../i18n/types';
import type { RevocationDto } from '../ipc/bindings/RevocationDto';
import type { TimestampDto } from '../ipc/bindings/TimestampDto';

type Role = keyof Messages['sign']['roles'];

/** A verification outcome from the backend in words; an unknown one reads as not checked. */
export function outcomeText(t: Messages, outcome: string): string {
  return (t.sign.outcomes as Record<string, string>)[outcome] ?? t.sign.outcomes.not_supported_yet;
}

/** How revocation was established for a signer (or why not), in words. */
export function revocationText(t: Messages, r: RevocationDto): string {
  const day = (iso: string | null) => (iso ? formatDate(iso.slice(0, 10)) : '');
  if (r.method === 'crl') {
    return t.sign.revocationCrl(r.source, day(r.issued), day(r.next_update)) + (r.delta ? t.sign.revocationDelta(day(r.delta)) : '');
  }
  if (r.method === 'ocsp') return t.sign.revocationOcsp(r.source, day(r.issued));
  const reason = (r.reason ?? 'no_source') as keyof Messages['sign']['revocationNotChecked'];
  return (t.sign.revocationNotChecked[reason] ?? t.sign.revocationNotChecked.no_source)(r.source, day(r.next_update));
}

export function timestampText(t: Messages, ts: TimestampDto): string {
  return t.sign.timestamp(`${formatDate(ts.time.slice(0, 10))} ${ts.time.slice(11, 16)} UTC`, ts.tsa);
}

export function roleText(t: Messages, role: string): string {
  return (t.sign.roles as Record<Role, string>)[role as Role] ?? t.sign.roles.other;
}
