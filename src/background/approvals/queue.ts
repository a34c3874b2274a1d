/**
 * The pending-request rows in IndexedDB. Queueing is one transaction (look up, check the caps,
 * add), so two concurrent requests can never both slip past a cap.
 */
import type { SigilError } from '../../shared/errors';
import type { ApprovalDetails } from '../../shared/ui-api/approvals';
import type { PageContext } from '../sender';
import { embedderOf } from './embedder';
import { writeAtomically, type PendingOutcome, type PendingRequestRecord, type SigilDatabase } from '../storage';
import { connectAlreadyPending, PENDING_LIMIT_PER_ORIGIN, PENDING_LIMIT_TOTAL, tooManyPending, tooManyPendingTotal } from './errors';

/** A decided row nobody came back for (the page went away) is dropped after this long. */
const DECIDED_ROW_LIFETIME_MS = 10 * 60_000;


/** Requests waiting outside the queue (for the unlock), counted against the caps too. */
export interface OtherWaiting {
  total: number;
  ofOrigin: number;
}

/** The cap a new request would break, if any: the per-site one first, then the overall one. */
export function capError(waiting: OtherWaiting): SigilError | null {
  if (waiting.ofOrigin >= PENDING_LIMIT_PER_ORIGIN) return tooManyPending();
  if (waiting.total >= PENDING_LIMIT_TOTAL) return tooManyPendingTotal();
  return null;
}

export class ApprovalQueue {
  constructor(
    private readonly db: SigilDatabase,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {}

  /**
   * The row of this request if it was queued before (a re-sent request after a worker restart), else a new one; `assertMayQueue`
   * (the site's cooldown) and the caps are checked only for a new one.
   */
  findOrQueue(
    ctx: PageContext,
    requestId: string,
    details: ApprovalDetails,
    others: OtherWaiting,
    assertMayQueue: () => void,
  ): Promise<PendingRequestRecord> {
    const now = this.now();
    const embedded = embedderOf(ctx);
    return writeAtomically(this.db, ['pending'], async (tx) => {
      const store = tx.objectStore('pending');
      const rows = await store.index('byOrigin').getAll(ctx.origin);
      const existing = rows.find((row) => row.requestId === requestId);
      if (existing) return existing;
      assertMayQueue();
      for (const row of rows) {
        if (row.outcome !== null && row.createdAt < now - DECIDED_ROW_LIFETIME_MS) await store.delete(row.id);
      }
      const waiting = rows.filter((row) => row.outcome === null);
      if (details.method === 'sigil_connect' && waiting.some((row) => row.details.method === 'sigil_connect'))
        throw connectAlreadyPending();
      const waitingEverywhere = (await store.getAll()).filter((row) => row.outcome === null).length;
      const overCap = capError({ ofOrigin: waiting.length + others.ofOrigin, total: waitingEverywhere + others.total });
      if (overCap) throw overCap;
      const row: PendingRequestRecord = {
        id: this.newId(),
        origin: ctx.origin,
        method: details.method,
        details,
        createdAt: now,
        requestId,
        tabId: ctx.tabId,
        frameId: ctx.frameId,
        ...(embedded === undefined ? {} : { embeddedIn: embedded }),
        outcome: null,
      };
      await store.add(row);
      return row;
    });
  }

  /** Rows still waiting for the person, oldest first. */
  async waitingRows(): Promise<PendingRequestRecord[]> {
    const rows = await this.db.getAll('pending');
    return rows.filter((row) => row.outcome === null).sort((a, b) => a.createdAt - b.createdAt);
  }

  async waitingRow(id: string): Promise<PendingRequestRecord | undefined> {
    const row = await this.db.get('pending', id);
    return row?.outcome === null ? row : undefined;
  }

  /** Records the decision on a row still waiting; returns the updated row, or null if it was not waiting. */
  recordOutcome(id: string, outcome: PendingOutcome): Promise<PendingRequestRecord | null> {
    return writeAtomically(this.db, ['pending'], async (tx) => {
      const store = tx.objectStore('pending');
      const row = await store.get(id);
      if (!row || row.outcome !== null) return null;
      const decided = { ...row, outcome };
      await store.put(decided);
      return decided;
    });
  }

  /** Records one outcome on every waiting row that `select` picks; returns those rows. */
  recordOutcomeWhere(select: (row: PendingRequestRecord) => boolean, outcome: PendingOutcome): Promise<PendingRequestRecord[]> {
    return writeAtomically(this.db, ['pending'], async (tx) => {
      const store = tx.objectStore('pending');
      const decided: PendingRequestRecord[] = [];
      for (const row of await store.getAll()) {
        if (row.outcome !== null || !select(row)) continue;
        const next = { ...row, outcome };
        await store.put(next);
        decided.push(next);
      }
      return decided;
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.delete('pending', id);
  }

  /** Removes the rows of requests whose page went away, decided or not. */
  /**
   * Removes the rows of `requestIds`; says how many went and how many of those were still undecided
   * (a decided row only waits to hand its outcome over, so the site did not withdraw anything).
   */
  removeRowsOf(origin: string, requestIds: ReadonlySet<string>): Promise<{ removed: number; undecided: number }> {
    return writeAtomically(this.db, ['pending'], async (tx) => {
      const store = tx.objectStore('pending');
      let removed = 0;
      let undecided = 0;
      for (const row of await store.index('byOrigin').getAll(origin)) {
        if (!requestIds.has(row.requestId)) continue;
        await store.delete(row.id);
        removed += 1;
        if (row.outcome === null) undecided += 1;
      }
      return { removed, undecided };
    });
  }
}
