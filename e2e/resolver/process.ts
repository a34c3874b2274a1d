/**
 * Runs the real resolver command in a child process (what `npm run resolver` and `sigil resolver`
 * run), for tests and the bench that stop it with signals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ResolverProcess {
  url: string;
  child: ChildProcess;
  /** Everything printed on stdout so far, line by line. */
  stdout: string[];
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Spawns the real command (`npm run resolver` runs the same entry) and waits for `listening on …`. */
export function spawnResolver(args: string[]): Promise<ResolverProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/resolver/main.ts', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  let stderr = '';
  let partial = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the resolver did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        stdout.push(line);
        const ready = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
        if (ready) {
          clearTimeout(timer);
          done({ url: ready[1]!, child, stdout, stderr: () => stderr, exited });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the resolver exited with ${code} before listening: ${stderr}`));
    });
  });
}
