/**
 * Recovery from the phrase alone, through the real background and Sigil's real resolver: identities
 * made with default key names in one wallet come back in a second wallet restored from the phrase,
 * with their latest key generation, and sign tokens that verify.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { entropyToMnemonic, hexToBytes, httpResolver, verifyAuthToken } from '../../src/core';
import { startResolver, type ResolverServer } from '../../src/resolver/server';
import type { SigilEntityView } from '../../src/shared/ui-api';
import { connectSite, newPlatform, PASSWORD, SITE, startBackground, until, VECTOR_SEED_HEX, type TestBackground } from './helpers';
import { approveNext, openPagePort } from './iotics-helpers';

const WORDS = entropyToMnemonic(hexToBytes(VECTOR_SEED_HEX));

const running: ResolverServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((resolver) => resolver.close()));
});

async function resolver(): Promise<ResolverServer> {
  const server = await startResolver({ registerCors: false });
  running.push(server);
  return server;
}

/** A wallet made from the phrase, talking to `resolverUrl` over real HTTP ('' = no resolver). */
async function walletFromPhrase(resolverUrl: string): Promise<TestBackground> {
  const platform = await newPlatform();
  platform.fetch = (url, init) => fetch(url, init);
  const bg = await startBackground(platform);
  await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'mnemonic', words: WORDS } });
  await bg.ui('ui_setResolverUrl', { url: resolverUrl });
  return bg;
}

const allRegistered = (bg: TestBackground) => until(async () => (await bg.ui('ui_entities', undefined)).entities.every((e) => e.stage === 'registered'));

async function secretsOf(bg: TestBackground) {
  return bg.wallet.vault.read(await bg.wallet.requireVaultKey());
}

async function pageToken(bg: TestBackground, user: string): Promise<string> {
  const page = openPagePort(bg);
  const answer = page.request('sigil_authToken', { user });
  const early = await Promise.race([answer, approveNext(bg).then(() => null)]);
  const { result, error } = early ?? (await answer);
  if (error) throw new Error(error.message);
  return (result as { token: string }).token;
}

/** Wallet A: a Sigil and an IOTICS User+Agent with default key names, registered, each agent's key replaced once. */
async function firstWallet(url: string) {
  const bg = await walletFromPhrase(url);
  const sigil = await bg.ui('ui_createUserAndAgent', { user: { label: 'Alice' }, agent: { label: 'Alice’s agent' }, format: 'sigil' });
  const iotics = await bg.ui('ui_createUserAndAgent', { user: { label: 'Bob' }, agent: { label: 'Bob’s agent' }, format: 'iotics' });
  await allRegistered(bg);
  const agentView = (await bg.ui('ui_entity', { did: sigil.agent.did })) as SigilEntityView;
  const signing = agentView.keys.find((k) => k.active && k.priority === 2)!;
  await bg.ui('ui_replaceKey', { did: sigil.agent.did, oldKey: signing.idpub, password: PASSWORD });
  await bg.ui('ui_rotateIoticsKey', { did: iotics.agent.did, keyId: '#agent-0', password: PASSWORD });
  await allRegistered(bg);
  return { bg, sigil, iotics };
}

describe('default key names', () => {
  it('a counter per kind and format in each seed; a name typed by hand is flagged custom', async () => {
    const bg = await walletFromPhrase('');
    await bg.ui('ui_createUserAndAgent', { user: { label: 'A' }, agent: { label: 'B' } });
    await bg.ui('ui_createEntity', { kind: 'user', label: 'C' });
    await bg.ui('ui_createEntity', { kind: 'user', label: 'D', format: 'iotics' });
    const custom = await bg.ui('ui_createEntity', { kind: 'user', label: 'E', keyName: 'my secret name' });
    const refs = (await secretsOf(bg)).entities.map((e) => [e.kind, e.format, e.keyName, e.keyNameOrigin]);
    expect(refs).toEqual([
      ['agent', 'sigil', 'agent-0', 'default'],
      ['user', 'sigil', 'user-0', 'default'],
      ['user', 'sigil', 'user-1', 'default'],
      ['user', 'iotics', 'user-0', 'default'],
      ['user', 'sigil', 'my secret name', 'custom'],
    ]);
    expect((await bg.ui('ui_seeds', undefined)).customKeyNames).toEqual([custom.did]);
    // The entity view says which is which, never the name itself.
    for (const ref of (await secretsOf(bg)).entities) {
      const view = await bg.ui('ui_entity', { did: ref.entityId });
      expect(view.keyName).toBe(ref.keyNameOrigin);
      expect(JSON.stringify(view)).not.toContain('my secret name');
    }
  });

  it('an identity a page asks for gets the next default name of its kind and format', async () => {
    const bg = await walletFromPhrase('');
    await bg.ui('ui_createEntity', { kind: 'twin', label: 'T', format: 'iotics' });
    await connectSite(bg, []);
    const page = openPagePort(bg);
    for (const format of ['iotics', 'sigil'] as const) {
      const answer = page.request('sigil_createIdentity', { kind: 'twin', format, label: `Page ${format}` });
      await approveNext(bg);
      expect((await answer).error).toBeUndefined();
    }
    expect((await secretsOf(bg)).entities.map((e) => [e.format, e.keyName, e.keyNameOrigin])).toEqual([
      ['iotics', 'twin-0', 'default'],
      ['iotics', 'twin-1', 'default'],
      ['sigil', 'twin-0', 'default'],
    ]);
  });

  it('the flag and the key names travel in the encrypted backup', async () => {
    const bg = await walletFromPhrase('');
    await bg.ui('ui_createEntity', { kind: 'user', label: 'A' });
    await bg.ui('ui_createEntity', { kind: 'agent', label: 'B', keyName: 'hand typed' });
    const backup = await bg.ui('ui_exportBackup', { password: PASSWORD });
    expect(backup.contents).not.toContain('hand typed');
    const other = await startBackground(await newPlatform());
    await other.ui('ui_importBackup', { contents: backup.contents, password: PASSWORD });
    expect((await secretsOf(other)).entities.map((e) => [e.keyName, e.keyNameOrigin])).toEqual([
      ['user-0', 'default'],
      ['hand typed', 'custom'],
    ]);
  });
});

describe('restoring a phrase', () => {
  it('finds the identities on the resolver with their latest keys, and they sign tokens that verify', async () => {
    const server = await resolver();
    const a = await firstWallet(server.url);
    const custom = await a.bg.ui('ui_createEntity', { kind: 'user', label: 'Secret', keyName: 'written down' });
    await allRegistered(a.bg);

    const b = await walletFromPhrase(server.url);
    const report = await b.ui('ui_discoverIdentities', {}, 'restore-1');
    expect(report).toMatchObject({ status: 'restored', resolverUrl: server.url, alreadyInWallet: [], refused: [], complete: true });
    expect(report.restored.map((r) => [r.did, r.format, r.kind, r.label, r.stage, r.currentKeyId, r.replacements])).toEqual([
      [a.sigil.user.did, 'sigil', 'user', 'Alice', 'registered', '#user-2-0', 0],
      [a.sigil.agent.did, 'sigil', 'agent', 'Alice’s agent', 'registered', '#agent-2-1', 1],
      [a.iotics.user.did, 'iotics', 'user', 'Bob', 'registered', '#user-0', 0],
      [a.iotics.agent.did, 'iotics', 'agent', 'Bob’s agent', 'registered', '#agent-1', 1],
    ]);
    const entities = (await b.ui('ui_entities', undefined)).entities;
    expect(entities.map((e) => e.did).sort()).toEqual(report.restored.map((r) => r.did).sort());
    expect(entities.map((e) => e.did)).not.toContain(custom.did);

    // The restored wallet signs with the latest generation, and a verifier accepts it.
    await connectSite(b, [a.sigil.user.did, a.sigil.agent.did, a.iotics.user.did, a.iotics.agent.did]);
    for (const [user, iss] of [
      [a.sigil.user.did, `${a.sigil.agent.did}#agent-2-1`],
      [a.iotics.user.did, `${a.iotics.agent.did}#agent-1`],
    ] as const) {
      const token = await pageToken(b, user);
      const verified = await verifyAuthToken(token, { audience: SITE, resolve: httpResolver(server.url) });
      expect(verified.claims).toMatchObject({ iss, sub: user });
    }

    // The same request again answers the same; a new one finds them already in the wallet and writes nothing.
    expect(await b.ui('ui_discoverIdentities', {}, 'restore-1')).toEqual(report);
    const again = await b.ui('ui_discoverIdentities', {});
    expect(again).toMatchObject({ status: 'none-found', restored: [] });
    expect([...again.alreadyInWallet].sort()).toEqual(report.restored.map((r) => r.did).sort());
  });

  it('a resolver answering anything but a token or 404 stops the search and nothing is written', async () => {
    for (const [answer, problem] of [
      [() => new Response('oops', { status: 500 }), 'The resolver had a problem (500).'],
      [() => new Response('{"token": 5}', { status: 200 }), 'The resolver answered without a document token.'],
      [() => new Response('not json', { status: 200 }), 'The resolver’s answer could not be read.'],
      // Longer than one document token may be: reading stops at the bound.
      [() => new Response(JSON.stringify({ token: 'x'.repeat(1024 * 1024 + 100) }), { status: 200 }), 'The resolver answered without a document token.'],
    ] as const) {
      const platform = await newPlatform();
      const asked: string[] = [];
      platform.fetch = async (url) => {
        asked.push(url.href);
        return answer();
      };
      const bg = await startBackground(platform);
      await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'mnemonic', words: WORDS } });
      await bg.ui('ui_setResolverUrl', { url: 'http://127.0.0.1:9' });
      const report = await bg.ui('ui_discoverIdentities', {});
      expect(report).toMatchObject({ status: 'unreachable', problem, restored: [] });
      expect(asked.filter((u) => u.includes('/1.0/discover/'))).toHaveLength(1);
      expect((await secretsOf(bg)).entities).toEqual([]);
    }
  });

  it('restores only the seed when no resolver is set, and nothing when the resolver cannot be reached', async () => {
    const none = await walletFromPhrase('');
    expect(await none.ui('ui_discoverIdentities', {})).toMatchObject({ status: 'no-resolver', resolverUrl: '', restored: [] });

    const server = await resolver();
    const url = server.url;
    await server.close();
    running.splice(running.indexOf(server), 1);
    const offline = await walletFromPhrase(url);
    const report = await offline.ui('ui_discoverIdentities', {});
    expect(report).toMatchObject({ status: 'unreachable', restored: [], problem: 'The resolver could not be reached.' });
    expect((await offline.ui('ui_entities', undefined)).entities).toEqual([]);
    expect((await secretsOf(offline)).entities).toEqual([]);
  });
});
