import type { PendingView } from '../../shared/ui-api/approvals';
import { waitingRows } from './queue';
import { originsWaitingForUnlock } from './unlock-waiters';

/** What the approval window lists: requests oldest first, and origins waiting only for the unlock. */
export async function pendingViews(): Promise<{ requests: PendingView[]; waitingForUnlock: string[] }> {
  const rows = await waitingRows();
  return {
    requests: rows.map((row) => ({ id: row.id, origin: row.origin, createdAt: row.createdAt, details: row.details })),
    waitingForUnlock: originsWaitingForUnlock(),
  };
}
