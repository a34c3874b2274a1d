/**
 * The unlock baseline: Debian's `argon2` command (the reference C implementation) on the vault's
 * parameters, Argon2id m = 64 MiB (2^16 KiB), t = 3, p = 1, 32-byte output, 16-byte salt. The figure
 * is the time the command itself reports for the hash (its process start-up is left out).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { median } from './figures';

export interface NativeArgon2Run {
  /** Median of the reported hash times, ms. */
  medianMs: number;
  samplesMs: number[];
  version: string;
}

interface Bootstrap {
  BROWSERS: Record<string, { binary: string }>;
  ensureBrowsers(names: string[]): void;
}
/** Installed with apt like the browsers when missing (scripts/lib/bootstrap.mjs, untyped plain JS). */
const bootstrap = (await import(new URL('../scripts/lib/bootstrap.mjs', import.meta.url).href)) as Bootstrap;
const ARGON2_BINARY = bootstrap.BROWSERS.argon2!.binary;
const ARGS = ['-id', '-t', '3', '-m', '16', '-p', '1', '-l', '32'];

function hashOnce(password: string): number {
  const salt = randomBytes(8).toString('hex'); // 16 characters: a 16-byte salt, as the vault's
  const result = spawnSync(ARGON2_BINARY, [salt, ...ARGS], { input: password, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`argon2 failed: ${result.stderr || result.error?.message}`);
  if (!/Memory:\s+65536 KiB/.test(result.stdout) || !/Iterations:\s+3/.test(result.stdout)) throw new Error('argon2 did not use m = 64 MiB, t = 3');
  const seconds = result.stdout.match(/^([\d.]+) seconds$/m);
  if (!seconds) throw new Error(`argon2 printed no timing: ${result.stdout}`);
  return Number(seconds[1]) * 1000;
}

export function measureNativeArgon2(runs: number, password: string): NativeArgon2Run {
  bootstrap.ensureBrowsers(['argon2']);
  hashOnce(password); // warm-up: page cache, first allocation
  const samplesMs = Array.from({ length: runs }, () => hashOnce(password));
  const version = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'argon2'], { encoding: 'utf8' }).stdout || 'unknown';
  return { medianMs: median(samplesMs), samplesMs, version };
}
