/**
 * A wallet written by Sigil as of commit 70b0ba9 (IndexedDB schema 1, vault record 1, secrets
 * payload 1, backup file 1), stored in test/fixtures/v1 by test/fixtures/generate-stored-records.ts
 * running that commit's code, opened with today's code.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { deriveEntityKeys, didFromPublicKey, entropyToMaster, type EntityKind } from '../../src/core';
import {
  getAllSettings,
  listEntities,
  listPermissions,
  openSigilDatabase,
  SCHEMA_VERSION,
  type SigilDatabase,
} from '../../src/background/storage';
import {
  importBackup,
  parseBackup,
  readVaultRecord,
  SeedManager,
  Vault,
  type KdfParams,
  type VaultSecrets,
} from '../../src/background/vault';
import { open } from '../../src/background/vault/aead';
import { payloadAad } from '../../src/background/vault/record';
import { SECRETS_VERSION } from '../../src/background/vault/secrets';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/v1/${name}`, import.meta.url), 'utf8');

interface StoreDeclaration {
  keyPath: string | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string; unique: boolean; multiEntry: boolean }[];
}
interface DatabaseFixture {
  schemaVersion: number;
  schema: Record<string, StoreDeclaration>;
  stores: Record<string, { key: IDBValidKey; value: unknown }[]>;
}
interface WalletFixture {
  password: string;
  kdf: KdfParams;
  seeds: { id: string; label: string; origin: string; hex: string }[];
  importedKeys: { id: string; label: string; idpub: string }[];
  generatedKeys: { id: string; entityId: string; priority: number }[];
  identities: { did: string; kind: EntityKind; keyName: string; seedId: string; label: string }[];
  origin: string;
  settings: { autoLock: number; resolverUrl: string };
}

const stored = JSON.parse(fixture('database.json')) as DatabaseFixture;
const wallet = JSON.parse(fixture('wallet.json')) as WalletFixture;
const backupFile = fixture('backup.json');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Recreates the old database byte for byte: its schema version, its stores as declared, its rows. */
async function restoreOldDatabase(factory: IDBFactory): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = factory.open('sigil', stored.schemaVersion);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [name, declaration] of Object.entries(stored.schema)) {
        const store = db.createObjectStore(name, {
          keyPath: declaration.keyPath ?? undefined,
          autoIncrement: declaration.autoIncrement,
        });
        for (const index of declaration.indexes)
          store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
        for (const row of stored.stores[name] ?? [])
          declaration.keyPath === null ? store.put(row.value, row.key) : store.put(row.value);
      }
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

async function openOldWallet(): Promise<{ db: SigilDatabase; vault: Vault }> {
  const factory = new IDBFactory();
  await restoreOldDatabase(factory);
  const db = await openSigilDatabase(factory);
  return { db, vault: new Vault(db, { kdf: wallet.kdf }) };
}

/** Every identity must still derive from its seed and key name to the DID it was stored under. */
async function expectIdentitiesDerive(secrets: VaultSecrets): Promise<void> {
  for (const identity of wallet.identities) {
    const ref = secrets.entities.find((e) => e.entityId === identity.did)!;
    expect(ref).toEqual({ entityId: identity.did, seedId: identity.seedId, kind: identity.kind, keyName: identity.keyName, format: 'sigil' });
    const seed = secrets.seeds.find((s) => s.id === ref.seedId)!;
    const keys = await deriveEntityKeys(await entropyToMaster(seed.entropy), ref.kind, ref.keyName);
    expect(didFromPublicKey(keys[0]!.publicKey)).toBe(identity.did);
  }
}

function expectSeedsMigrated(secrets: VaultSecrets): void {
  expect(secrets.seeds.map((s) => ({ id: s.id, label: s.label, origin: s.origin, hex: hex(s.entropy) }))).toEqual(wallet.seeds);
  for (const seed of secrets.seeds) expect(seed).toMatchObject({ method: 'bip39', password: '' });
  expect(secrets.generatedKeys.map((g) => ({ id: g.id, entityId: g.entityId, priority: g.priority }))).toEqual(wallet.generatedKeys);
}

describe('a wallet written by Sigil 70b0ba9 (fixtures in test/fixtures/v1)', () => {
  it('is what that version wrote: schema 1, entities without a format, a version-1 vault record', () => {
    expect(stored.schemaVersion).toBe(1);
    for (const row of stored.stores.entities!) expect(row.value).not.toHaveProperty('format');
    const primary = stored.stores.vault!.find((row) => row.key === 'primary')!.value;
    expect(readVaultRecord(primary)).toMatchObject({ state: 'intact', storedVersion: 1 });
  });

  it('the database upgrades and keeps every row: identities (now sigil format), site, settings, pending request', async () => {
    const { db, vault } = await openOldWallet();
    expect(db.version).toBe(SCHEMA_VERSION);
    const entities = await listEntities(db);
    expect(entities.map((e) => e.did).sort()).toEqual(wallet.identities.map((i) => i.did).sort());
    for (const entity of entities) {
      const old = stored.stores.entities!.find((row) => row.key === entity.did)!.value as Record<string, unknown>;
      expect(entity).toEqual({ ...old, format: 'sigil' });
    }
    expect(await listPermissions(db)).toEqual(stored.stores.permissions!.map((row) => row.value));
    expect(await getAllSettings(db)).toEqual(wallet.settings);
    expect(await db.getAll('pending')).toEqual(stored.stores.pending!.map((row) => row.value));
    expect(await vault.health()).toEqual({ state: 'ok', copyIntact: true });
  });

  it('unlocks with its password; the secrets migrate to version 2 with the right defaults and are written back', async () => {
    const { db, vault } = await openOldWallet();
    await expect(new Vault(db, { kdf: wallet.kdf }).unlock('not the password')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const unlocked = await vault.unlock(wallet.password);
    expect(unlocked).toMatchObject({ migrated: true, upgraded: false, recovered: false });

    const secrets = await vault.read(unlocked.vaultKey);
    expectSeedsMigrated(secrets);
    await expectIdentitiesDerive(secrets);
    const overview = await new SeedManager(vault).list(unlocked.vaultKey);
    expect(overview.importedKeys.map((k) => ({ id: k.id, label: k.label, idpub: k.idpub }))).toEqual(wallet.importedKeys);

    // Both slots now hold the same record, whose payload is the current version.
    const [primary, copy] = await Promise.all([db.get('vault', 'primary'), db.get('vault', 'copy')]);
    expect(copy).toEqual(primary);
    const record = readVaultRecord(primary);
    if (record.state !== 'intact') throw new Error('expected an intact record');
    const plain = await open(unlocked.vaultKey, record.record.payload, payloadAad(record.record.vaultId, record.record.counter));
    expect(JSON.parse(new TextDecoder().decode(plain!))).toMatchObject({ version: SECRETS_VERSION });
    expect((await vault.unlock(wallet.password)).migrated).toBe(false);
  });

  it('its backup file imports into a new wallet with every identity, site and setting', async () => {
    expect(parseBackup(backupFile).version).toBe(1);
    const db = await openSigilDatabase(new IDBFactory());
    const vault = new Vault(db, { kdf: wallet.kdf });
    const result = await importBackup(vault, backupFile, wallet.password);
    expect(result).toMatchObject({ seedCount: 2, entityCount: wallet.identities.length });

    const secrets = await vault.read(result.vaultKey);
    expectSeedsMigrated(secrets);
    await expectIdentitiesDerive(secrets);
    const entities = await listEntities(db);
    expect(entities.map((e) => [e.did, e.format, e.label]).sort()).toEqual(
      wallet.identities.map((i) => [i.did, 'sigil', i.label]).sort(),
    );
    expect(await listPermissions(db)).toEqual(stored.stores.permissions!.map((row) => row.value));
    expect(await getAllSettings(db)).toEqual(wallet.settings);
    expect(await db.getAll('pending')).toEqual([]);
  });
});
