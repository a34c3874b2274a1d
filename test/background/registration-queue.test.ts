/**
 * The registration queue against Sigil's real resolver (src/resolver) on a random port: what stays
 * local while it is down, the order and backoff of the retries, a restarted worker, and refusals.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { REGISTRATION_ALARM } from '../../src/background/identities/registration';
import { FIRST_RETRY_MS, MAX_RETRY_MS } from '../../src/background/registration/retry-state';
import { decodeJwt } from '../../src/core';
import { startResolver, type ResolverServer } from '../../src/resolver/server';
import { newPlatform, PASSWORD, startBackground, until, VECTOR_SEED_HEX, walletWithUserAndAgent, type TestBackground, type TestPlatform } from './helpers';

const running: ResolverServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((resolver) => resolver.close()));
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function resolverOn(port?: number): Promise<ResolverServer> {
  const resolver = await startResolver({ ...(port === undefined ? {} : { port }), registerCors: false });
  running.push(resolver);
  return resolver;
}

/** A platform whose background talks to the network for real; the DIDs it POSTs are recorded in order. */
async function networkPlatform(): Promise<TestPlatform & { postedDids: string[] }> {
  const platform = await newPlatform();
  const postedDids: string[] = [];
  platform.fetch = async (url, init) => {
    if (init.method === 'POST') postedDids.push(String(decodeJwt(String(init.body)).claims.iss).split('#')[0]!);
    return fetch(url, init);
  };
  return Object.assign(platform, { postedDids });
}

const stages = async (bg: TestBackground): Promise<string[]> => (await bg.ui('ui_entities', undefined)).entities.map((e) => e.stage);
/** The retry alarm fires: the clock is at its time. */
async function fireRetryAlarm(bg: TestBackground): Promise<void> {
  bg.platform.clock.now = bg.platform.alarms.alarms.get(REGISTRATION_ALARM) ?? bg.platform.clock.now;
  await bg.registrar.onAlarm(REGISTRATION_ALARM);
}

const retryDelay = (platform: TestPlatform): number | undefined => {
  const when = platform.alarms.alarms.get(REGISTRATION_ALARM);
  return when === undefined ? undefined : when - platform.clock.now;
};

describe('registration queue', () => {
  it('keeps identities local while the resolver is down and registers them oldest first once it is up', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const platform = await networkPlatform();
    const bg = await startBackground(platform);
    await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX }, label: 'Vectors' });
    await bg.ui('ui_setResolverUrl', { url });
    const { agent } = await bg.ui('ui_createUserAndAgent', { user: { label: 'Alice', keyName: 'alice' }, agent: { label: 'Agent', keyName: 'alice-agent' } });
    await until(async () => (await bg.ui('ui_registrationStatus', undefined)).nextTryAt !== null);
    const firstTry = platform.clock.now + FIRST_RETRY_MS;
    platform.clock.now += 1000;
    const twin = await bg.ui('ui_createTwin', { label: 'Thermostat', keyName: 'thermostat-1', agent: agent.did });
    await until(async () => (await bg.ui('ui_registrationStatus', undefined)).nextTryAt !== null);

    const down = await bg.ui('ui_registrationStatus', undefined);
    expect(down).toMatchObject({ resolverUrl: url, waiting: 3, refused: [] });
    expect(down.unavailable).toMatch(/could not be reached/u);
    expect(await stages(bg)).toEqual(['local', 'local', 'local']);
    // The twin's pass failed too, before the retry was due: the wait did not grow.
    expect(down.nextTryAt).toBe(firstTry);
    expect(platform.alarms.alarms.get(REGISTRATION_ALARM)).toBe(firstTry);

    const resolver = await resolverOn(port);
    platform.postedDids.length = 0;
    await fireRetryAlarm(bg);

    expect(await stages(bg)).toEqual(['registered', 'registered', 'registered']);
    expect(platform.postedDids).toHaveLength(3);
    expect(platform.postedDids.at(-1)).toBe(twin.did);
    const discovered = (await (await fetch(`${resolver.url}/1.0/discover/${encodeURIComponent(twin.did)}`)).json()) as { token: string };
    expect(decodeJwt(discovered.token).claims.aud).toBe(url);
    expect(await bg.ui('ui_registrationStatus', undefined)).toMatchObject({ waiting: 0, unavailable: null, nextTryAt: null });
    expect(retryDelay(platform)).toBeUndefined();
  });

  it('waits longer after each failed attempt, up to a cap', async () => {
    const platform = await networkPlatform();
    const { bg } = await walletWithUserAndAgent(platform);
    await bg.ui('ui_setResolverUrl', { url: `http://127.0.0.1:${await freePort()}` });
    await until(() => retryDelay(platform) !== undefined);
    // The tokens signed for this resolver were kept: the retries go on after the wallet locks itself (15 min).
    const delays = [retryDelay(platform)];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      await fireRetryAlarm(bg);
      delays.push(retryDelay(platform));
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, MAX_RETRY_MS, MAX_RETRY_MS, MAX_RETRY_MS]);
    expect(await stages(bg)).toEqual(['local', 'local']);
    expect(await bg.wallet.isUnlocked()).toBe(false);
    expect(platform.postedDids).toHaveLength(8);
  });

  it('keeps the queue and its backoff when the worker restarts', async () => {
    const port = await freePort();
    const platform = await networkPlatform();
    const { bg } = await walletWithUserAndAgent(platform);
    await bg.ui('ui_setResolverUrl', { url: `http://127.0.0.1:${port}` });
    await until(() => retryDelay(platform) !== undefined);
    await fireRetryAlarm(bg);
    expect(retryDelay(platform)).toBe(2 * FIRST_RETRY_MS);

    // A new worker: the alarm is re-armed from what is stored (Firefox forgets alarms), the failures counted on.
    platform.alarms.alarms.clear();
    const restarted = await startBackground(platform);
    expect(retryDelay(platform)).toBe(2 * FIRST_RETRY_MS);
    expect((await restarted.ui('ui_registrationStatus', undefined)).waiting).toBe(2);
    await fireRetryAlarm(restarted);
    expect(retryDelay(platform)).toBe(4 * FIRST_RETRY_MS);

    await resolverOn(port);
    await fireRetryAlarm(restarted);
    expect(await stages(restarted)).toEqual(['registered', 'registered']);
  });

  it('shows a refusal with the resolver’s error and does not send the refused document again until asked', async () => {
    const resolver = await resolverOn();
    // Another browser on the same phrase registered a newer version of the User first.
    const laterPlatform = await networkPlatform();
    laterPlatform.clock.now += 3_600_000;
    const elsewhere = await walletWithUserAndAgent(laterPlatform);
    await elsewhere.bg.ui('ui_setResolverUrl', { url: resolver.url });
    await until(async () => (await stages(elsewhere.bg)).every((s) => s === 'registered'));

    const platform = await networkPlatform();
    const { bg, user } = await walletWithUserAndAgent(platform);
    await bg.ui('ui_setResolverUrl', { url: resolver.url });
    await until(async () => (await bg.ui('ui_registrationStatus', undefined)).refused.length === 2);
    const status = await bg.ui('ui_registrationStatus', undefined);
    expect(status.refused.find((r) => r.did === user.did)).toMatchObject({ label: 'Alice' });
    expect(status.refused[0]!.message).toMatch(/newer|version|updateTime/iu);
    expect(status.nextTryAt).toBeNull();

    const posts = platform.postedDids.length;
    bg.registrar.registerInBackground();
    await bg.registrar.registerPending();
    expect(platform.postedDids.length).toBe(posts);

    const retried = await bg.ui('ui_retryRegistration', undefined);
    expect(platform.postedDids.length).toBe(posts + 2);
    expect(retried.refused).toHaveLength(2);
  });

  it('counts a 409 for the very version it sent as registered, after verifying what the resolver holds', async () => {
    const resolver = await resolverOn();
    const platform = await networkPlatform();
    const { bg, user } = await walletWithUserAndAgent(platform);
    await bg.ui('ui_setResolverUrl', { url: resolver.url });
    await until(async () => (await stages(bg)).every((s) => s === 'registered'));
    // The resolver stored it, but the answer was lost: the entity is local again, with the same document.
    await bg.platform.db.put('entities', { ...(await bg.platform.db.get('entities', user.did))!, stage: 'local' });
    await bg.registrar.retryNow();
    expect((await bg.ui('ui_entity', { did: user.did })).stage).toBe('registered');
  });

  it('does not take a forged document from the resolver as proof of registration', async () => {
    const platform = await newPlatform();
    let agentToken: string | null = null;
    // A resolver that refuses with 409 and answers discover with the agent's (valid) document, whatever the DID.
    platform.fetch = async (_url, init) =>
      init.method === 'POST' ? Response.json({ error: 'not newer than the stored version' }, { status: 409 }) : Response.json({ token: agentToken });
    const { bg, user, agent } = await walletWithUserAndAgent(platform);
    agentToken = (await bg.platform.db.get('entities', agent.did))!.documentToken;
    await bg.ui('ui_setResolverUrl', { url: 'https://resolver.example' });
    // The agent's own, valid document is what the resolver holds for the agent; for the user it is not.
    await until(async () => (await bg.ui('ui_registrationStatus', undefined)).refused.length === 1);
    expect((await bg.ui('ui_entity', { did: agent.did })).stage).toBe('registered');
    expect((await bg.ui('ui_entity', { did: user.did })).stage).toBe('local');
    expect((await bg.ui('ui_registrationStatus', undefined)).refused).toEqual([
      { did: user.did, label: 'Alice', message: 'not newer than the stored version' },
    ]);
  });
});
