import { describe, expect, it } from 'vitest';
import { decodeJwt } from '../../src/core';
import { until, walletWithUserAndAgent } from './helpers';

const RESOLVER = 'https://resolver.example';

describe('registration with the resolver', () => {
  it('posts each document token to the resolver and marks the entity registered once accepted', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    bg.platform.resolver.status = 200;
    await bg.ui('ui_setResolverUrl', { url: RESOLVER });
    await until(async () => (await bg.ui('ui_entities', undefined)).entities.every((e) => e.stage === 'registered'));
    const posted = bg.platform.resolver.posted.find((p) => String(decodeJwt(p.body).claims.iss).startsWith(user.did));
    expect(posted?.url).toBe(`${RESOLVER}/1.0/register`);
    expect(decodeJwt(posted!.body).claims.aud).toBe(RESOLVER);
  });

  it('keeps entities local while the resolver refuses, and registers them on demand once it accepts', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await bg.ui('ui_setResolverUrl', { url: RESOLVER });
    // 503: the pass stops at the first document and waits for the retry alarm.
    await until(async () => (await bg.ui('ui_registrationStatus', undefined)).nextTryAt !== null);
    expect(bg.platform.resolver.posted).toHaveLength(1);
    expect((await bg.ui('ui_entity', { did: user.did })).stage).toBe('local');
    bg.platform.resolver.status = 200;
    expect((await bg.ui('ui_registerEntity', { did: user.did })).stage).toBe('registered');
  });
});
