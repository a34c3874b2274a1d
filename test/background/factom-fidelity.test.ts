/**
 * Issue 13, the Factom identity API's fidelity through the whole background (a page Port in):
 * reads by identityChainId as the Factom SDK makes them, with its messages; the same refusal for a
 * chain id that is not shared whether or not it exists.
 */
import { describe, expect, it } from 'vitest';
import { base64Decode, utf8Decode, verifyDocumentToken } from '../../src/core';
import type { PendingView } from '../../src/shared/ui-api';
import { connectSite, PASSWORD, settle, SITE, startBackground, until, walletWithUserAndAgent, type TestBackground } from './helpers';
import { approveNext, openPagePort } from './iotics-helpers';

/** The idpub that signed the newest ReplaceKey entry of `did` (its ExtID 4). */
async function lastSigner(bg: TestBackground, did: string): Promise<string> {
  const { document } = await verifyDocumentToken((await bg.ui('ui_document', { did })).token, { did });
  const entries = document.identityChain.entries;
  return utf8Decode(base64Decode(entries[entries.length - 1]!.extIds[4]!));
}

async function nextPending(bg: TestBackground): Promise<PendingView> {
  let pending: PendingView | undefined;
  await until(async () => (pending = (await bg.ui('ui_pending', undefined)).requests[0]) !== undefined);
  return pending!;
}

/** The agent's active keys by priority. */
async function keysOf(bg: TestBackground, did: string): Promise<string[]> {
  return (await bg.ui('ui_entity', { did })).keys.filter((k) => k.active).sort((a, b) => a.priority - b.priority).map((k) => k.idpub);
}

const UNKNOWN_CHAIN_ID = 'ab'.repeat(32);

describe('Factom reads by identityChainId', () => {
  it('answers identities.get, keys.list and keys.get by chain id exactly as by DID', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const chainId = (await bg.ui('ui_entity', { did: user.did })).chainId!;
    const key = (await bg.ui('ui_entity', { did: user.did })).keys[1]!.idpub;

    for (const identityChainId of [chainId, chainId.toUpperCase()]) {
      const byChain = (await page.request('sigil_identity', { identityChainId })).result as { data: { chain_id: string } };
      expect(byChain.data.chain_id).toBe(chainId);
      expect(byChain).toEqual((await page.request('sigil_identity', { did: user.did })).result);
      expect((await page.request('sigil_identityKeys', { identityChainId, limit: 2, offset: 1 })).result).toEqual(
        (await page.request('sigil_identityKeys', { did: user.did, limit: 2, offset: 1 })).result,
      );
      expect((await page.request('sigil_identityKey', { identityChainId, key })).result).toEqual(
        (await page.request('sigil_identityKey', { did: user.did, key })).result,
      );
    }
  });

  it("refuses a missing, empty or malformed chain id in the SDK's words, and both ways at once", async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const chainId = (await bg.ui('ui_entity', { did: user.did })).chainId!;
    const error = async (method: string, params: unknown) => (await page.request(method, params)).error;
    for (const method of ['sigil_identity', 'sigil_identityKeys']) {
      expect(await error(method, {})).toEqual({ code: -32602, message: 'identityChainId is required.' });
      expect(await error(method, { identityChainId: '' })).toEqual({ code: -32602, message: 'identityChainId is required.' });
      for (const bad of [chainId.slice(1), `${chainId}0`, `${chainId.slice(1)}g`, 42, ' '.repeat(64), 'x'.repeat(10_000)])
        expect(await error(method, { identityChainId: bad })).toEqual({ code: -32602, message: 'identityChainId is invalid.' });
      expect(await error(method, { did: user.did, identityChainId: chainId })).toEqual({
        code: -32602,
        message: 'Give either did or identityChainId, not both.',
      });
    }
    expect(await error('sigil_identityKey', { key: 'idpub' })).toEqual({ code: -32602, message: 'identityChainId is required.' });
    // A param given as undefined counts as left out, as for every other param.
    expect((await page.request('sigil_identity', { identityChainId: chainId, did: undefined })).result).toMatchObject({ data: { chain_id: chainId } });
    expect(await error('sigil_identityKeys', { identityChainId: chainId, limit: 'ten' })).toEqual({ code: -32602, message: 'limit must be an integer.' });
  });

  it('gives an unshared chain id the same 4100 as one that does not exist', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const hidden = (await bg.ui('ui_entity', { did: agent.did })).chainId;
    const unshared = (await page.request('sigil_identity', { identityChainId: hidden })).error;
    const missing = (await page.request('sigil_identity', { identityChainId: UNKNOWN_CHAIN_ID })).error;
    expect(unshared).toMatchObject({ code: 4100 });
    expect(unshared).toEqual(missing);
    expect((await page.request('sigil_identityKeys', { identityChainId: hidden })).error).toEqual(missing);
  });
});

describe('sigil_replaceKey with signerPublicKey', () => {
  it('signs with the key the site chose, shows the choices and the renewals, and words what happens', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did, agent.did]);
    const page = openPagePort(bg);
    const [p0, p1, p2] = await keysOf(bg, agent.did);
    const answer = page.request('sigil_replaceKey', { did: agent.did, oldPublicKey: p2, signerPublicKey: p2 });
    const pending = await nextPending(bg);
    expect(pending.details).toMatchObject({
      method: 'sigil_replaceKey',
      format: 'sigil',
      signer: { idpub: p2, priority: 2 },
      signerOptions: [{ idpub: p0, priority: 0 }, { idpub: p1, priority: 1 }, { idpub: p2, priority: 2 }],
      renews: [{ did: user.did, label: 'Alice' }],
      requiresPassword: false,
    });
    await bg.ui('ui_decide', { id: pending.id, decision: 'approve' });
    expect((await answer).result).toMatchObject({ stage: 'local' });
    expect(await lastSigner(bg, agent.did)).toBe(p2);
  });

  it('lets the person pick another signer within the rule; a priority-0 one needs the password', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const [p0, p1, p2] = await keysOf(bg, user.did);
    const answer = page.request('sigil_replaceKey', { did: user.did, oldPublicKey: p2 });
    const pending = await nextPending(bg);
    expect(pending.details).toMatchObject({ signer: { idpub: p1 }, renews: [] });
    const decide = (choices: object) => bg.ui('ui_decide', { id: pending.id, decision: 'approve', choices });
    await expect(decide({ signer: p0 })).rejects.toMatchObject({ code: -32602, data: { field: 'password' } });
    await expect(decide({ signer: p0, password: 'wrong password' })).rejects.toMatchObject({ message: 'Wrong password.' });
    await expect(decide({ signer: 'idpub-not-offered' })).rejects.toMatchObject({ data: { field: 'signer' } });
    await expect(decide({ signer: p2, password: PASSWORD })).rejects.toMatchObject({ data: { field: 'password' } });
    await decide({ signer: p0, password: PASSWORD });
    const { result } = await answer;
    expect(result).toMatchObject({ stage: 'local' });
    expect(await lastSigner(bg, user.did)).toBe(p0);
    expect((await keysOf(bg, user.did))[2]).not.toBe(p2);
  });

  it('refuses a signer outside the rule before any window opens', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const [, p1, p2] = await keysOf(bg, user.did);
    const refusal = async (params: object) => (await page.request('sigil_replaceKey', { did: user.did, ...params })).error;
    expect(await refusal({ oldPublicKey: p1, signerPublicKey: p2 })).toEqual({
      code: -32602,
      message: 'signerPublicKey (priority 2) may not replace oldPublicKey (priority 1): the signing key must be of the same or a higher priority.',
    });
    const stranger = (await keysOf(bg, (await bg.ui('ui_entities', undefined)).entities.find((e) => e.did !== user.did)!.did))[0]!;
    expect(await refusal({ oldPublicKey: p2, signerPublicKey: stranger })).toEqual({ code: -32602, message: 'signerPublicKey is not an active key of this identity.' });
    expect(await refusal({ oldPublicKey: p2, signerPublicKey: 'idpub' })).toEqual({ code: -32602, message: 'signerPublicKey is an invalid public key.' });
    expect(bg.platform.windows.created).toBe(0);
    expect((await bg.ui('ui_pending', undefined)).requests).toEqual([]);
  });
});

describe('identityStage events', () => {
  const stageEvents = (bg: TestBackground) =>
    bg.platform.frames.sent
      .map((s) => s.message as { event: string; origin: string; data: { did: string; chain_id: string | null; entry_hash: string | null; stage: string } })
      .filter((m) => m.event === 'identityStage');

  it('tells the sites sharing an identity when an entry is created (local) and accepted (registered), once, across a worker restart', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    await settle(100); // the creation's own announcements, before the site's frame listens
    bg.platform.frames.frames.push({ origin: SITE, tabId: 7, frameId: 0 });
    const page = openPagePort(bg);
    const answer = page.request('sigil_createIdentity', { kind: 'twin', label: 'Pump', delegateTo: undefined });
    await approveNext(bg);
    const created = (await answer).result as { did: string; chain_id: string; entry_hash: string };
    await until(() => stageEvents(bg).length === 1);
    expect(stageEvents(bg)[0]).toMatchObject({ origin: SITE, data: { did: created.did, chain_id: created.chain_id, entry_hash: created.entry_hash, stage: 'local' } });

    // A restarted worker announces nothing already announced; the resolver accepting the documents is news.
    const restarted = await startBackground(bg.platform);
    await settle(50);
    expect(stageEvents(restarted)).toHaveLength(1);
    bg.platform.resolver.status = 200;
    await restarted.ui('ui_setResolverUrl', { url: 'https://resolver.example' });
    await until(() => stageEvents(restarted).length === 3);
    await settle(50);
    const registered = stageEvents(restarted).slice(1).map((m) => m.data);
    // Only the identities this site shares: the twin and Alice, not her agent.
    expect(registered).toEqual(
      expect.arrayContaining([
        { did: created.did, chain_id: created.chain_id, entry_hash: created.entry_hash, stage: 'registered' },
        expect.objectContaining({ did: user.did, stage: 'registered' }),
      ]),
    );
    expect(registered.some((d) => d.did === agent.did)).toBe(false);
    const again = await startBackground(bg.platform);
    await again.ui('ui_registerEntity', { did: created.did });
    await settle(100);
    expect(stageEvents(again)).toHaveLength(3);
  });

  it("announces a replacement's new entry, and an IOTICS identity's stage with null chain_id and entry_hash", async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    await settle(100); // the creation's own announcements, before the site's frame listens
    bg.platform.frames.frames.push({ origin: SITE, tabId: 7, frameId: 0 });
    const page = openPagePort(bg);
    const [, , p2] = await keysOf(bg, user.did);
    const replaced = page.request('sigil_replaceKey', { did: user.did, oldPublicKey: p2 });
    await approveNext(bg);
    const { entry_hash } = (await replaced).result as { entry_hash: string };
    await until(() => stageEvents(bg).length === 1);
    expect(stageEvents(bg)[0]!.data).toMatchObject({ did: user.did, entry_hash, stage: 'local' });

    const iotics = page.request('sigil_createIdentity', { kind: 'user', format: 'iotics', label: 'Io' });
    await approveNext(bg);
    const { did } = (await iotics).result as { did: string };
    await until(() => stageEvents(bg).length === 2);
    expect(stageEvents(bg)[1]!.data).toEqual({ did, chain_id: null, entry_hash: null, stage: 'local' });
  });
});

describe("the SDK's size rule through the page API", () => {
  it('refuses names too long for one identity chain in the SDK words, before any window opens', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    await connectSite(bg, [user.did]);
    const page = openPagePort(bg);
    const names = Array.from({ length: 11 }, (_, i) => String.fromCharCode(97 + i).repeat(1000));
    const { error } = await page.request('sigil_createIdentity', { kind: 'twin', names });
    // 37 + (the DID, 47 bytes, + 2) + 11 × (1000 + 2) + 3 keys × 58
    expect(error).toEqual({
      code: -32602,
      message: 'calculated bytes of names and keys is 11282. It must be less than 10240, use less/shorter names or less keys.',
    });
    expect(bg.platform.windows.created).toBe(0);
  });
});
