/**
 * The security suite (issue 12), on the real extension in Chromium. A known test wallet is set up;
 * then pages of several origins and frame kinds send more than 10 000 fuzzed requests while the
 * service worker is stopped now and then, and a stand-in for the person turns down whatever asks
 * for approval. Every answer, every event a page receives and every console line is scanned for
 * the wallet's secrets. Findings: a secret seen, a request never answered, an answer a frame must
 * not get (a result where only refusals are allowed, an internal error), or the wallet changed.
 * Prints its counts; fails on any finding.
 */
import type { Frame } from '@playwright/test';
import { approvalWindow } from '../support/approval-window-chromium';
import { expect, test } from '../support/chromium';
import { requestOutcome, startRequest } from '../support/page-requests';
import { connectUi, type UiClient } from '../support/ui-messages';
import { stopWorkerOnce } from '../support/worker-stop-chromium';
import { fuzzInPage, type FuzzAnswer, type FuzzInput } from './page-fuzz';
import { SUITE_KEY_NAMES, SUITE_PASSWORD, SUITE_SEED_HEX, secretsFound, suiteSecrets } from './secrets';

/** Methods whose results a connected site may get without the person (reads of what it was given). */
const CONNECTED_READS = new Set([
  'sigil_ping',
  'sigil_connect',
  'sigil_entities',
  'sigil_identity',
  'sigil_identityKeys',
  'sigil_identityKey',
  'sigil_document',
]);

/** What an unconnected origin may get: its ping, and `true` from disconnecting (which changes nothing). */
const UNCONNECTED_ANSWERS = new Set(['sigil_ping', 'sigil_disconnect']);

interface FrameKind {
  name: string;
  frame: Frame;
  /** What a result from this frame may answer: `connected` reads, `unconnected` (ping, and disconnect: a no-op), or `nothing`. */
  allowed: 'connected' | 'unconnected' | 'nothing';
  count: number;
  skipMethods: string[];
}

const OTHER_DID = 'did:iotics:iotLPFgE1Q5x31dpUAKUWemywwttHmC6Zzfs';

test('security suite: fuzz, secret scan and worker faults on the real extension (Chromium)', async ({
  context,
  serviceWorker,
  openExtensionPage,
  extensionId,
  dapp,
}) => {
  test.setTimeout(240_000);
  const secrets = await suiteSecrets();
  const consoleLines: string[] = [];
  context.on('console', (message) => consoleLines.push(message.text()));
  serviceWorker.on('console', (message) => consoleLines.push(message.text()));
  context.on('serviceworker', (worker) => worker.on('console', (message) => consoleLines.push(message.text())));

  // The known test wallet.
  const host = await openExtensionPage('popup.html');
  const ui: UiClient = await connectUi(host);
  await ui.call('ui_createWallet', { password: SUITE_PASSWORD, seed: { source: 'hex', hex: SUITE_SEED_HEX } });
  const { user, agent } = await ui.call('ui_createUserAndAgent', {
    user: { label: 'Suite user', keyName: SUITE_KEY_NAMES.user },
    agent: { label: 'Suite agent', keyName: SUITE_KEY_NAMES.agent },
  });
  const twin = await ui.call('ui_createTwin', { label: 'Suite twin', keyName: SUITE_KEY_NAMES.twin, agent: agent.did });
  const walletKeys = (await ui.call('ui_entity', { did: user.did })).keys.map((key) => key.idpub);
  // The scan looks for this wallet's own private keys: the keys derived here are the wallet's.
  expect(walletKeys.length).toBeGreaterThan(0);
  for (const idpub of walletKeys) expect(secrets.idpubs).toContain(idpub);

  // Site A is connected with every identity shared; B (a cross-origin iframe) and C (a tab) are not.
  const port = new URL(dapp.origin).port;
  const page = await context.newPage();
  await page.goto(`${dapp.origin}/suite-a`);
  await page.waitForFunction(() => 'sigil' in window);
  const connecting = await startRequest(page, 'sigil_connect');
  const approval = await approvalWindow(context);
  for (const box of await approval.getByRole('checkbox').all()) await box.check();
  await approval.getByRole('button', { name: 'Connect' }).click();
  expect(await requestOutcome(page, connecting)).toMatchObject({ ok: true });

  await page.evaluate(async (port) => {
    const add = (src: string, sandbox?: string) =>
      new Promise<void>((done) => {
        const frame = document.createElement('iframe');
        if (sandbox !== undefined) frame.setAttribute('sandbox', sandbox);
        frame.src = src;
        frame.addEventListener('load', () => done(), { once: true });
        document.body.append(frame);
      });
    await add('/suite-same-origin');
    await add(`http://localhost:${port}/suite-cross-origin`);
    await add('/suite-sandboxed', 'allow-scripts');
    await add('data:text/html,<p>data frame</p>');
    await add(URL.createObjectURL(new Blob(['<p>blob frame</p>'], { type: 'text/html' })));
  }, port);
  const other = await context.newPage();
  await other.goto(`http://c.localhost:${port}/suite-c`);
  await other.waitForFunction(() => 'sigil' in window);

  const frameNamed = (suffix: string) => page.frames().find((frame) => frame.url().endsWith(suffix))!;
  const dataFrame = page.frames().find((frame) => frame.url().startsWith('data:'))!;
  const blobFrame = page.frames().find((frame) => frame.url().startsWith('blob:'))!;
  await frameNamed('/suite-same-origin').waitForFunction(() => 'sigil' in window);
  await frameNamed('/suite-cross-origin').waitForFunction(() => 'sigil' in window);
  const kinds: FrameKind[] = [
    { name: 'top-level, connected', frame: page.mainFrame(), allowed: 'connected', count: 3000, skipMethods: ['sigil_disconnect'] },
    { name: 'same-origin iframe, connected', frame: frameNamed('/suite-same-origin'), allowed: 'connected', count: 2500, skipMethods: ['sigil_disconnect'] },
    { name: 'cross-origin iframe', frame: frameNamed('/suite-cross-origin'), allowed: 'unconnected', count: 2000, skipMethods: [] },
    { name: 'sandboxed iframe', frame: frameNamed('/suite-sandboxed'), allowed: 'nothing', count: 1000, skipMethods: [] },
    { name: 'top-level, not connected', frame: other.mainFrame(), allowed: 'unconnected', count: 2000, skipMethods: [] },
    { name: 'data: iframe', frame: dataFrame, allowed: 'nothing', count: 200, skipMethods: [] },
    { name: 'blob: iframe', frame: blobFrame, allowed: 'nothing', count: 200, skipMethods: [] },
  ];

  // The person: turns down ("Not now") whatever waits for approval, a few times a second.
  let personStops = false;
  let turnedDown = 0;
  const person = (async () => {
    while (!personStops) {
      try {
        const { requests } = await ui.call('ui_pending', undefined);
        for (const request of requests) {
          await ui.call('ui_decide', { id: request.id, decision: 'cancel' }).then(
            () => (turnedDown += 1),
            () => undefined,
          );
        }
      } catch {
        // The worker is being stopped: ask again in a moment.
      }
      await new Promise((done) => setTimeout(done, 250));
    }
  })();

  // Faults: the worker is stopped every 1.5 s while the fuzz runs, the first time 0.3 s after it began.
  let fuzzing = true;
  let workerStops = 0;
  const faults = (async () => {
    for (let wait = 300; fuzzing; wait = 1_500) {
      await new Promise((done) => setTimeout(done, wait));
      if (!fuzzing) break;
      await stopWorkerOnce(context, extensionId);
      workerStops += 1;
    }
  })();

  const findings: string[] = [];
  const before = { entities: (await ui.call('ui_entities', undefined)).entities.length, sites: (await ui.call('ui_sites', undefined)).sites };
  const dids = [user.did, agent.did, twin.did, OTHER_DID];
  let fuzzed = 0;
  let lost = 0;
  let textsScanned = 0;
  const framesServed: string[] = [];
  const framesNotServed: string[] = [];
  const scan = (where: string, text: string) => {
    textsScanned += 1;
    for (const secret of secretsFound(text, secrets)) findings.push(`${where}: ${secret} seen`);
  };
  const byOutcome = new Map<string, number>();
  const judge = (kind: FrameKind, answer: FuzzAnswer, origin: string) => {
    byOutcome.set(answer.outcome, (byOutcome.get(answer.outcome) ?? 0) + 1);
    scan(`${kind.name} ${answer.method} answer`, answer.text);
    if (answer.outcome === 'lost') lost += 1;
    if (answer.outcome === '-32603') findings.push(`${kind.name}: ${answer.method} got an internal error: ${answer.text.slice(0, 200)}`);
    if (answer.outcome !== 'result') return;
    const allowed =
      kind.allowed === 'connected' ? CONNECTED_READS.has(answer.method) : kind.allowed === 'unconnected' ? UNCONNECTED_ANSWERS.has(answer.method) : false;
    if (!allowed) findings.push(`${kind.name}: ${answer.method} answered with a result: ${answer.text.slice(0, 200)}`);
    if (answer.method === 'sigil_ping' && !answer.text.includes(JSON.stringify(origin)))
      findings.push(`${kind.name}: ping named another origin: ${answer.text.slice(0, 200)}`);
  };

  const started = performance.now();
  await Promise.all(
    kinds.map(async (kind, index) => {
      const input: FuzzInput = {
        count: kind.count,
        seed: 1000 + index,
        inFlight: 24,
        dids,
        keys: walletKeys,
        skipMethods: kind.skipMethods,
        lostAfterMs: 30_000,
      };
      const output = await kind.frame.evaluate(fuzzInPage, input);
      if (output.noProvider) {
        framesNotServed.push(kind.name);
        return;
      }
      framesServed.push(kind.name);
      const origin = await kind.frame.evaluate(() => self.origin);
      fuzzed += output.answers.length;
      for (const answer of output.answers) judge(kind, answer, origin);
      for (const event of output.events) scan(`${kind.name} event`, event);
      if (kind.allowed !== 'connected' && output.events.length > 0)
        findings.push(`${kind.name}: received events meant for connected sites: ${output.events.slice(0, 3).join('; ')}`);
    }),
  );
  const fuzzSeconds = (performance.now() - started) / 1000;
  fuzzing = false;
  await faults;
  personStops = true;
  await person;

  // Nothing a page sent changed the wallet: the same identities, the same sites.
  const after = { entities: (await ui.call('ui_entities', undefined)).entities.length, sites: (await ui.call('ui_sites', undefined)).sites };
  if (after.entities !== before.entities) findings.push(`the wallet's identities changed: ${before.entities} → ${after.entities}`);
  if (JSON.stringify(after.sites) !== JSON.stringify(before.sites)) findings.push('the connected sites changed');
  for (const line of consoleLines) scan('console', line);

  const summary = [
    `messages fuzzed: ${fuzzed} (${fuzzSeconds.toFixed(1)} s)`,
    `origins: 3 (connected ${dapp.origin}, http://localhost:${port}, http://c.localhost:${port})`,
    `frame kinds tried: ${kinds.length} (served: ${framesServed.join(', ')}; not served, no window.sigil: ${framesNotServed.join(', ') || 'none'})`,
    `secrets scanned: ${textsScanned} texts (answers, events, ${consoleLines.length} console lines) × ${secrets.needles.size} secrets`,
    `answers: ${[...byOutcome].sort((a, b) => b[1] - a[1]).map(([outcome, n]) => `${outcome} ${n}`).join(', ')}`,
    `faults injected: ${workerStops} worker stops during the fuzz`,
    `requests turned down by the stand-in person: ${turnedDown}`,
    `items lost: ${lost}`,
    `findings: ${findings.length}`,
  ];
  console.log(`\n── security suite (Chromium) ──\n${summary.join('\n')}`);
  const distinct = new Map<string, number>();
  for (const finding of findings) distinct.set(finding.slice(0, 160), (distinct.get(finding.slice(0, 160)) ?? 0) + 1);
  for (const [finding, n] of [...distinct].slice(0, 40)) console.log(`FINDING ×${n} ${finding}`);

  expect(fuzzed).toBeGreaterThanOrEqual(10_000);
  expect(workerStops).toBeGreaterThan(0);
  expect(lost).toBe(0);
  expect(findings).toEqual([]);
});
