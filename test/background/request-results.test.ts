import { describe, expect, it } from 'vitest';
import {
  findRequestResult,
  putRequestResult,
  REQUEST_RESULT_LIFETIME_MS,
  writeAtomically,
} from '../../src/background/storage';
import { writeOnce } from '../../src/background/request-once';
import { openTestDb, sampleEntity } from '../vault/helpers';

describe('request results', () => {
  it('are stored with their write or not at all', async () => {
    const db = await openTestDb();
    await expect(
      writeAtomically(db, ['entities', 'requestResults'], async (tx) => {
        await putRequestResult(tx, 'ui a', { ok: true }, 1000);
        await tx.objectStore('entities').put(sampleEntity('did:iotics:iotA'));
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await findRequestResult(db, 'ui a')).toBeUndefined();
  });

  it('answer a request that completed with its stored result instead of writing again', async () => {
    const db = await openTestDb();
    let writes = 0;
    const write = () =>
      writeOnce(db, 'ui b', () =>
        writeAtomically(db, ['requestResults'], async (tx) => {
          writes += 1;
          await putRequestResult(tx, 'ui b', { n: writes }, 1000);
          return { n: writes };
        }),
      );
    expect(await write()).toEqual({ n: 1 });
    expect(await write()).toEqual({ n: 1 });
    expect(writes).toBe(1);
  });

  it('refuse a second completion of one request inside the transaction', async () => {
    const db = await openTestDb();
    await writeAtomically(db, ['requestResults'], (tx) => putRequestResult(tx, 'ui c', 'first', 1000));
    const second = writeOnce(db, 'ui c', async () => {
      await writeAtomically(db, ['entities', 'requestResults'], async (tx) => {
        await tx.objectStore('entities').put(sampleEntity('did:iotics:iotC'));
        await putRequestResult(tx, 'ui c', 'second', 2000);
      });
      return 'second';
    });
    // writeOnce found it already on its first look; this is the race where both looked first.
    expect(await second).toBe('first');
    expect(await db.get('entities', 'did:iotics:iotC')).toBeUndefined();
  });

  it('are pruned once older than their lifetime', async () => {
    const db = await openTestDb();
    await writeAtomically(db, ['requestResults'], (tx) => putRequestResult(tx, 'ui old', 1, 1000));
    await writeAtomically(db, ['requestResults'], (tx) => putRequestResult(tx, 'ui mid', 2, 1000 + REQUEST_RESULT_LIFETIME_MS / 2));
    await writeAtomically(db, ['requestResults'], (tx) => putRequestResult(tx, 'ui new', 3, 1001 + REQUEST_RESULT_LIFETIME_MS));
    expect(await findRequestResult(db, 'ui old')).toBeUndefined();
    expect((await findRequestResult(db, 'ui mid'))?.result).toBe(2);
    expect((await findRequestResult(db, 'ui new'))?.result).toBe(3);
  });
});
