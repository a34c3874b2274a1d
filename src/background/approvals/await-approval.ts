/** What page handlers call to have the person approve a request, or to wait until the wallet is unlocked. */
import { ErrorCode, SigilError } from '../../shared/errors';
import type { ApprovalChoices, ApprovalDetails } from '../../shared/ui-api/approvals';
import type { PageContext } from '../sender';
import type { PendingRequestRecord } from '../storage';
import { onUnlocked } from './lifecycle';
import { hasWallet, isUnlocked } from './lock-state';
import { findOrQueue, removeRow } from './queue';
import { syncQueue } from './sync';
import { addUnlockWaiter } from './unlock-waiters';
import { addWaiter, settleWaiters, waiterKey } from './waiters';

export interface ApprovalRequest {
  ctx: PageContext;
  /** The content script's request id: the same request re-sent after a worker restart finds its row. */
  requestId: string;
  details: ApprovalDetails;
}

/** Hands a recorded outcome to this instance's waiters of the row; removes the row once someone got it. */
export async function deliverOutcome(row: PendingRequestRecord): Promise<boolean> {
  if (!row.outcome || !settleWaiters(waiterKey(row.origin, row.requestId), row.outcome)) return false;
  await removeRow(row.id);
  return true;
}

/**
 * Queues the request in IndexedDB (or finds it, when re-sent), shows it in the approval window and
 * resolves with the person's choices on approve; rejects with 4001 on reject, cancel or when the
 * window is closed. While the wallet is locked the window first asks to unlock it, and nothing can
 * be approved before that. Past the per-origin cap, or with a second connect, it fails at once.
 */
export async function awaitApproval(request: ApprovalRequest): Promise<ApprovalChoices> {
  const waiter = addWaiter(waiterKey(request.ctx.origin, request.requestId));
  try {
    const { row, created } = await findOrQueue(request.ctx, request.requestId, request.details);
    if (row.outcome) await deliverOutcome(row);
    // The request is queued: a window that failed to open is no reason to fail it (the popup opens it too).
    else await syncQueue({ focus: created }).catch(() => undefined);
  } catch (error) {
    waiter.fail(error);
  }
  return waiter.promise;
}

/** Resolves once the wallet is unlocked, opening the approval window's unlock form when it is locked. */
export async function awaitUnlocked(ctx: PageContext): Promise<void> {
  if (await isUnlocked()) return;
  if (!(await hasWallet())) throw new SigilError(ErrorCode.unauthorized, 'Sigil is not set up yet.');
  const unlocked = addUnlockWaiter(ctx);
  await syncQueue({ focus: true }).catch(() => undefined);
  // The person may have unlocked between the first check and the waiter being added.
  if (await isUnlocked()) await onUnlocked();
  return unlocked;
}
