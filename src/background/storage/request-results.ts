/**
 * Results of writes, remembered by request id (`requestResults`). A write puts its result row in
 * the SAME transaction as the write itself, so a request sent again after a dropped Port or a
 * stopped worker finds either nothing (the write did not happen: run it) or the result (it did:
 * answer with it), never half of it.
 */
import type { RequestResultRecord, SigilDatabase, WriteTransaction } from './schema';

/** How long a result is kept: far longer than any re-send, short enough to stay small. */
export const REQUEST_RESULT_LIFETIME_MS = 10 * 60_000;

/** The stored result of the request `key`, or undefined when it never completed. */
export async function findRequestResult(db: SigilDatabase, key: string): Promise<RequestResultRecord | undefined> {
  return db.get('requestResults', key);
}

/** Thrown inside a write's transaction when its request already completed: the write is aborted. */
export class RequestAlreadyCompleted extends Error {
  constructor(readonly record: RequestResultRecord) {
    super('This request already completed.');
  }
}

/**
 * Inside a write's transaction: refuses a second completion of `key` (RequestAlreadyCompleted,
 * which aborts the transaction), stores `result`, and drops results older than the lifetime.
 */
export async function putRequestResult(
  tx: WriteTransaction,
  key: string,
  result: unknown,
  now: number,
): Promise<void> {
  const store = tx.objectStore('requestResults');
  const existing = await store.get(key);
  if (existing) throw new RequestAlreadyCompleted(existing);
  let cursor = await store.index('byCompletedAt').openCursor(IDBKeyRange.upperBound(now - REQUEST_RESULT_LIFETIME_MS, true));
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await store.put({ key, result, completedAt: now });
}
