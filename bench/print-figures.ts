/** Prints the groups' figures: value, baseline, ratio, target and whether it is met. */
import type { BenchFigure } from './figures';
import type { BenchGroupResult } from './types';

const number = (value: number): string =>
  !Number.isFinite(value) ? '-' : Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

const withUnit = (value: number, unit: BenchFigure['unit']): string => `${number(value)} ${unit}`;

export function figureRow(group: string, f: BenchFigure): string[] {
  return [
    group,
    f.name,
    withUnit(f.value, f.unit),
    f.baseline === null ? '' : `${withUnit(f.baseline, f.unit)} (${f.baselineName})`,
    f.ratio === null ? '' : `${f.ratio.toFixed(2)}×`,
    f.targetText,
    f.met === null ? '' : f.met ? 'met' : 'NOT MET',
  ];
}

export function printFigures(results: BenchGroupResult[]): void {
  const rows: string[][] = [];
  for (const group of results) for (const f of group.figures ?? []) rows.push(figureRow(group.name, f));
  if (rows.length === 0) return;
  rows.unshift(['group', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', '']);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log('');
  for (const [n, row] of rows.entries()) {
    console.log(row.map((cell, i) => (i === 2 || i === 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd());
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const group of results) {
    for (const f of group.figures ?? []) if (f.note) console.log(`  ${f.name}: ${f.note}`);
    for (const note of group.notes ?? []) console.log(`  ${group.name}: ${note}`);
  }
}
