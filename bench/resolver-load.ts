/**
 * Load tools for the resolver bench: document tokens made with the real core, a keep-alive HTTP client
 * that runs requests from N concurrent clients and checks every answer, and the load and SIGKILL runs
 * against the real resolver process.
 */
import { Agent, request } from 'node:http';
import {
  createDocumentToken,
  createIdentity,
  deriveEntityKeys,
  entropyToMaster,
  hexToBytes,
} from '../src/core/index';
import { spawnResolver } from '../e2e/resolver/process';

export interface BenchDocument {
  did: string;
  token: string;
}

/** `count` new sigil identities, each with its document token. */
export async function makeDocuments(count: number): Promise<BenchDocument[]> {
  const master = await entropyToMaster(hexToBytes('0f'.repeat(32)));
  const documents: BenchDocument[] = [];
  for (let i = 0; i < count; i++) {
    const keys = await deriveEntityKeys(master, 'twin', `bench-${i}`);
    const { document } = await createIdentity({ kind: 'twin', keys, updateTime: 1_700_000_000_000 + i });
    documents.push({ did: document.id, token: await createDocumentToken(document, { secretKey: keys[0]!.secretKey, audience: 'bench' }) });
  }
  return documents;
}

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** The answer a correct resolver gives: status and, when set, the exact body. */
  expectStatus: number;
  expectBody?: string;
}

export interface LoadOutcome {
  requests: number;
  ok: number;
  /** Answered, but not with the expected status or body. */
  wrong: number;
  /** No answer (connection error). */
  failed: number;
  ms: number;
  perSecond: number;
  /** Indexes of the calls answered as expected. */
  acknowledged: Set<number>;
}

function call(agent: Agent, base: URL, c: Call): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, path: c.path, method: c.method, headers: c.body === undefined ? {} : { 'content-length': Buffer.byteLength(c.body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(c.body);
  });
}

/** Runs `calls` from `clients` concurrent keep-alive clients, in order of the list. */
export async function runCalls(url: string, calls: Call[], clients: number, onAnswer?: (index: number, ok: boolean) => void): Promise<LoadOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const base = new URL(url);
  const outcome: LoadOutcome = { requests: calls.length, ok: 0, wrong: 0, failed: 0, ms: 0, perSecond: 0, acknowledged: new Set() };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < calls.length) {
        const index = next++;
        const c = calls[index]!;
        try {
          const answer = await call(agent, base, c);
          const ok = answer.status === c.expectStatus && (c.expectBody === undefined || answer.body === c.expectBody);
          if (ok) {
            outcome.ok++;
            outcome.acknowledged.add(index);
          } else outcome.wrong++;
          onAnswer?.(index, ok);
        } catch {
          outcome.failed++;
          onAnswer?.(index, false);
        }
      }
    }),
  );
  outcome.ms = performance.now() - started;
  outcome.perSecond = (calls.length / outcome.ms) * 1000;
  agent.destroy();
  return outcome;
}

export const discoverCall = (d: BenchDocument): Call => ({
  method: 'GET',
  path: `/1.0/discover/${d.did}`,
  expectStatus: 200,
  expectBody: JSON.stringify({ token: d.token }),
});
export const registerCall = (d: BenchDocument): Call => ({ method: 'POST', path: '/1.0/register', body: d.token, expectStatus: 200 });

/** Discovers of `known` interleaved with registers of `fresh`: one register every `discovers/registers` discovers. */
export function mixedCalls(known: BenchDocument[], discovers: number, fresh: BenchDocument[]): Call[] {
  const calls: Call[] = [];
  const every = Math.max(1, Math.floor(discovers / fresh.length));
  let r = 0;
  for (let i = 0; i < discovers; i++) {
    calls.push(discoverCall(known[i % known.length]!));
    if (i % every === every - 1 && r < fresh.length) calls.push(registerCall(fresh[r++]!));
  }
  while (r < fresh.length) calls.push(registerCall(fresh[r++]!));
  return calls;
}

/** Every document answered by discover exactly as registered; returns how many are missing or different. */
export async function countMissing(url: string, documents: BenchDocument[], clients: number): Promise<number> {
  const check = await runCalls(url, documents.map(discoverCall), clients);
  return check.requests - check.ok;
}

export interface ProcessLoadResult {
  load: LoadOutcome;
  discovers: number;
  registers: number;
  /** Registrations acknowledged but not served afterwards. */
  lost: number;
}

/** The ≥20 000 discovers + ≥2 000 registers run against the real process; `args` choose the store. */
export async function processLoad(args: string[], known: BenchDocument[], fresh: BenchDocument[], discovers: number, clients: number): Promise<ProcessLoadResult> {
  const resolver = await spawnResolver([...args, '--rate-limit', '0']);
  try {
    const preload = await runCalls(resolver.url, known.map(registerCall), clients);
    if (preload.ok !== known.length) throw new Error(`preloading ${known.length} documents: ${preload.ok} accepted`);
    const calls = mixedCalls(known, discovers, fresh);
    const load = await runCalls(resolver.url, calls, clients);
    const lost = await countMissing(resolver.url, fresh, clients);
    return { load, discovers, registers: fresh.length, lost };
  } finally {
    resolver.child.kill('SIGTERM');
    await resolver.exited;
  }
}

export interface KillResult {
  acknowledged: number;
  attempted: number;
  lostAfterRestart: number;
}

/** Registers from `clients` clients, SIGKILLs the process after `killAfter` acknowledgements, restarts it and checks every acknowledged one. */
export async function killMidLoad(args: string[], documents: BenchDocument[], clients: number, killAfter: number): Promise<KillResult> {
  const resolver = await spawnResolver([...args, '--rate-limit', '0']);
  let acknowledged = 0;
  const outcome = await runCalls(resolver.url, documents.map(registerCall), clients, (_, ok) => {
    if (ok && ++acknowledged === killAfter) resolver.child.kill('SIGKILL');
  });
  await resolver.exited;
  const again = await spawnResolver([...args, '--rate-limit', '0']);
  try {
    const kept = documents.filter((_, i) => outcome.acknowledged.has(i));
    return { acknowledged: kept.length, attempted: documents.length, lostAfterRestart: await countMissing(again.url, kept, clients) };
  } finally {
    again.child.kill('SIGTERM');
    await again.exited;
  }
}
