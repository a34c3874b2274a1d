/**
 * The `sigil` command hands key strings to the core unchanged: a key with a space around it is
 * refused in the Factom SDK's words, so it never reaches an entry nor slips past the duplicate check.
 * Built into its own folder so it never races test/cli/sigil.test.ts's build of dist/node.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'dist', `cli-factom-keys-${process.pid}`);
const factom = JSON.parse(readFileSync(new URL('../../../shared/vectors/factom.json', import.meta.url), 'utf8'));
const firstEntry = factom.vectors.find((v: any) => v.description.startsWith('identity chain first entry hash'));
const replacement = factom.vectors.find((v: any) => v.description.startsWith('key replacement entry hash'));
const keys = JSON.parse(firstEntry.inputs.content).keys as string[];
const names = (firstEntry.inputs.external_ids as string[]).slice(1).flatMap((n) => ['--name', n]);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(outDir, 'run.mjs'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end('');
  });
}

async function fails(args: string[]): Promise<string> {
  const result = await run(args);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  return result.stderr.trimEnd();
}

beforeAll(async () => {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: true,
      target: 'node20',
      outDir,
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      rolldownOptions: { input: { sigil: 'src/cli/sigil.ts' }, output: { format: 'esm', entryFileNames: '[name].js' } },
    },
  });
  // What bin/sigil.js does, pointed at this build.
  writeFileSync(join(outDir, 'run.mjs'), "const cli = await import('./sigil.js');\nprocess.exitCode = await cli.main(process.argv.slice(2));\n");
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('sigil with keys that are not exactly canonical', () => {
  it('builds the first entry from canonical keys', async () => {
    const result = await run(['chain', 'first-entry', ...names, ...keys.flatMap((k) => ['--key', k])]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).entry_hash).toBe(firstEntry.expected_outputs.entry_hash);
  });

  it('chain first-entry refuses a key with a space instead of writing the space into the entry', async () => {
    const spaced = ` ${keys[0]}`;
    expect(await fails(['chain', 'first-entry', ...names, '--key', spaced, '--key', keys[1]!, '--key', keys[2]!])).toBe(
      `sigil: "${spaced}" key is invalid.`,
    );
  });

  it('chain first-entry refuses --key K --key " K" (no duplicate hidden behind a space)', async () => {
    const spaced = `${keys[0]} `;
    expect(await fails(['chain', 'first-entry', ...names, '--key', keys[0]!, '--key', spaced])).toBe(`sigil: "${spaced}" key is invalid.`);
  });

  it('chain replace refuses an old or new key with a space', async () => {
    const base = ['chain', 'replace', '--chain-id', replacement.inputs.identity_chain_id, '--signer', replacement.inputs.signer_private_key];
    expect(await fails([...base, '--old', `${replacement.inputs.old_key} `, '--new', replacement.inputs.new_key])).toBe(
      'sigil: oldPublicKey is an invalid public key.',
    );
    expect(await fails([...base, '--old', replacement.inputs.old_key, '--new', `\t${replacement.inputs.new_key}`])).toBe(
      'sigil: newPublicKey is an invalid public key.',
    );
  });

  it('key inspect refuses a key with a space', async () => {
    const message = await fails(['key', 'inspect', ` ${keys[0]}`]);
    expect(message).toMatch(/^sigil: key must be exactly 55 base58 characters/);
  });
});
