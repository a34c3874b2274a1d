/**
 * Benchmark contracts. A group is a module whose default export is a BenchGroup; register it in
 * bench/run.ts. Targets are printed next to the results, never asserted.
 */
import type { BenchFigure } from './figures';

export type BenchStat = 'median' | 'p95';

export interface BenchTarget {
  stat: BenchStat;
  ms: number;
}

export interface BenchCase {
  name: string;
  /** Timed body; one call is one sample. */
  run: () => unknown | Promise<unknown>;
  /** Samples to take (default: the runner's --runs, 20). */
  runs?: number;
  /** Untimed calls before sampling (default 2). */
  warmup?: number;
  target?: BenchTarget;
}

export interface BenchGroup {
  name: string;
  description?: string;
  /** Runs once before any case (launch a browser, build fixtures…); returns the cases. */
  setup?: () => Promise<void> | void;
  cases: BenchCase[] | (() => Promise<BenchCase[]> | BenchCase[]);
  /** Runs after the cases: measurements that are not one timed body, as figures with their baselines. */
  figures?: () => Promise<{ figures: BenchFigure[]; notes: string[] }> | { figures: BenchFigure[]; notes: string[] };
  /** Runs once after the cases, also when one failed. */
  teardown?: () => Promise<void> | void;
}

export interface BenchCaseResult {
  name: string;
  runs: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
  target?: BenchTarget;
  /** Whether the target stat is within the target; absent without a target. */
  met?: boolean;
  /** The target stat (or the median), so every figure in latest.json has value, baseline, ratio, target. */
  value?: number;
  baseline?: null;
  ratio?: null;
  error?: string;
}

export interface BenchGroupResult {
  name: string;
  description?: string;
  cases: BenchCaseResult[];
  figures?: BenchFigure[];
  notes?: string[];
  error?: string;
}
