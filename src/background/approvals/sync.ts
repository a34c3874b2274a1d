/**
 * Keeps what the person sees in step with the queue: the badge count, the open Sigil pages, and
 * the approval window (open while anything waits, closed when nothing does). One step at a time,
 * each reading the queue afresh, so a request queued while the window closes still gets a window.
 */
import { emitWalletEvent } from '../events';
import { SerialQueue } from '../vault/serial-queue';
import { closeApprovalWindow, ensureApprovalWindow } from './approval-window';
import { showPendingCount } from './badge';
import { waitingRows } from './queue';
import { unlockWaiterCount } from './unlock-waiters';

const steps = new SerialQueue();

export async function pendingCount(): Promise<number> {
  return (await waitingRows()).length + unlockWaiterCount();
}

/** Runs `step` between sync steps (e.g. forgetting a window the person closed). */
export const inSyncStep = <T>(step: () => Promise<T>): Promise<T> => steps.run(step);

/** `focus`: a new request arrived, so the window comes to the front. */
export function syncQueue(options: { focus?: boolean } = {}): Promise<void> {
  return steps.run(async () => {
    const count = await pendingCount();
    await showPendingCount(count);
    if (count > 0) await ensureApprovalWindow(options.focus === true);
    else await closeApprovalWindow();
    emitWalletEvent({ type: 'pendingChanged' });
  });
}

/** The person asked to see the waiting requests: the window comes to the front if any wait. */
export async function showApprovals(): Promise<number> {
  await syncQueue({ focus: true });
  return pendingCount();
}
