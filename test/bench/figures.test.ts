import { describe, expect, it } from 'vitest';
import { figure, quantile } from '../../bench/figures';

describe('bench figures', () => {
  it('puts the ratio to the baseline next to the value and checks every bound of the target', () => {
    const token = figure({ name: 'token p50', unit: 'ms', value: 2.5, baseline: { name: 'ping p50', value: 1 }, target: { maxRatio: 2, max: 3 } });
    expect(token).toMatchObject({ value: 2.5, baseline: 1, ratio: 2.5, met: false, targetText: '≤ 2× ping p50 and ≤ 3 ms' });
    expect(figure({ name: 't', unit: 'ms', value: 1.8, baseline: { name: 'ping', value: 1 }, target: { maxRatio: 2, max: 3 } }).met).toBe(true);
    expect(figure({ name: 't', unit: 'ms', value: 3.5, baseline: { name: 'ping', value: 2 }, target: { maxRatio: 2, max: 3 } }).met).toBe(false);
  });

  it('holds a throughput to a floor, also as a share of its baseline', () => {
    const burst = figure({ name: 'burst', unit: 'tokens/s', value: 600, baseline: { name: 'Chromium', value: 1000 }, target: { minRatio: 1 / 1.5 } });
    expect(burst).toMatchObject({ ratio: 0.6, met: false, targetText: '≥ 0.67× Chromium' });
    expect(figure({ name: 'b', unit: 'tokens/s', value: 1200, target: { min: 1000 } })).toMatchObject({ baseline: null, ratio: null, met: true });
  });

  it('a figure without a target is neither met nor missed; a failed measurement never meets one', () => {
    expect(figure({ name: 'p99', unit: 'ms', value: 9, baseline: { name: 'ping p99', value: 3 } })).toMatchObject({ ratio: 3, met: null, target: null });
    expect(figure({ name: 'x', unit: 'ms', value: Number.NaN, target: { max: 150 } }).met).toBe(false);
  });

  it('takes quantiles by rank, p99 of 1000 being the 990th smallest', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(quantile(values, 0.5)).toBe(500);
    expect(quantile(values, 0.99)).toBe(990);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
