/**
 * Figures: one measured value next to the baseline it is judged against, both measured in the same
 * run (or, for bundle sizes, the budget), with the ratio and the target from issue 15.
 */
export type FigureUnit = 'ms' | 'tokens/s' | 'requests' | 'KB';

/** Every bound given must hold; `maxRatio` and `minRatio` bound value / baseline. */
export interface FigureTarget {
  max?: number;
  min?: number;
  maxRatio?: number;
  minRatio?: number;
}

export interface BenchFigure {
  name: string;
  unit: FigureUnit;
  value: number;
  /** What the value is compared with, measured in the same run; null when the figure has none. */
  baseline: number | null;
  baselineName: string | null;
  /** value / baseline, or null without a baseline. */
  ratio: number | null;
  target: FigureTarget | null;
  /** The target in words, as printed. */
  targetText: string;
  /** Whether every bound of the target holds; null without a target. */
  met: boolean | null;
  note?: string;
}

export interface FigureInput {
  name: string;
  unit: FigureUnit;
  value: number;
  baseline?: { name: string; value: number };
  target?: FigureTarget;
  note?: string;
}

const times = (ratio: number): string => `${Number(ratio.toFixed(2))}×`;

function describeTarget(target: FigureTarget, unit: FigureUnit, baselineName: string | null): string {
  const parts: string[] = [];
  if (target.maxRatio !== undefined) parts.push(`≤ ${times(target.maxRatio)} ${baselineName ?? 'baseline'}`);
  if (target.minRatio !== undefined) parts.push(`≥ ${times(target.minRatio)} ${baselineName ?? 'baseline'}`);
  if (target.max !== undefined) parts.push(`≤ ${target.max} ${unit}`);
  if (target.min !== undefined) parts.push(`≥ ${target.min} ${unit}`);
  return parts.join(' and ');
}

export function figure(input: FigureInput): BenchFigure {
  const baseline = input.baseline?.value ?? null;
  const ratio = baseline === null || baseline === 0 ? null : input.value / baseline;
  const target = input.target ?? null;
  let met: boolean | null = null;
  if (target) {
    met = Number.isFinite(input.value);
    if (target.max !== undefined) met &&= input.value <= target.max;
    if (target.min !== undefined) met &&= input.value >= target.min;
    if (target.maxRatio !== undefined) met &&= ratio !== null && ratio <= target.maxRatio;
    if (target.minRatio !== undefined) met &&= ratio !== null && ratio >= target.minRatio;
  }
  return {
    name: input.name,
    unit: input.unit,
    value: input.value,
    baseline,
    baselineName: input.baseline?.name ?? null,
    ratio,
    target,
    targetText: target ? describeTarget(target, input.unit, input.baseline?.name ?? null) : '',
    met,
    ...(input.note ? { note: input.note } : {}),
  };
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
