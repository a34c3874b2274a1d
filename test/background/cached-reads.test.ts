/**
 * The background's cached reads (src/background/cached-reads.ts): what it answers from memory is
 * always what the database holds, whichever way the background wrote it.
 */
import { describe, expect, it } from 'vitest';
import { withCachedReads } from '../../src/background/cached-reads';
import {
  findRequestResult,
  getEntity,
  getPermission,
  listEntities,
  putEntity,
  putRequestResult,
  writeAtomically,
  type PermissionRecord,
} from '../../src/background/storage';
import { openTestDb, sampleEntity } from '../vault/helpers';

const ORIGIN = 'https://app.example';
const site = (sharedDids: string[]): PermissionRecord => ({ origin: ORIGIN, sharedDids, connectedAt: 1, authTokenGrants: [] });

describe('cached reads', () => {
  it('see a write through a transaction, a shortcut put and a delete', async () => {
    const raw = await openTestDb();
    const db = withCachedReads(raw);
    expect(await getPermission(db, ORIGIN)).toBeUndefined();
    await writeAtomically(db, ['permissions'], (tx) => tx.objectStore('permissions').put(site(['did:a'])));
    expect((await getPermission(db, ORIGIN))?.sharedDids).toEqual(['did:a']);
    await db.put('permissions', site(['did:b']));
    expect((await getPermission(db, ORIGIN))?.sharedDids).toEqual(['did:b']);
    await db.delete('permissions', ORIGIN);
    expect(await getPermission(db, ORIGIN)).toBeUndefined();
  });

  it('serve a repeated read without the database, and the entity list after an entity is added', async () => {
    const raw = await openTestDb();
    const db = withCachedReads(raw);
    await putEntity(db, sampleEntity('did:one'));
    expect((await listEntities(db)).map((e) => e.did)).toEqual(['did:one']);
    expect((await getEntity(db, 'did:one'))?.label).toBe('Alice');
    // Written behind the cache's back (nothing does that in Sigil): the cached answers stay, which shows they are cached.
    await raw.put('entities', { ...sampleEntity('did:one'), label: 'Changed' });
    expect((await getEntity(db, 'did:one'))?.label).toBe('Alice');
    await putEntity(db, sampleEntity('did:two', 'Bob'));
    expect((await listEntities(db)).map((e) => e.label)).toEqual(['Changed', 'Bob']);
    expect((await getEntity(db, 'did:one'))?.label).toBe('Changed');
  });

  it('give copies: changing a row read does not change the next answer', async () => {
    const db = withCachedReads(await openTestDb());
    await db.put('permissions', site(['did:a']));
    const first = (await getPermission(db, ORIGIN))!;
    first.sharedDids.push('did:injected');
    const all = await listEntities(db);
    all.push(sampleEntity('did:ghost'));
    expect((await getPermission(db, ORIGIN))!.sharedDids).toEqual(['did:a']);
    expect(await listEntities(db)).toEqual([]);
  });

  it('do not keep a read that overlapped a write', async () => {
    const db = withCachedReads(await openTestDb());
    await db.put('permissions', site(['did:old']));
    const reading = getPermission(db, ORIGIN);
    const writing = writeAtomically(db, ['permissions'], (tx) => tx.objectStore('permissions').put(site(['did:new'])));
    await Promise.all([reading, writing]);
    expect((await getPermission(db, ORIGIN))!.sharedDids).toEqual(['did:new']);
  });

  it('find a request result written after its id was looked up and not found', async () => {
    const db = withCachedReads(await openTestDb());
    expect(await findRequestResult(db, 'page a 1')).toBeUndefined();
    await writeAtomically(db, ['requestResults'], (tx) => putRequestResult(tx, 'page a 1', { token: 't' }, 1000));
    expect((await findRequestResult(db, 'page a 1'))?.result).toEqual({ token: 't' });
    expect(await findRequestResult(db, 'page a 2')).toBeUndefined();
  });

  it('a failed write leaves the old row readable', async () => {
    const db = withCachedReads(await openTestDb());
    await db.put('permissions', site(['did:a']));
    await expect(
      writeAtomically(db, ['permissions'], async (tx) => {
        await tx.objectStore('permissions').put(site(['did:b']));
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect((await getPermission(db, ORIGIN))!.sharedDids).toEqual(['did:a']);
  });
});
