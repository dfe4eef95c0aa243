import { tick } from 'svelte';

import type { Backend } from '../ipc/backend';

let reported = false;

/**
 * Tells the backend, once per start, that the first screen with the shop's data is on screen
 * (its DOM updated and two frames drawn): `cargo xtask bench` times start-up by it. Later
 * screens, and a second call, say nothing.
 */
export function reportFirstPaint(backend: Backend, screen: string): void {
  if (reported) return;
  reported = true;
  void tick().then(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => void backend.firstPaint(screen).catch(() => {}))),
  );
}
