/** Runs the built `sigil` command (bin/sigil.js) as a person would, and checks its output contract. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/sigil.js'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** A success: exit 0, nothing on stderr, JSON on stdout. */
export async function ok(args: string[], stdin?: string): Promise<any> {
  const result = await run(args, stdin);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

/** A failure: exit 1, nothing on stdout, exactly one line on stderr. */
export async function fails(args: string[], stdin?: string): Promise<string> {
  const result = await run(args, stdin);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^sigil: [^\n]+\n$/);
  return result.stderr.trimEnd();
}
