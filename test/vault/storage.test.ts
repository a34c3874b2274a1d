import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  getAllSettings,
  getSetting,
  MIGRATIONS,
  openSigilDatabase,
  putSetting,
  SCHEMA_VERSION,
  writeAtomically,
} from '../../src/background/storage';
import { errorOf, openTestDb, sampleEntity, samplePending } from './helpers';

const sampleEntityV1 = (did: string) => {
  const { format: _format, ...v1 } = sampleEntity(did);
  return v1;
};

describe('storage', () => {
  it('opens the sigil database at the latest schema version with its stores and indexes', async () => {
    const db = await openTestDb();
    expect(db.name).toBe('sigil');
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual(['entities', 'pending', 'permissions', 'requestResults', 'settings', 'vault']);
    const tx = db.transaction(['entities', 'permissions', 'pending'], 'readonly');
    expect(tx.objectStore('entities').keyPath).toBe('did');
    expect(tx.objectStore('permissions').keyPath).toBe('origin');
    expect(tx.objectStore('pending').keyPath).toBe('id');
    expect([...tx.objectStore('pending').indexNames]).toEqual(['byOrigin']);
  });

  it('upgrades a version-1 database in place: every entity becomes a sigil-format identity', async () => {
    const factory = new IDBFactory();
    // Version 1 exactly as the first release created it, with one entity row of that release.
    await new Promise<void>((resolve, reject) => {
      const request = factory.open('sigil', 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore('vault');
        db.createObjectStore('entities', { keyPath: 'did' }).put(sampleEntityV1('did:iotics:iotOld'));
        db.createObjectStore('permissions', { keyPath: 'origin' });
        db.createObjectStore('pending', { keyPath: 'id' }).createIndex('byOrigin', 'origin');
        db.createObjectStore('settings');
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const db = await openSigilDatabase(factory);
    expect(db.version).toBe(SCHEMA_VERSION);
    const row = await db.get('entities', 'did:iotics:iotOld');
    expect(row).toEqual({ ...sampleEntityV1('did:iotics:iotOld'), format: 'sigil' });
    expect([...db.transaction('requestResults').store.indexNames]).toEqual(['byCompletedAt']);
  });

  it('reopens an existing database without migrating again, keeping its data', async () => {
    const factory = new IDBFactory();
    const first = await openSigilDatabase(factory);
    await putSetting(first, 'autoLock', 5);
    first.close();
    const second = await openSigilDatabase(factory);
    expect(await getSetting(second, 'autoLock')).toBe(5);
  });

  it('refuses a database written by a newer schema', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const request = factory.open('sigil', SCHEMA_VERSION + 1);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    expect(await errorOf(openSigilDatabase(factory))).toMatchObject({ code: 'DB_TOO_NEW' });
  });

  it('writes several stores atomically, or not at all when the work throws', async () => {
    const db = await openTestDb();
    await writeAtomically(db, ['entities', 'settings'], async (tx) => {
      await tx.objectStore('entities').put(sampleEntity('did:a'));
      await tx.objectStore('settings').put(60, 'autoLock');
    });
    expect(await db.get('entities', 'did:a')).toBeDefined();
    expect(await getSetting(db, 'autoLock')).toBe(60);

    const error = await errorOf(
      writeAtomically(db, ['entities', 'settings'], async (tx) => {
        await tx.objectStore('entities').put(sampleEntity('did:b'));
        await tx.objectStore('settings').put(1, 'autoLock');
        throw new Error('midway');
      }),
    );
    expect(error.message).toBe('midway');
    expect(await db.get('entities', 'did:b')).toBeUndefined();
    expect(await getSetting(db, 'autoLock')).toBe(60);
  });

  it('returns setting defaults and stored values', async () => {
    const db = await openTestDb();
    expect(await getAllSettings(db)).toEqual({ autoLock: 15, resolverUrl: '' });
    await putSetting(db, 'autoLock', 'never');
    expect(await getSetting(db, 'autoLock')).toBe('never');
  });

  it('indexes pending requests by origin', async () => {
    const db = await openTestDb();
    await db.add('pending', samplePending('1', 'https://a.example', 1));
    await db.add('pending', samplePending('2', 'https://b.example', 2));
    await db.add('pending', samplePending('3', 'https://a.example', 3));
    expect((await db.getAllFromIndex('pending', 'byOrigin', 'https://a.example')).map((r) => r.id)).toEqual(['1', '3']);
  });
});
