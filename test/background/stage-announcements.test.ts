/**
 * What the identityStage event remembers (issue 13): stages reached before anyone could listen (a
 * wallet from before the event existed) are recorded, not announced; afterwards each change is
 * announced once; an identity that left the wallet is forgotten.
 */
import { describe, expect, it } from 'vitest';
import { StageAnnouncements } from '../../src/background/permissions/stage-announcements';
import { settle, walletWithUserAndAgent } from './helpers';

describe('stage announcements', () => {
  it('records a wallet it never saw without announcing it, then announces each change once', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await settle(100);
    const { db } = bg.platform;
    await db.delete('settings', 'announcedStages'); // as in a wallet from before identityStage
    const later = new StageAnnouncements(db, bg.platform.clock.now + 1);
    expect(await later.changes()).toEqual([]);
    expect(await later.changes()).toEqual([]);

    const row = (await db.get('entities', user.did))!;
    await db.put('entities', { ...row, stage: 'registered', entries: row.entries.map((e) => ({ ...e, stage: 'registered' as const })) });
    const [event, ...more] = await later.changes([user.did, agent.did]);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ did: user.did, chain_id: row.chainId, entry_hash: expect.stringMatching(/^[0-9a-f]{64}$/), stage: 'registered' });
    // A restarted worker (another instance) does not announce it again.
    expect(await new StageAnnouncements(db, bg.platform.clock.now + 2).changes()).toEqual([]);

    await db.delete('entities', user.did);
    await later.changes();
    expect(Object.keys((await db.get('settings', 'announcedStages')) as object)).toEqual([agent.did]);
  });
});
