import { describe, expect, it } from 'vitest';
import { HEALTHY_PORT_MS, MAX_QUICK_FAILURES, ReconnectPolicy } from '../../src/content/reconnect-policy';

const QUICK = 10;

describe('ReconnectPolicy', () => {
  it('re-sends at once after a Port that lived a while (the worker was stopped), without limit', () => {
    const policy = new ReconnectPolicy();
    for (let i = 0; i < 100; i++) expect(policy.nextDelay(HEALTHY_PORT_MS + i * 1000)).toBe(0);
  });

  it('counts a Port that lived exactly HEALTHY_PORT_MS as healthy, and one a millisecond shorter as a failure', () => {
    expect(new ReconnectPolicy().nextDelay(HEALTHY_PORT_MS)).toBe(0);
    expect(new ReconnectPolicy().nextDelay(HEALTHY_PORT_MS - 1)).toBeGreaterThan(0);
  });

  it('backs off, doubling from 100 ms up to 5 s, after Ports that closed right away', () => {
    const policy = new ReconnectPolicy();
    const delays = Array.from({ length: MAX_QUICK_FAILURES }, () => policy.nextDelay(QUICK));
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('gives up after 8 quick failures in a row, and stays given up while they continue', () => {
    const policy = new ReconnectPolicy();
    for (let i = 0; i < MAX_QUICK_FAILURES; i++) expect(policy.nextDelay(0)).not.toBeNull();
    expect(policy.nextDelay(0)).toBeNull();
    expect(policy.nextDelay(QUICK)).toBeNull();
  });

  it('starts the count again after any answer', () => {
    const policy = new ReconnectPolicy();
    for (let i = 0; i < MAX_QUICK_FAILURES; i++) policy.nextDelay(QUICK);
    policy.answered();
    expect(policy.nextDelay(QUICK)).toBe(100);
  });

  it('starts the count again after a healthy Port', () => {
    const policy = new ReconnectPolicy();
    for (let i = 0; i < MAX_QUICK_FAILURES + 3; i++) policy.nextDelay(QUICK);
    expect(policy.nextDelay(HEALTHY_PORT_MS)).toBe(0);
    expect(policy.nextDelay(QUICK)).toBe(100);
  });

  it('keeps separate counts for separate content scripts', () => {
    const failing = new ReconnectPolicy();
    for (let i = 0; i < 5; i++) failing.nextDelay(QUICK);
    expect(new ReconnectPolicy().nextDelay(QUICK)).toBe(100);
  });
});
