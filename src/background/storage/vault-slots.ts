/** The two slots holding the encrypted vault record. Values are returned raw; the vault validates them. */
import type { SigilDatabase, StoreName, VaultSlot, WriteTransaction } from './schema';

export interface RawVaultSlots {
  primary: unknown;
  copy: unknown;
}

export async function readVaultSlots(db: SigilDatabase): Promise<RawVaultSlots> {
  const tx = db.transaction('vault', 'readonly');
  const [primary, copy] = await Promise.all([tx.store.get('primary'), tx.store.get('copy'), tx.done]);
  return { primary, copy };
}

/** `tx` must include the `vault` store. */
const vaultStoreOf = <S extends StoreName[]>(tx: WriteTransaction<S>) => tx.objectStore('vault' as S[number]);

/** Puts a record in one slot, inside the caller's transaction. */
export async function putVaultRecordIn<S extends StoreName[]>(
  tx: WriteTransaction<S>,
  slot: VaultSlot,
  record: unknown,
): Promise<void> {
  await vaultStoreOf(tx).put(record, slot);
}

export function readVaultSlotIn<S extends StoreName[]>(tx: WriteTransaction<S>, slot: VaultSlot): Promise<unknown> {
  return vaultStoreOf(tx).get(slot);
}
