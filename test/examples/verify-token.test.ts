/**
 * The README's server-side verification example (examples/verify-token.mjs) run as a dApp's server
 * runs it: against a real `sigil resolver` process holding the User's and Agent's documents, with a
 * token made by Sigil's core the way the wallet makes it for `sigil_authToken`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthToken, createDocumentToken, type DidDocument } from '../../src/core/index';
import { entities, type Entities } from '../core/fixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));
const AUDIENCE = 'https://shop.example';

interface Outcome {
  code: number | null;
  answer: Record<string, unknown> | null;
  stderr: string;
}

/** Runs the example with `args`, the token on stdin, as the README shows. */
function runExample(args: string[], token: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'examples/verify-token.mjs'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, answer: stdout ? (JSON.parse(stdout) as Record<string, unknown>) : null, stderr }));
    child.stdin.end(token);
  });
}

/** `sigil resolver` (bin/sigil.js, built by `npm run prepare`) on a free port, once it says where it listens. */
function startSigilResolver(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'bin/sigil.js'), 'resolver', '--port', '0', '--data', dataDir], { cwd: root });
  return new Promise((resolve, reject) => {
    let output = '';
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const ready = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (ready) resolve({ url: ready[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`sigil resolver exited with ${code}: ${stderr}`)));
  });
}

async function register(resolverUrl: string, document: DidDocument, masterSecretKey: Uint8Array): Promise<void> {
  const token = await createDocumentToken(document, { secretKey: masterSecretKey, audience: 'resolver' });
  const response = await fetch(`${resolverUrl}/1.0/register`, { method: 'POST', body: token });
  expect(response.status, await response.text()).toBe(200);
}

let e: Entities;
let dataDir: string;
let resolver: { url: string; child: ChildProcess };
/** What the wallet answers to `sigil_authToken({user})` on https://shop.example. */
const signInToken = (options: { audience?: string; secretKey?: Uint8Array; subject?: string } = {}) =>
  createAuthToken({
    issuer: `${e.agentDid}#agent-2-0`,
    subject: options.subject ?? e.userDid,
    audience: options.audience ?? AUDIENCE,
    durationSeconds: 300,
    secretKey: options.secretKey ?? e.agent[2]!.secretKey,
  }).then((made) => made.token);

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/node/core.js')) || !existsSync(join(root, 'dist/node/sigil.js')))
    throw new Error('The core library and the sigil command are not built: run `npm run prepare`.');
  e = await entities();
  dataDir = mkdtempSync(join(tmpdir(), 'sigil-example-resolver-'));
  resolver = await startSigilResolver(dataDir);
  // The User (delegating authentication to the Agent's signing key) and the Agent, registered as
  // the wallet registers them.
  await register(resolver.url, e.userDoc, e.user[0]!.secretKey);
  await register(resolver.url, e.agentDoc, e.agent[0]!.secretKey);
});

afterAll(() => {
  resolver?.child.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('examples/verify-token.mjs against a running sigil resolver', () => {
  it('accepts a token the Agent signed for the User, and says who signed in', async () => {
    const outcome = await runExample(['--resolver', resolver.url, '--audience', AUDIENCE], await signInToken());
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.answer).toEqual({ valid: true, user: e.userDid, agent: e.agentDid, format: 'sigil', expiresAt: expect.any(Number) });
  });

  it('refuses a token made for another site', async () => {
    const outcome = await runExample(['--resolver', resolver.url, '--audience', AUDIENCE], await signInToken({ audience: 'https://elsewhere.example' }));
    expect(outcome.code).toBe(1);
    expect(outcome.answer).toMatchObject({ valid: false, reason: expect.stringMatching(/audience/) });
  });

  it('refuses a token signed with a key the Agent does not have', async () => {
    const outcome = await runExample(['--resolver', resolver.url, '--audience', AUDIENCE], await signInToken({ secretKey: e.twin[2]!.secretKey }));
    expect(outcome.code).toBe(1);
    expect(outcome.answer).toMatchObject({ valid: false });
  });

  it('refuses a token for a User the resolver does not know', async () => {
    const outcome = await runExample(['--resolver', resolver.url, '--audience', AUDIENCE], await signInToken({ subject: e.twinDid }));
    expect(outcome.code).toBe(1);
    expect(outcome.answer).toMatchObject({ valid: false, reason: expect.stringContaining('not found') });
  });

  it('refuses what is not a token, and explains how to call it when an option is missing', async () => {
    expect((await runExample(['--resolver', resolver.url, '--audience', AUDIENCE], 'not-a-token')).answer).toMatchObject({ valid: false });
    const usage = await runExample(['--resolver', resolver.url], await signInToken());
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: /);
  });
});

it("the README's server-side snippet is the example's own function, word for word", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const example = readFileSync(join(root, 'examples/verify-token.mjs'), 'utf8');
  const snippet = /```js\n(import \{[^}]*\} from 'sigil-wallet\/core';\n\n(export async function verifySignIn[\s\S]*?\n\}))\n```/.exec(readme);
  expect(snippet, 'README: the ```js block with verifySignIn').not.toBeNull();
  expect(example).toContain(snippet![2]);
});
