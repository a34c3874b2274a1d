/**
 * Issue 12 items 4, 8 and 10 (last part) on the real background in Node: per-site cooldown, "Block
 * this site" for any request, no focus stolen by new requests, the caps (also while locked), and the
 * embedding page's origin kept with a framed request.
 */
import { describe, expect, it } from 'vitest';
import { PENDING_LIMIT_PER_ORIGIN } from '../../src/background/approvals';
import { COOLDOWN_MS } from '../../src/background/approvals/cooldown';
import { PENDING_LIMIT_TOTAL } from '../../src/background/approvals/errors';
import type { PageContext } from '../../src/background/sender';
import type { ApprovalDetails } from '../../src/shared/ui-api/approvals';
import {
  PASSWORD,
  rejectionOf,
  settle,
  SITE,
  SITE_CTX,
  startBackground,
  until,
  VECTOR_SEED_HEX,
  type TestBackground,
} from '../background/helpers';

const proofDetails: ApprovalDetails = {
  method: 'sigil_delegationProof',
  agent: { did: 'did:iotics:iotAgent', kind: 'agent', label: 'Agent' },
  delegator: 'did:iotics:iotOther',
  proofType: 'did',
} as ApprovalDetails;
const connectDetails: ApprovalDetails = { method: 'sigil_connect', kinds: null, choices: [] };

async function unlocked(): Promise<TestBackground> {
  const bg = await startBackground();
  await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX } });
  return bg;
}

const waitingIds = async (bg: TestBackground) => (await bg.approvals.pendingViews()).requests.map((r) => r.id);
/** Asks as a page would; the clock moves on a little so that the queue's order is the order of asking. */
function ask(bg: TestBackground, requestId: string, ctx: PageContext = SITE_CTX, details = proofDetails) {
  bg.platform.clock.now += 1;
  return bg.approvals.awaitApproval({ ctx, requestId, details });
}

describe('per-site cooldown (item 4)', () => {
  it('a site re-asking right after the person rejected gets 4001 at once, without a window, until the cooldown ends', async () => {
    const bg = await unlocked();
    const first = rejectionOf(ask(bg, 'r1'));
    await until(async () => (await waitingIds(bg)).length === 1);
    await bg.approvals.decide((await waitingIds(bg))[0]!, 'reject');
    expect(await first).toMatchObject({ code: 4001 });
    expect(bg.platform.windows.created).toBe(1);

    expect(await rejectionOf(ask(bg, 'r2'))).toMatchObject({ code: 4001, message: expect.stringContaining('5 seconds') });
    expect(await waitingIds(bg)).toEqual([]);
    expect(bg.platform.windows.created).toBe(1);
    // Another site is not held back by this one's cooldown.
    void ask(bg, 'o1', { origin: 'https://other.example', tabId: 8, frameId: 0 }).catch(() => undefined);
    await until(async () => (await waitingIds(bg)).length === 1);

    bg.platform.clock.now += COOLDOWN_MS;
    void ask(bg, 'r3').catch(() => undefined);
    await until(async () => (await waitingIds(bg)).length === 2);
  });

  it('closing the window starts the cooldown of every site that waited in it, also those waiting for the unlock', async () => {
    const bg = await unlocked();
    const first = rejectionOf(ask(bg, 'r1'));
    await until(() => bg.platform.badge.text === '1');
    const [windowId] = [...bg.platform.windows.open];
    await bg.platform.windows.remove(windowId!);
    await bg.approvals.onWindowRemoved(windowId!);
    expect(await first).toMatchObject({ code: 4001 });
    expect(await rejectionOf(ask(bg, 'r2'))).toMatchObject({ code: 4001, message: expect.stringContaining('turned down') });
    await bg.ui('ui_lock', undefined);
    expect(await rejectionOf(bg.approvals.awaitUnlocked(SITE_CTX))).toMatchObject({ code: 4001 });
    expect(bg.platform.windows.created).toBe(1);
  });

  it('a frame that asks and disappears cannot open the window again at once', async () => {
    const bg = await unlocked();
    const frame: PageContext = { origin: SITE, tabId: 7, frameId: 3 };
    void ask(bg, 'f1', frame).catch(() => undefined);
    await until(() => bg.platform.windows.open.size === 1);
    await bg.approvals.onPageGone(frame, new Set(['f1']));
    expect(bg.platform.windows.open.size).toBe(0);
    expect(await rejectionOf(ask(bg, 'f2', { ...frame, frameId: 4 }))).toMatchObject({ code: 4001 });
    expect(bg.platform.windows.created).toBe(1);
  });

  it('a request re-sent after a worker restart still gets its recorded approval during a cooldown', async () => {
    const bg = await unlocked();
    const first = ask(bg, 'a1').catch(() => 'the first worker is gone');
    void ask(bg, 'a2').catch(() => undefined);
    await until(async () => (await waitingIds(bg)).length === 2);
    const [approveId, rejectId] = await waitingIds(bg);
    const restarted = await startBackground(bg.platform);
    await restarted.approvals.decide(rejectId!, 'reject');
    await restarted.approvals.decide(approveId!, 'approve');
    expect(await rejectionOf(ask(restarted, 'a3'))).toMatchObject({ code: 4001 });
    expect(await ask(restarted, 'a1')).toEqual({});
    void first;
  });
  it('a page that closes after its request was approved (before the answer was handed over) gets no cooldown', async () => {
    const bg = await unlocked();
    void ask(bg, 'a1').catch(() => undefined);
    await until(async () => (await waitingIds(bg)).length === 1);
    // Approved through another worker instance: the row keeps its outcome until a waiter takes it.
    const restarted = await startBackground(bg.platform);
    await restarted.approvals.decide((await waitingIds(restarted))[0]!, 'approve');
    await restarted.approvals.onPageGone(SITE_CTX, new Set(['a1']));
    // Nothing was withdrawn from the person, so the site may ask again at once.
    void ask(restarted, 'a2').catch(() => undefined);
    await until(async () => (await waitingIds(restarted)).length === 1);
  });
});

describe('"Block this site" for every kind of request (item 4)', () => {
  it('blocking a connected site from a proof request disconnects it, refuses it, and cancels its other requests', async () => {
    const bg = await unlocked();
    await bg.permissions.connect(SITE, []);
    const blocked = rejectionOf(ask(bg, 'b1'));
    const other = rejectionOf(ask(bg, 'b2'));
    await until(async () => (await waitingIds(bg)).length === 2);
    await bg.approvals.decide((await waitingIds(bg))[0]!, 'block');
    expect(await blocked).toMatchObject({ code: 4001, message: expect.stringContaining('blocked this site') });
    expect(await other).toMatchObject({ code: 4001 });
    expect(await bg.permissions.isConnected(SITE)).toBe(false);
    expect(await bg.permissions.isRejected(SITE)).toBe(true);
    expect(bg.emitted).toContainEqual({ type: 'siteDisconnected', origin: SITE });
    expect(await waitingIds(bg)).toEqual([]);
  });
});

describe('a blocked site waiting for the unlock', () => {
  it('is turned down at once instead of reaching the queue after the unlock', async () => {
    const bg = await unlocked();
    await bg.permissions.connect(SITE, []);
    await bg.ui('ui_lock', undefined);
    const waiting = rejectionOf(bg.approvals.awaitUnlocked(SITE_CTX));
    await until(() => bg.platform.badge.text === '1');
    await bg.permissions.block(SITE);
    expect(await waiting).toMatchObject({ code: 4001, message: expect.stringContaining('disconnected') });
  });
});

describe('focus (item 4)', () => {
  it('a new request never brings the open window to the front; the person asking to see it does', async () => {
    const bg = await unlocked();
    const focused: number[] = [];
    const recordFocus = async (id: number, info?: { focused?: boolean }) => {
      if (info?.focused) focused.push(id);
      return {};
    };
    bg.platform.windows.update = recordFocus as unknown as typeof bg.platform.windows.update;
    for (let i = 0; i < 5; i++) void ask(bg, `r${i}`).catch(() => undefined);
    await until(() => bg.platform.badge.text === '5');
    expect(bg.platform.windows.created).toBe(1);
    expect(focused).toEqual([]);
    await bg.approvals.showApprovals();
    expect(focused).toHaveLength(1);
  });
});

describe('caps (item 8)', () => {
  it(`at most ${PENDING_LIMIT_TOTAL} requests wait overall: 30 subdomains of one site get the rest refused with 4100`, async () => {
    const bg = await unlocked();
    const outcomes = Array.from({ length: 30 }, (_, i) =>
      ask(bg, `c${i}`, { origin: `https://s${i}.site.example`, tabId: 10 + i, frameId: 0 }, connectDetails).then(
        () => 'approved',
        (error: { code: number; message: string }) => error,
      ),
    );
    await until(async () => (await waitingIds(bg)).length === PENDING_LIMIT_TOTAL);
    await settle(100);
    const refused = (await Promise.race([Promise.all(outcomes.slice(PENDING_LIMIT_TOTAL)), settle(2000).then(() => [])])) as {
      code: number;
      message: string;
    }[];
    expect(refused).toHaveLength(30 - PENDING_LIMIT_TOTAL);
    for (const error of refused) expect(error).toMatchObject({ code: 4100, message: expect.stringContaining(`${PENDING_LIMIT_TOTAL} requests waiting`) });
    expect(await waitingIds(bg)).toHaveLength(PENDING_LIMIT_TOTAL);
  });

  it('while locked, the per-site cap and the overall cap hold for requests waiting for the unlock', async () => {
    const bg = await unlocked();
    await bg.ui('ui_lock', undefined);
    for (let i = 0; i < PENDING_LIMIT_PER_ORIGIN; i++) void bg.approvals.awaitUnlocked({ ...SITE_CTX, frameId: i }).catch(() => undefined);
    await until(() => bg.platform.badge.text === String(PENDING_LIMIT_PER_ORIGIN));
    expect(await rejectionOf(bg.approvals.awaitUnlocked({ ...SITE_CTX, frameId: 99 }))).toMatchObject({ code: 4100 });
    // Connect requests of other sites queue while locked and count against the overall cap with them.
    for (let i = 0; i < PENDING_LIMIT_TOTAL - PENDING_LIMIT_PER_ORIGIN; i++)
      void ask(bg, `c${i}`, { origin: `https://s${i}.site.example`, tabId: 50 + i, frameId: 0 }, connectDetails).catch(() => undefined);
    await until(() => bg.platform.badge.text === String(PENDING_LIMIT_TOTAL));
    expect(await rejectionOf(bg.approvals.awaitUnlocked({ origin: 'https://late.example', tabId: 90, frameId: 0 }))).toMatchObject({
      code: 4100,
    });
    expect(
      await rejectionOf(ask(bg, 'late', { origin: 'https://late.example', tabId: 91, frameId: 0 }, connectDetails)),
    ).toMatchObject({ code: 4100 });
  });
});

describe('the embedding page (item 10)', () => {
  it('a request from a frame of another origin carries the top-level origin the browser reported; others do not', async () => {
    const bg = await unlocked();
    void ask(bg, 'e1', { origin: SITE, tabId: 7, frameId: 2, topOrigin: 'https://embedder.example' }).catch(() => undefined);
    void ask(bg, 'e2', { origin: SITE, tabId: 7, frameId: 3, topOrigin: SITE }).catch(() => undefined);
    void ask(bg, 'e3', { origin: SITE, tabId: 7, frameId: 0, topOrigin: SITE }).catch(() => undefined);
    await until(async () => (await waitingIds(bg)).length === 3);
    const views = (await bg.approvals.pendingViews()).requests;
    expect(views.map((view) => view.embeddedIn)).toEqual(['https://embedder.example', undefined, undefined]);
  });
});
