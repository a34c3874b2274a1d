/** Public identity state, keyed by DID. */
import type { EntityRecord, SigilDatabase } from './schema';

export const getEntity = (db: SigilDatabase, did: string): Promise<EntityRecord | undefined> => db.get('entities', did);

export const listEntities = (db: SigilDatabase): Promise<EntityRecord[]> => db.getAll('entities');

/** For changes that involve no secret (stage, document, token); vault-linked changes go through the vault. */
export async function putEntity(db: SigilDatabase, entity: EntityRecord): Promise<void> {
  await db.put('entities', entity);
}
