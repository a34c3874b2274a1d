import { describe, expect, it } from 'vitest';
import { PENDING_LIMIT_PER_ORIGIN } from '../../src/background/approvals';
import type { ApprovalDetails } from '../../src/shared/ui-api/approvals';
import { PASSWORD, rejectionOf, settle, SITE, SITE_CTX, startBackground, until, VECTOR_SEED_HEX, type TestBackground } from './helpers';

const connectDetails: ApprovalDetails = { method: 'sigil_connect', kinds: null, choices: [] };
const proofDetails: ApprovalDetails = {
  method: 'sigil_delegationProof',
  format: 'sigil',
  agent: { did: 'did:iotics:iotAgent', kind: 'agent', label: 'Agent' },
  delegator: 'did:iotics:iotOther',
  proofType: 'did',
};

async function unlocked(): Promise<TestBackground> {
  const bg = await startBackground();
  await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX } });
  return bg;
}

const waitingIds = async (bg: TestBackground) => (await bg.approvals.pendingViews()).requests.map((r) => r.id);

describe('approvals', () => {
  it('shows a request in one window with the count on the badge, and hands the approval to it', async () => {
    const bg = await unlocked();
    const approved = bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId: 'r1', details: proofDetails });
    await until(() => bg.platform.badge.text === '1');
    expect(bg.platform.windows.open.size).toBe(1);
    const [id] = await waitingIds(bg);
    expect(await bg.approvals.decide(id!, 'approve')).toBe(0);
    expect(await approved).toEqual({});
    expect(bg.platform.badge.text).toBe('');
    expect(bg.platform.windows.open.size).toBe(0);
  });

  it('turns down everything waiting when the person closes the window (4001)', async () => {
    const bg = await unlocked();
    const first = rejectionOf(bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId: 'r1', details: proofDetails }));
    const second = rejectionOf(bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId: 'r2', details: proofDetails }));
    await until(() => bg.platform.badge.text === '2');
    const [windowId] = [...bg.platform.windows.open];
    await bg.platform.windows.remove(windowId!);
    await bg.approvals.onWindowRemoved(windowId!);
    expect(await first).toMatchObject({ code: 4001, message: expect.stringContaining('window was closed') });
    expect(await second).toMatchObject({ code: 4001 });
    expect(await waitingIds(bg)).toEqual([]);
  });

  it('a window the person closed is not reopened by an answer that lands before the close event: the rest is turned down', async () => {
    const bg = await unlocked();
    const outcomes = ['r1', 'r2'].map((requestId) =>
      bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId, details: proofDetails }).then(
        () => 'approved',
        (error: { code: number; message: string }) => `${error.code} ${error.message}`,
      ),
    );
    await until(() => bg.platform.badge.text === '2');
    const [windowId] = [...bg.platform.windows.open];
    const [approvedId] = await waitingIds(bg);
    // The person approves one request and closes the window; the approval is handled first.
    await bg.platform.windows.remove(windowId!);
    await bg.approvals.decide(approvedId!, 'approve');
    await bg.approvals.onWindowRemoved(windowId!);
    const stillWaiting = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 500));
    const answers = await Promise.all(outcomes.map((outcome) => Promise.race([outcome, stillWaiting])));
    expect(answers.sort()).toEqual([expect.stringMatching(/^4001 .*window was closed/), 'approved']);
    expect(bg.platform.windows.open.size).toBe(0);
    expect(await waitingIds(bg)).toEqual([]);
  });

  it('remembers a rejected connection: the site is refused until the person forgets it', async () => {
    const bg = await unlocked();
    const asked = rejectionOf(bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId: 'c1', details: connectDetails }));
    await until(async () => (await waitingIds(bg)).length === 1);
    await bg.approvals.decide((await waitingIds(bg))[0]!, 'reject');
    expect(await asked).toMatchObject({ code: 4001 });
    expect(await bg.permissions.isRejected(SITE)).toBe(true);
  });

  it('refuses more than the per-site cap and a second connect at once', async () => {
    const bg = await unlocked();
    const waiting = [];
    for (let i = 0; i < PENDING_LIMIT_PER_ORIGIN; i++)
      waiting.push(bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId: `r${i}`, details: proofDetails }).catch(() => undefined));
    await until(async () => (await waitingIds(bg)).length === PENDING_LIMIT_PER_ORIGIN);
    expect(await rejectionOf(bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId: 'over', details: proofDetails }))).toMatchObject({
      code: 4100,
    });
    expect(bg.platform.badge.text).toBe(String(PENDING_LIMIT_PER_ORIGIN));
  });

  it('hands a decision made while the worker was stopped to the request when it is re-sent', async () => {
    const bg = await unlocked();
    void bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId: 'r1', details: proofDetails });
    await until(async () => (await waitingIds(bg)).length === 1);
    const restarted = await startBackground(bg.platform);
    await restarted.approvals.decide((await waitingIds(restarted))[0]!, 'approve');
    // The first worker's waiter is gone with it; the content script re-sends to the new one.
    const again = await restarted.approvals.awaitApproval({ ctx: SITE_CTX, requestId: 'r1', details: proofDetails });
    expect(again).toEqual({});
    expect(await waitingIds(restarted)).toEqual([]);
  });

  it('refuses to approve while locked, and checks the password of a priority-0 replacement', async () => {
    const bg = await unlocked();
    const details: ApprovalDetails = {
      method: 'sigil_replaceKey',
      format: 'sigil',
      entity: { did: 'did:iotics:iotUser', kind: 'user', label: 'Alice' },
      oldKey: { id: '#user-0-0', idpub: 'idpub-old', priority: 0 },
      newKey: null,
      signer: { id: '#user-0-0', idpub: 'idpub-old', priority: 0 },
      requiresPassword: true,
    };
    const asked = bg.approvals.awaitApproval({ ctx: SITE_CTX, requestId: 'k1', details });
    await until(async () => (await waitingIds(bg)).length === 1);
    const [id] = await waitingIds(bg);
    expect(await rejectionOf(bg.approvals.decide(id!, 'approve', { password: 'not the password' }))).toMatchObject({
      code: -32602,
      data: { field: 'password' },
    });
    await bg.ui('ui_lock', undefined);
    expect(await rejectionOf(bg.approvals.decide(id!, 'approve', { password: PASSWORD }))).toMatchObject({ code: 4100 });
    await bg.ui('ui_unlock', { password: PASSWORD });
    await bg.approvals.decide(id!, 'approve', { password: PASSWORD });
    expect(await asked).toEqual({});
  });

  it('keeps a request that needs the keys waiting until the unlock, counted on the badge', async () => {
    const bg = await unlocked();
    await bg.ui('ui_lock', undefined);
    let released = false;
    const waiting = bg.approvals.awaitUnlocked(SITE_CTX).then(() => (released = true));
    await until(() => bg.platform.badge.text === '1');
    expect((await bg.approvals.pendingViews()).waitingForUnlock).toEqual([SITE]);
    await settle();
    expect(released).toBe(false);
    await bg.ui('ui_unlock', { password: PASSWORD });
    await waiting;
    expect(released).toBe(true);
  });
});
