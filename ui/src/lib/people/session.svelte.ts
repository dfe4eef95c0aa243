// The person signed in, as the window knows it: which areas to show. The desk checks every
// command again (6.8); hiding what a role may not do only spares the person a refusal.
import type { Need } from '../ipc/bindings/Need';
import type { SessionDto } from '../ipc/bindings/SessionDto';

export const session = $state<{ current: SessionDto | null }>({ current: null });

/** Whether the person signed in may do what `need` names. */
export function can(need: Need): boolean {
  return session.current?.may.includes(need) ?? false;
}
