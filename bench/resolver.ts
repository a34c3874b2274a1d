/**
 * Sigil's resolver: discover and register throughput on SQLite and PostgreSQL as a ratio to a bare Node
 * HTTP server answering a constant (same machine, same run, 50 concurrent keep-alive clients on
 * loopback); a load run of 20 000 discovers + 2 000 registers against the real process per store
 * (0 lost, 0 wrong answers required); and a SIGKILL in the middle of a load (every acknowledged
 * registration must be there after a restart). A lost or wrong answer fails the group (its last case).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../e2e/resolver/postgres';
import { startResolver, type ResolverServer } from '../src/resolver/server';
import {
  discoverCall,
  killMidLoad,
  makeDocuments,
  processLoad,
  registerCall,
  runCalls,
  type BenchDocument,
  type Call,
} from './resolver-load';
import { figure, type BenchFigure } from './figures';
import type { BenchCase, BenchGroup } from './types';

const CLIENTS = 50;
const THROUGHPUT_DISCOVERS = 5_000;
const THROUGHPUT_REGISTERS = 1_000;
const LOAD_DISCOVERS = 20_000;
const LOAD_REGISTERS = 2_000;
const LOAD_KNOWN = 1_000;
const KILL_AFTER = 1_000;
const BATCH = 100;
const BATCH_RUNS = 5;

let documents: BenchDocument[] = [];
let bare: Server | null = null;
let bareUrl = '';
let postgres: PostgresServer | null = null;
let sqliteDir = '';
const resolvers: { name: string; server: ResolverServer }[] = [];
const figures: string[] = [];
const throughput: Record<string, number> = {};
const benchFigures: BenchFigure[] = [];
const problems: string[] = [];

const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;

async function measure(label: string, url: string, calls: Call[]): Promise<number> {
  const outcome = await runCalls(url, calls, CLIENTS);
  if (outcome.ok !== calls.length) throw new Error(`${label}: ${outcome.wrong} wrong and ${outcome.failed} failed of ${calls.length}`);
  throughput[label] = outcome.perSecond;
  return outcome.perSecond;
}

/** A batch of requests as one timed sample; registers use documents not registered before. */
function batchCase(name: string, url: string, make: (sample: number) => Call[]): BenchCase {
  let sample = 0;
  return {
    name,
    runs: BATCH_RUNS,
    warmup: 1,
    run: async () => {
      const calls = make(sample++);
      const outcome = await runCalls(url, calls, CLIENTS);
      if (outcome.ok !== calls.length) throw new Error(`${outcome.wrong} wrong, ${outcome.failed} failed`);
    },
  };
}

const group: BenchGroup = {
  name: 'resolver',
  description: 'Sigil resolver',
  async setup() {
    documents = await makeDocuments(LOAD_KNOWN + LOAD_REGISTERS);
    bare = createServer((_req, res) => {
      _req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"token":"constant"}');
    });
    await new Promise<void>((done) => bare!.listen(0, '127.0.0.1', done));
    bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    postgres = await startPostgres();
    sqliteDir = mkdtempSync(join(tmpdir(), 'sigil-bench-resolver-'));
    resolvers.push({ name: 'SQLite', server: await startResolver({ dataDir: join(sqliteDir, 'throughput'), rateLimit: null }) });
    resolvers.push({ name: 'PostgreSQL', server: await startResolver({ databaseUrl: await postgres.createDatabase('throughput'), rateLimit: null }) });

    // Throughput, in-process server, 50 clients. Discover targets are registered first.
    const targets = documents.slice(0, 200);
    const discovers = Array.from({ length: THROUGHPUT_DISCOVERS }, (_, i) => discoverCall(targets[i % targets.length]!));
    const registers = documents.slice(200, 200 + THROUGHPUT_REGISTERS).map(registerCall);
    const bareCalls = (calls: Call[]) => calls.map((c) => ({ ...c, expectBody: undefined }));
    // Untimed warm-up of every server (JIT, connections, caches) so the order of measurement does not matter.
    await runCalls(bareUrl, bareCalls(discovers.slice(0, 1_000)), CLIENTS);
    for (const { server } of resolvers) {
      await runCalls(server.url, targets.map(registerCall), CLIENTS);
      await runCalls(server.url, discovers.slice(0, 1_000), CLIENTS);
    }
    const bareGet = await measure('bare GET', bareUrl, bareCalls(discovers));
    const barePost = await measure('bare POST', bareUrl, bareCalls(registers));
    figures.push(`bare node:http constant: GET ${perSecond(bareGet)}, POST (same bodies) ${perSecond(barePost)}`);
    for (const { name, server } of resolvers) {
      const discover = await measure(`${name} discover`, server.url, discovers);
      const register = await measure(`${name} register`, server.url, registers);
      figures.push(
        `${name}: discover ${perSecond(discover)} = ${(discover / bareGet).toFixed(3)}× bare, register ${perSecond(register)} = ${(register / barePost).toFixed(3)}× bare`,
      );
      benchFigures.push(
        figure({ name: `${name} discover, requests per second`, unit: 'requests', value: discover, baseline: { name: 'bare node:http GET', value: bareGet } }),
        figure({ name: `${name} register, requests per second`, unit: 'requests', value: register, baseline: { name: 'bare node:http POST', value: barePost } }),
      );
    }

    // Load runs against the real process (`sigil resolver`), one fresh store each.
    const known = documents.slice(0, LOAD_KNOWN);
    const fresh = documents.slice(LOAD_KNOWN, LOAD_KNOWN + LOAD_REGISTERS);
    const stores: [string, () => Promise<string[]>][] = [
      ['SQLite', async () => ['--data', mkdtempSync(join(sqliteDir, 'load-'))]],
      ['PostgreSQL', async () => ['--database', await postgres!.createDatabase(`load_${Date.now()}`)]],
    ];
    for (const [name, args] of stores) {
      const run = await processLoad(await args(), known, fresh, LOAD_DISCOVERS, CLIENTS);
      const { load } = run;
      figures.push(
        `${name} process load: ${run.discovers} discovers + ${run.registers} registers from ${CLIENTS} clients in ${(load.ms / 1000).toFixed(1)} s (${perSecond(load.perSecond)}): ${load.wrong} wrong, ${load.failed} failed, ${run.lost} lost`,
      );
      if (load.wrong || load.failed || run.lost) problems.push(`${name} load: ${load.wrong} wrong, ${load.failed} failed, ${run.lost} lost`);
      const loadNote = `${run.discovers} discovers + ${run.registers} registers, ${CLIENTS} clients, ${(load.ms / 1000).toFixed(1)} s`;
      benchFigures.push(
        figure({ name: `${name} load: wrong or unanswered`, unit: 'requests', value: load.wrong + load.failed, target: { max: 0 }, note: loadNote }),
        figure({ name: `${name} load: acknowledged registers lost`, unit: 'requests', value: run.lost, target: { max: 0 } }),
      );
      const killed = await killMidLoad(await args(), documents.slice(0, LOAD_REGISTERS), CLIENTS, KILL_AFTER);
      figures.push(
        `${name} SIGKILL after ${KILL_AFTER} of ${killed.attempted} registers: ${killed.acknowledged} acknowledged, ${killed.lostAfterRestart} missing after restart`,
      );
      if (killed.lostAfterRestart) problems.push(`${name} SIGKILL: ${killed.lostAfterRestart} acknowledged registrations lost`);
      benchFigures.push(
        figure({
          name: `${name} SIGKILL mid-load: acknowledged registers lost`,
          unit: 'requests',
          value: killed.lostAfterRestart,
          target: { max: 0 },
          note: `killed after ${KILL_AFTER} acknowledgements; ${killed.acknowledged} of ${killed.attempted} acknowledged, all checked after a restart`,
        }),
      );
    }
    group.description = `Sigil resolver, ${CLIENTS} concurrent clients on loopback\n  ${figures.join('\n  ')}`;
  },
  cases: () => {
    const cases: BenchCase[] = [
      batchCase(`bare HTTP: ${BATCH} GETs`, bareUrl, () => documents.slice(0, BATCH).map((d) => ({ ...discoverCall(d), expectBody: undefined }))),
    ];
    for (const { name, server } of resolvers) {
      const ratio = (throughput[`${name} discover`]! / throughput['bare GET']!).toFixed(3);
      cases.push(batchCase(`${name}: ${BATCH} discovers (${ratio}× bare)`, server.url, () => documents.slice(0, BATCH).map(discoverCall)));
    }
    for (const { name, server } of resolvers) {
      const ratio = (throughput[`${name} register`]! / throughput['bare POST']!).toFixed(3);
      // Fresh documents each sample: 1 200 onwards were never registered on the throughput stores.
      cases.push(
        batchCase(`${name}: ${BATCH} registers (${ratio}× bare)`, server.url, (sample) =>
          documents.slice(1_200 + sample * BATCH, 1_200 + (sample + 1) * BATCH).map(registerCall),
        ),
      );
    }
    cases.push({
      name: 'load and SIGKILL runs: every answer right, no acknowledged write lost',
      runs: 1,
      warmup: 0,
      run: () => {
        if (problems.length) throw new Error(problems.join('; '));
      },
    });
    return cases;
  },
  figures: () => ({ figures: benchFigures, notes: [] }),
  async teardown() {
    await Promise.all(resolvers.splice(0).map((r) => r.server.close()));
    await new Promise<void>((done) => (bare ? bare.close(() => done()) : done()));
    await postgres?.stop();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  },
};

export default group;
