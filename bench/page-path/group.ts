/** A bench group running the page-path measurements in one browser. */
import type { BenchFigure } from '../figures';
import type { BenchGroup } from '../types';
import type { BrowserDriver, BrowserName } from './driver';
import { compareWithChromium, measurePagePath, type KeyFigures } from './measure';

/** Chromium's key figures from this run, for Firefox's comparison (groups run in order, Chromium first). */
const keyFiguresByBrowser = new Map<BrowserName, KeyFigures>();

export function pagePathGroup(name: string, launch: () => Promise<BrowserDriver>): BenchGroup {
  let driver: BrowserDriver | null = null;
  const group: BenchGroup = {
    name,
    description: 'page → content script → background → page, timed in the page',
    cases: [],
    async setup() {
      const started = performance.now();
      driver = await launch();
      console.error(`  ${driver.name} launched, wallet set up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      group.description = `${group.description} (${driver.description}; cold start by ${driver.stopMethod})`;
    },
    async figures(): Promise<{ figures: BenchFigure[]; notes: string[] }> {
      const started = performance.now();
      const log = (line: string) => console.error(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s  ${line}`);
      const result = await measurePagePath(driver!, log);
      log('done');
      keyFiguresByBrowser.set(driver!.name, result.keyFigures);
      const figures = [...result.figures];
      const chromium = keyFiguresByBrowser.get('Chromium');
      if (driver!.name === 'Firefox') {
        if (chromium) figures.push(...compareWithChromium(result.keyFigures, chromium));
        else result.notes.push('Firefox vs Chromium: not compared (run the page-chromium group in the same run)');
      }
      return { figures, notes: result.notes };
    },
    async teardown() {
      const started = performance.now();
      await driver?.close();
      console.error(`  closed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
  };
  return group;
}
