import { describe, expect, it } from 'vitest';
import { setFlash, takeFlash } from '../../../src/ui/popup/flash';

describe('flash messages', () => {
  it('are shown once, by the next screen that asks', () => {
    setFlash('Key replaced');
    expect(takeFlash()).toBe('Key replaced');
    expect(takeFlash()).toBeNull();
  });

  it('are nothing when none was set', () => {
    takeFlash();
    expect(takeFlash()).toBeNull();
  });

  it('show only the latest message when two were set before a screen asked', () => {
    setFlash('Identity created');
    setFlash('Key replaced');
    expect(takeFlash()).toBe('Key replaced');
    expect(takeFlash()).toBeNull();
  });
});
