/**
 * Writing updated entity rows compare-and-set: every row replaces the one it was prepared from (same
 * document updateTime), with the caller's rows, in one transaction; then they are announced and sent
 * to the resolver.
 */
import { ErrorCode, SigilError } from '../../shared/errors';
import { writeAtomically, type EntityRecord, type StoreName, type WriteTransaction } from '../storage';
import type { IdentityContext } from './context';
import type { WritesAlongside } from './create';

/** A row to write in place of the one read at `readUpdateTime` (the document's updateTime then). */
export interface RowUpdate {
  row: EntityRecord;
  readUpdateTime: number;
}

const updateTimeOf = (record: EntityRecord): number => (record.document as unknown as { updateTime: number }).updateTime;

/** Puts each row in place of the one it was prepared from; refuses (nothing written) if any changed since. */
async function putComparedRows(tx: WriteTransaction, updates: readonly RowUpdate[]): Promise<void> {
  const store = tx.objectStore('entities');
  for (const { row, readUpdateTime } of updates) {
    const current = await store.get(row.did);
    if (!current?.document || updateTimeOf(current) !== readUpdateTime)
      throw new SigilError(ErrorCode.internal, `The identity ${row.did} changed while it was being updated. Try again.`);
    await store.put(row);
  }
}

/** Writes rows compare-and-set, with the caller's rows, in one transaction; then announces them. */
export async function writeUpdates(ctx: IdentityContext, updates: readonly RowUpdate[], alongside?: WritesAlongside): Promise<void> {
  const stores: StoreName[] = ['entities', ...(alongside?.stores ?? [])];
  await writeAtomically(ctx.db, stores, async (tx) => {
    await putComparedRows(tx, updates);
    await alongside?.write(tx);
  });
  const dids = updates.map((u) => u.row.did);
  ctx.events.emit({ type: 'entitiesChanged', dids });
  ctx.registrar.registerInBackground(dids);
}

