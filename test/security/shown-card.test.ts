import { describe, expect, it } from 'vitest';
import { nextShownCard } from '../../src/ui/approval/shown-card';

const none = { decided: new Set<string>(), chosen: null };

describe('nextShownCard (a card replaced without the person asking is announced)', () => {
  it('shows the first card without a notice, and keeps the state while the same card stays', () => {
    const first = nextShownCard(null, 'r1', none);
    expect(first).toEqual({ id: 'r1', replacedWithoutAsking: false });
    expect(nextShownCard(first, 'r1', none)).toBe(first);
  });

  it('announces R2 when R1 went away without the person deciding it (the site withdrew R1)', () => {
    expect(nextShownCard({ id: 'r1', replacedWithoutAsking: false }, 'r2', none)).toEqual({ id: 'r2', replacedWithoutAsking: true });
  });

  it('does not announce the next card after the person decided the previous one, or picked it', () => {
    const shown = { id: 'r1', replacedWithoutAsking: false };
    expect(nextShownCard(shown, 'r2', { decided: new Set(['r1']), chosen: null }).replacedWithoutAsking).toBe(false);
    expect(nextShownCard(shown, 'r3', { decided: new Set(), chosen: 'r3' }).replacedWithoutAsking).toBe(false);
  });
});
