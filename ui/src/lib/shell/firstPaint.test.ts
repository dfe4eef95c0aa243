import { beforeEach, describe, expect, it, vi } from 'vitest';

import { MemoryBackend } from '../ipc/memory';
import { overview, startup } from '../../test/fixtures';

/** Two animation frames pass (happy-dom's requestAnimationFrame runs on a timer). */
async function frames() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
}

describe('the first paint', () => {
  beforeEach(() => vi.resetModules());

  it('is reported once per start, after the screen is drawn, with the screen named', async () => {
    const { reportFirstPaint } = await import('./firstPaint');
    const b = new MemoryBackend(startup, overview());
    reportFirstPaint(b, 'sign-in');
    expect(b.calls.some((c) => c.name === 'firstPaint'), 'not before the frames are drawn').toBe(false);
    await frames();
    reportFirstPaint(b, 'status');
    await frames();
    expect(b.calls.filter((c) => c.name === 'firstPaint')).toEqual([{ name: 'firstPaint', input: 'sign-in' }]);
  });

  it('says nothing more when the backend refuses it', async () => {
    const { reportFirstPaint } = await import('./firstPaint');
    const b = new MemoryBackend(startup, overview());
    b.firstPaint = () => Promise.reject({ code: 'internal', message: 'x' });
    expect(() => reportFirstPaint(b, 'status')).not.toThrow();
    await frames();
  });
});
