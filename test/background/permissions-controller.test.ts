import { describe, expect, it } from 'vitest';
import { BURST_REQUESTS, RateLimiter } from '../../src/background/permissions';
import { PAGE_EVENT } from '../../src/shared/wire';
import { SITE, settle, until, walletWithUserAndAgent } from './helpers';

describe('permissions', () => {
  it('shows a connected site only what the person shared with that exact origin', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await bg.permissions.connect(SITE, [user.did]);
    expect(await bg.permissions.connectedEntities(SITE)).toEqual([{ did: user.did, kind: 'user', label: 'Alice' }]);
    expect(await bg.permissions.isSharedWith(SITE, agent.did)).toBe(false);
    expect(await bg.permissions.isConnected('https://app.example:8443')).toBe(false);
    expect(await bg.permissions.isConnected('http://app.example')).toBe(false);
  });

  it('offers users first, then agents, of the kinds asked for', async () => {
    const { bg } = await walletWithUserAndAgent();
    expect((await bg.permissions.entitiesToOffer(null)).map((e) => e.kind)).toEqual(['user', 'agent']);
    expect((await bg.permissions.entitiesToOffer(['agent'])).map((e) => e.kind)).toEqual(['agent']);
  });

  it('lists sites with their live grants, and revoking one tells its pages', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    bg.platform.frames.frames.push({ tabId: 3, frameId: 0, origin: SITE });
    await bg.permissions.connect(SITE, [user.did]);
    expect(await bg.permissions.hasStandingGrant(SITE, user.did, agent.did)).toBe(false);
    const sites = await bg.permissions.sites();
    expect(sites).toEqual([expect.objectContaining({ origin: SITE, status: 'connected', grants: [] })]);
    await bg.permissions.revoke(SITE);
    expect(await bg.permissions.sites()).toEqual([]);
    await until(() => bg.platform.frames.sent.length === 1);
    expect(bg.platform.frames.sent[0]).toMatchObject({ tabId: 3, message: { type: PAGE_EVENT, origin: SITE, event: 'disconnect' } });
  });

  it('tells only the sites that share an entity when it changes', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    bg.platform.frames.frames.push({ tabId: 3, frameId: 0, origin: SITE }, { tabId: 4, frameId: 0, origin: 'https://other.example' });
    await bg.permissions.connect(SITE, [user.did]);
    await bg.permissions.connect('https://other.example', [agent.did]);
    bg.events.emit({ type: 'entitiesChanged', dids: [user.did] });
    // (identityStage events about the creation itself are not what this test is about)
    const entityEvents = () => bg.platform.frames.sent.filter((s) => (s.message as { event: string }).event === 'entitiesChanged');
    await until(() => entityEvents().length === 1);
    await settle();
    expect(entityEvents()).toEqual([
      expect.objectContaining({ tabId: 3, message: expect.objectContaining({ event: 'entitiesChanged', data: { entities: [expect.objectContaining({ did: user.did })] } }) }),
    ]);
  });

  it('rate-limits a site past its burst and lets it go on after a pause', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < BURST_REQUESTS; i++) limiter.take(SITE);
    expect(() => limiter.take(SITE)).toThrow(/too many requests/);
    limiter.take('https://other.example');
    now += 1000;
    limiter.take(SITE);
  });
});
