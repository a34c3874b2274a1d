/** How the queue reacts to the world: the wallet unlocked, the approval window closed, a page gone. */
import type { PageContext } from '../sender';
import type { PendingOutcome, PendingRequestRecord } from '../storage';
import { claimClosedApprovalWindow } from './approval-window';
import { PAGE_GONE, SITE_DISCONNECTED, UNLOCK_WINDOW_CLOSED, WINDOW_CLOSED } from './errors';
import { recordOutcomeWhere, removeRow, removeRowsOf } from './queue';
import { inSyncStep, syncQueue } from './sync';
import { rejectUnlockWaiters, resolveUnlockWaiters } from './unlock-waiters';
import { settleWaiters, waiterKey } from './waiters';

export async function onUnlocked(): Promise<void> {
  resolveUnlockWaiters();
  await syncQueue();
}

/** Cancels the waiting rows `select` picks; a request no waiter of this instance answers gets it when re-sent. */
async function cancelWhere(select: (row: PendingRequestRecord) => boolean, message: string): Promise<void> {
  const outcome: PendingOutcome = { decision: 'cancel', message };
  for (const row of await recordOutcomeWhere(select, outcome)) {
    if (settleWaiters(waiterKey(row.origin, row.requestId), outcome)) await removeRow(row.id);
  }
  await syncQueue();
}

/** Closing the approval window cancels everything waiting (4001). */
export async function onWindowRemoved(windowId: number): Promise<void> {
  if (!(await inSyncStep(() => claimClosedApprovalWindow(windowId)))) return;
  rejectUnlockWaiters(UNLOCK_WINDOW_CLOSED);
  await cancelWhere(() => true, WINDOW_CLOSED);
}

/** A disconnected site's waiting requests can no longer be approved. */
export function onSiteDisconnected(origin: string): Promise<void> {
  return cancelWhere((row) => row.origin === origin, SITE_DISCONNECTED);
}

/** A page's Port closed (navigation, tab closed): its requests leave the queue. */
export async function onPageGone(ctx: PageContext, requestIds: ReadonlySet<string>): Promise<void> {
  rejectUnlockWaiters(PAGE_GONE, (waiting) => waiting.tabId === ctx.tabId && waiting.frameId === ctx.frameId);
  const gone: PendingOutcome = { decision: 'cancel', message: PAGE_GONE };
  for (const requestId of requestIds) settleWaiters(waiterKey(ctx.origin, requestId), gone);
  if ((await removeRowsOf(ctx.origin, requestIds)) > 0) await syncQueue();
}
