/**
 * Benchmark runner: `npm run bench [-- [--runs N] [--group name]... [group ...]]`. Runs the named groups (all by
 * default), prints a table and writes bench/results/latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { printFigures } from './print-figures';
import type { BenchCase, BenchCaseResult, BenchGroup, BenchGroupResult } from './types';

export type { BenchCase, BenchGroup, BenchTarget, BenchStat, BenchCaseResult, BenchGroupResult } from './types';

/** Add new groups here: name → module whose default export is a BenchGroup. */
const registry: Record<string, () => Promise<{ default: BenchGroup }>> = {
  core: () => import('./core'),
  vault: () => import('./vault-unlock'),
  'vault-chromium': () => import('./vault-unlock-chromium'),
  popup: () => import('./popup-render'),
  resolver: () => import('./resolver'),
  'page-chromium': () => import('./page-chromium'),
  'page-firefox': () => import('./page-firefox'),
  bundle: () => import('./bundle-size'),
};

const DEFAULT_RUNS = 20;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export async function runCase(bench: BenchCase, defaultRuns = DEFAULT_RUNS): Promise<BenchCaseResult> {
  const runs = bench.runs ?? defaultRuns;
  for (let i = 0; i < (bench.warmup ?? 2); i++) await bench.run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await bench.run();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const result: BenchCaseResult = {
    name: bench.name,
    runs,
    min: sorted[0]!,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1]!,
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
  result.value = result[bench.target?.stat ?? 'median'];
  result.baseline = null;
  result.ratio = null;
  if (bench.target) {
    result.target = bench.target;
    result.met = result[bench.target.stat] <= bench.target.ms;
  }
  return result;
}

export async function runGroup(group: BenchGroup, defaultRuns = DEFAULT_RUNS): Promise<BenchGroupResult> {
  const out: BenchGroupResult = { name: group.name, cases: [] };
  try {
    await group.setup?.();
    // Read after setup: a group may describe what setup found (backend, browser version…).
    if (group.description) out.description = group.description;
    const cases = typeof group.cases === 'function' ? await group.cases() : group.cases;
    for (const bench of cases) {
      try {
        out.cases.push(await runCase(bench, defaultRuns));
      } catch (error) {
        out.cases.push({
          name: bench.name,
          runs: 0,
          min: NaN,
          median: NaN,
          p95: NaN,
          max: NaN,
          mean: NaN,
          error: String((error as Error)?.message ?? error),
        });
      }
    }
    if (group.figures) {
      const { figures, notes } = await group.figures();
      out.figures = figures;
      if (notes.length > 0) out.notes = notes;
    }
  } catch (error) {
    out.error = String((error as Error)?.message ?? error);
  } finally {
    await group.teardown?.();
  }
  return out;
}

const fmt = (ms: number): string => (Number.isNaN(ms) ? '-' : ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0));

function printTable(results: BenchGroupResult[]): void {
  const rows: string[][] = [['group', 'case', 'runs', 'median ms', 'p95 ms', 'target', '']];
  for (const group of results) {
    if (group.description) console.log(`${group.name}: ${group.description}`);
  }
  for (const group of results) {
    if (group.error) rows.push([group.name, `(failed: ${group.error})`, '', '', '', '', '']);
    for (const c of group.cases) {
      const target = c.target ? `${c.target.stat} ≤ ${c.target.ms} ms` : '';
      const verdict = c.error ? `error: ${c.error}` : c.met === undefined ? '' : c.met ? 'ok' : 'MISSED';
      rows.push([group.name, c.name, String(c.runs), fmt(c.median), fmt(c.p95), target, verdict]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [n, row] of (rows.length > 1 ? rows : []).entries()) {
    console.log(row.map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd());
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  printFigures(results);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      out: { type: 'string', default: 'bench/results/latest.json' },
      group: { type: 'string', multiple: true },
    },
  });
  const runs = values.runs === undefined ? DEFAULT_RUNS : Number(values.runs);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const chosen = [...positionals, ...(values.group ?? [])];
  const names = chosen.length > 0 ? chosen : Object.keys(registry);
  const unknown = names.filter((name) => !(name in registry));
  if (unknown.length > 0) throw new Error(`unknown bench group(s): ${unknown.join(', ')} (known: ${Object.keys(registry).join(', ')})`);

  const results: BenchGroupResult[] = [];
  for (const name of names) {
    const group = (await registry[name]!()).default;
    console.error(`running ${group.name}…`);
    results.push(await runGroup(group, runs));
  }
  printTable(results);
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    groups: results,
  };
  await mkdir(new URL('.', new URL(values.out!, `file://${process.cwd()}/`)), { recursive: true });
  await writeFile(values.out!, `${JSON.stringify(report, null, 2)}\n`);
  console.error(`wrote ${values.out}`);
  if (results.some((g) => g.error || g.cases.some((c) => c.error))) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/run.ts')) {
  main().catch((error) => {
    console.error(`bench: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
