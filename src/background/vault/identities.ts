/**
 * Vault changes that go with a public entity row, written in one transaction:
 * creating an identity stores its secret reference and its public row together, or neither.
 */
import type { EntityRecord, WriteTransaction } from '../storage';
import { VaultError } from './errors';
import { addEntityRef, addGeneratedKey, removeEntityRef } from './seed-operations';
import type { EntitySecretRef } from './secrets';
import type { Vault } from './vault';

async function putNewEntity(tx: WriteTransaction, entity: EntityRecord): Promise<void> {
  const store = tx.objectStore('entities');
  if ((await store.getKey(entity.did)) !== undefined)
    throw new VaultError('ENTITY_EXISTS', 'This identity is already in the wallet.');
  await store.put(entity);
}

/** Stores a new identity: its secret reference (seed, kind, key name) and its public row. */
export async function addIdentity(
  vault: Vault,
  vaultKey: Uint8Array,
  ref: EntitySecretRef,
  entity: EntityRecord,
): Promise<void> {
  if (ref.entityId !== entity.did || ref.kind !== entity.kind)
    throw new VaultError('INVALID_SECRETS', 'The identity and its secret reference do not match.');
  return vault.update(vaultKey, (secrets) => ({
    secrets: addEntityRef(secrets, ref),
    result: undefined,
    publicWrites: { stores: ['entities'], write: (tx) => putNewEntity(tx, entity) },
  }));
}

/** Removes an identity's secret reference, its generated keys and its public row. */
export function removeIdentity(vault: Vault, vaultKey: Uint8Array, did: string): Promise<void> {
  return vault.update(vaultKey, (secrets) => ({
    secrets: removeEntityRef(secrets, did),
    result: undefined,
    publicWrites: {
      stores: ['entities', 'permissions'],
      async write(tx) {
        await tx.objectStore('entities').delete(did);
        // Stop sharing the removed identity with any origin.
        let cursor = await tx.objectStore('permissions').openCursor();
        while (cursor) {
          const permission = cursor.value;
          if (permission.sharedDids.includes(did))
            await cursor.update({ ...permission, sharedDids: permission.sharedDids.filter((d) => d !== did) });
          cursor = await cursor.continue();
        }
      },
    },
  }));
}

/** Keeps a generated replacement key and the entity's updated public row together. */
export async function addReplacementKey(
  vault: Vault,
  vaultKey: Uint8Array,
  input: { entityId: string; priority: number; secret: Uint8Array },
  updatedEntity: EntityRecord,
): Promise<string> {
  if (updatedEntity.did !== input.entityId)
    throw new VaultError('INVALID_SECRETS', 'The identity and its key do not match.');
  return vault.update(vaultKey, (secrets) => {
    const added = addGeneratedKey(secrets, { ...input, now: vault.now() });
    return {
      secrets: added.secrets,
      result: added.key.id,
      publicWrites: {
        stores: ['entities'],
        async write(tx) {
          await tx.objectStore('entities').put(updatedEntity);
        },
      },
    };
  });
}
