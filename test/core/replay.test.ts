import { beforeAll, describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  createIdentityChain,
  createReplacementEntry,
  deriveKey,
  factomIdentity,
  factomKey,
  factomKeys,
  replaceKey,
  replayIdentityChain,
  signingKey,
  type DerivedKey,
  type IdentityChainJson,
} from '../../src/core/index';
import { caught, clone, documentVectors, entities, factomVectors, type Entities } from './fixtures';

let e: Entities;
let chain: IdentityChainJson;
const gen = (priority: number, generation: number): Promise<DerivedKey> =>
  deriveKey(e.master, { kind: 'agent', keyName: 'alice-agent', priority, generation });

/** A ReplaceKey entry with no rule checks, to build chains that break rules. */
async function append(base: IdentityChainJson, oldKey: string, newKey: string, signer: DerivedKey): Promise<IdentityChainJson> {
  const { entry } = await createReplacementEntry({ chainId: base.chainId, oldKey, newKey, signerSecretKey: signer.secretKey });
  return { ...base, entries: [...base.entries, entry] };
}

beforeAll(async () => {
  e = await entities();
  chain = e.agentDoc.identityChain;
});

describe('replaying an identity chain', () => {
  it('replays the first entry into three active keys at height 0', async () => {
    const state = await replayIdentityChain(chain);
    expect(state.height).toBe(0);
    expect(state.keys.map((k) => [k.idpub, k.priority, k.generation, k.activatedHeight, k.retiredHeight])).toEqual(
      e.agent.map((k, p) => [k.idpub, p, 0, 0, null]),
    );
    expect(state.entryHashes).toHaveLength(1);
    expect(new Set(state.keys.map((k) => k.entryHash))).toEqual(new Set(state.entryHashes));
    expect(signingKey(state).idpub).toBe(e.agent[2]!.idpub);
  });

  it('tracks replacements: slot, generation, heights and entry hashes', async () => {
    const k21 = await gen(2, 1);
    const k01 = await gen(0, 1);
    const k11 = await gen(1, 1);
    let c = (await replaceKey(chain, { oldKey: e.agent[2]!.idpub, newKey: k21.idpub, signerSecretKey: e.agent[1]!.secretKey })).chain;
    c = (await replaceKey(c, { oldKey: e.agent[0]!.idpub, newKey: k01.idpub, signerSecretKey: e.agent[0]!.secretKey })).chain;
    const last = await replaceKey(c, { oldKey: e.agent[1]!.idpub, newKey: k11.idpub, signerSecretKey: k01.secretKey });
    const state = await replayIdentityChain(last.chain);
    expect(state.height).toBe(3);
    expect(state.entryHashes[3]).toBe(last.entryHash);
    expect(state.activeKeys.map((k) => k.idpub)).toEqual([k01.idpub, k11.idpub, k21.idpub]);
    expect(state.keys.map((k) => [k.priority, k.generation, k.activatedHeight, k.retiredHeight])).toEqual([
      [0, 0, 0, 2],
      [1, 0, 0, 3],
      [2, 0, 0, 1],
      [2, 1, 1, null],
      [0, 1, 2, null],
      [1, 1, 3, null],
    ]);
    expect(state.keys[5]!.entryHash).toBe(last.entryHash);
  });

  it('replays a long chain with every slot rotated, and finds a bad signature deep inside', async () => {
    const entries = [...chain.entries];
    const active = [...e.agent];
    const generations = [0, 0, 0];
    for (let i = 0; i < 60; i++) {
      const priority = i % 3;
      const next = await gen(priority, ++generations[priority]!);
      const signer = active[Math.max(0, priority - (i % 2))]!;
      const { entry } = await createReplacementEntry({
        chainId: chain.chainId,
        oldKey: active[priority]!.idpub,
        newKey: next.idpub,
        signerSecretKey: signer.secretKey,
      });
      entries.push(entry);
      active[priority] = next;
    }
    const long = { ...chain, entries };
    const state = await replayIdentityChain(long);
    expect(state.height).toBe(60);
    expect(state.keys).toHaveLength(63);
    expect(state.activeKeys.map((k) => [k.idpub, k.generation])).toEqual(active.map((k, p) => [k.idpub, generations[p]]));
    expect(state.keys.filter((k) => k.retiredHeight === null)).toHaveLength(3);
    const broken = clone(long);
    const signature = base64Decode(broken.entries[37]!.extIds[3]!);
    signature[63]! ^= 0x10;
    broken.entries[37]!.extIds[3] = base64Encode(signature);
    expect(await caught(() => replayIdentityChain(broken))).toMatchObject({
      message: 'identity chain entry 37: the signature does not verify',
    });
  });

  it('replays the agent chain of documents.json after its key replacement', async () => {
    const state = await replayIdentityChain(
      documentVectors.agent_document_after_replacing_key_2.identityChain,
    );
    expect(state.activeKeys.map((k) => k.idpub)).toEqual([e.agent[0]!.idpub, e.agent[1]!.idpub, e.agentNextSigning.idpub]);
    expect(state.keys[2]!.retiredHeight).toBe(1);
  });

  describe('refuses a chain that breaks a rule', () => {
    const expectInvalid = async (c: IdentityChainJson, message: string) =>
      expect(await caught(() => replayIdentityChain(c))).toMatchObject({ code: 'INVALID_CHAIN', message });

    it('a tampered signature', async () => {
      const c = clone(await append(chain, e.agent[2]!.idpub, (await gen(2, 1)).idpub, e.agent[1]!));
      const signature = base64Decode(c.entries[1]!.extIds[3]!);
      signature[0]! ^= 1;
      c.entries[1]!.extIds[3] = base64Encode(signature);
      await expectInvalid(c, 'identity chain entry 1: the signature does not verify');
    });

    it('a signature made for another chain', async () => {
      const other = createIdentityChain({ names: ['other'], keys: e.agent.map((k) => k.idpub) });
      const forged = await append(other.chain, e.agent[2]!.idpub, (await gen(2, 1)).idpub, e.agent[1]!);
      await expectInvalid({ ...chain, entries: [...chain.entries, forged.entries[1]!] }, 'identity chain entry 1: the signature does not verify');
    });

    it('a lower-priority signer', async () => {
      const c = await append(chain, e.agent[1]!.idpub, (await gen(1, 1)).idpub, e.agent[2]!);
      await expectInvalid(
        c,
        'identity chain entry 1: priority-1 key replaced by a priority-2 signer; the signer must have the same or a higher priority',
      );
    });

    it('a reused key (retired, or active in another slot)', async () => {
      const k21 = await gen(2, 1);
      const once = await append(chain, e.agent[2]!.idpub, k21.idpub, e.agent[1]!);
      await expectInvalid(
        await append(once, k21.idpub, e.agent[2]!.idpub, e.agent[1]!),
        'identity chain entry 2: the new key was already used in this identity',
      );
      await expectInvalid(
        await append(chain, e.agent[2]!.idpub, e.agent[1]!.idpub, e.agent[0]!),
        'identity chain entry 1: the new key was already used in this identity',
      );
    });

    it('a retired or foreign signer, and a replaced key that is not active', async () => {
      const k21 = await gen(2, 1);
      const once = await append(chain, e.agent[2]!.idpub, k21.idpub, e.agent[1]!);
      await expectInvalid(await append(once, k21.idpub, (await gen(2, 2)).idpub, e.agent[2]!), 'identity chain entry 2: the signer is not an active key');
      await expectInvalid(await append(chain, e.agent[2]!.idpub, k21.idpub, e.user[0]!), 'identity chain entry 1: the signer is not an active key');
      await expectInvalid(
        await append(once, e.agent[2]!.idpub, (await gen(2, 2)).idpub, e.agent[0]!),
        'identity chain entry 2: the replaced key is not an active key',
      );
    });

    it('entries that are not ReplaceKey entries', async () => {
      const c = clone(await append(chain, e.agent[2]!.idpub, (await gen(2, 1)).idpub, e.agent[1]!));
      c.entries[1]!.content = base64Encode(new Uint8Array([1]));
      await expectInvalid(c, 'identity chain entry 1: a ReplaceKey entry must have empty content');
      c.entries[1] = { extIds: [base64Encode(new TextEncoder().encode('Other'))], content: '' };
      await expectInvalid(c, expect.stringContaining('identity chain entry 1: not a ReplaceKey entry') as never);
      c.entries[1] = { extIds: ['***'], content: '' };
      await expectInvalid(c, 'identity chain entry 1 is not valid base64');
    });

    it('reports the earliest bad entry', async () => {
      const k21 = await gen(2, 1);
      const c = clone(await append(chain, e.agent[2]!.idpub, k21.idpub, e.agent[1]!));
      const signature = base64Decode(c.entries[1]!.extIds[3]!);
      signature[5]! ^= 4;
      c.entries[1]!.extIds[3] = base64Encode(signature);
      // Entry 2 breaks a rule too (lower-priority signer); entry 1 is the one reported.
      const bad = await append(c, e.agent[0]!.idpub, (await gen(0, 1)).idpub, k21);
      await expectInvalid(bad, 'identity chain entry 1: the signature does not verify');
    });

    it('a first entry that does not match the chain', async () => {
      await expectInvalid({ ...chain, chainId: 'f'.repeat(64) }, 'identity chain id does not match its names');
      await expectInvalid({ ...chain, chainId: 'F'.repeat(64) }, 'identity chain id must be 64 lowercase hex digits');
      const created = createIdentityChain({ names: ['a', 'b'], keys: e.agent.map((k) => k.idpub) });
      await expectInvalid(
        { ...created.chain, entries: chain.entries },
        'identity chain entry 0: ExtIDs must be "IdentityChain" followed by the names',
      );
      const badContent = clone(chain);
      badContent.entries[0]!.content = base64Encode(new TextEncoder().encode('{"keys":[],"version":1}'));
      await expectInvalid(badContent, 'identity chain entry 0: keys must be a non-empty array of idpub strings');
      badContent.entries[0]!.content = base64Encode(new TextEncoder().encode(`{"keys":["${e.agent[0]!.idpub}"],"version":2}`));
      await expectInvalid(badContent, 'identity chain entry 0: content must be {"keys":[…],"version":1}');
      await expectInvalid({ ...chain, entries: [] }, 'identity chain must have at least its first entry');
    });
  });

  it('replaceKey checks the rules before signing anything', async () => {
    const k21 = await gen(2, 1);
    const cases: [Parameters<typeof replaceKey>[1], string][] = [
      [{ oldKey: e.agent[1]!.idpub, newKey: k21.idpub, signerSecretKey: e.agent[2]!.secretKey }, 'a priority-2 key cannot replace a priority-1 key; the signer must have the same or a higher priority.'],
      [{ oldKey: e.agent[2]!.idpub, newKey: e.agent[0]!.idpub, signerSecretKey: e.agent[0]!.secretKey }, 'newPublicKey was already used in this identity; keys are never reused.'],
      [{ oldKey: k21.idpub, newKey: (await gen(2, 2)).idpub, signerSecretKey: e.agent[0]!.secretKey }, 'oldPublicKey is not an active key of this identity.'],
      [{ oldKey: e.agent[2]!.idpub, newKey: k21.idpub, signerSecretKey: e.user[0]!.secretKey }, 'signerPrivateKey is not an active key of this identity.'],
      [{ oldKey: 'idpub', newKey: k21.idpub, signerSecretKey: e.agent[0]!.secretKey }, 'oldPublicKey is an invalid public key.'],
    ];
    for (const [params, message] of cases) expect(await caught(() => replaceKey(chain, params))).toMatchObject({ code: 'INVALID_PARAMS', message });
    expect(chain.entries).toHaveLength(1);
  });
});

describe('Factom API shapes', () => {
  let state: Awaited<ReturnType<typeof replayIdentityChain>>;
  beforeAll(async () => {
    const k21 = await gen(2, 1);
    const replaced = await replaceKey(chain, { oldKey: e.agent[2]!.idpub, newKey: k21.idpub, signerSecretKey: e.agent[1]!.secretKey });
    state = await replayIdentityChain(replaced.chain);
  });

  it('identities.get, as for the seed document identity', async () => {
    const seed = createIdentityChain({
      names: ['NotarySimulation', '2019-03-15T04:17:36.684136'],
      keys: factomVectors.vectors.slice(0, 3).map((v: any) => v.expected_outputs.idpub),
    });
    const got = factomIdentity(await replayIdentityChain(seed.chain), {
      stage: 'registered',
      allKeysHref: `/v1/identities/${seed.chainId}/keys`,
    });
    expect(got).toEqual({
      data: {
        version: 1,
        stage: 'registered',
        chain_id: '107c8e488e95b63ca6fe1c409aa22c380b5c7be387d139c1cd0afaf608d1ae42',
        names: ['NotarySimulation', '2019-03-15T04:17:36.684136'],
        active_keys: factomVectors.vectors.slice(0, 3).map((v: any, priority: number) => ({
          key: v.expected_outputs.idpub,
          priority,
          activated_height: 0,
          retired_height: null,
          entry_hash: '64e5c70cc7b58e3746e2e2e43c6a01b4b504512a3e87d39faf467823c43ccf1e',
        })),
        pending_key: null,
        created_height: 0,
        all_keys_href: '/v1/identities/107c8e488e95b63ca6fe1c409aa22c380b5c7be387d139c1cd0afaf608d1ae42/keys',
      },
    });
    expect(Object.keys(factomIdentity(state, { stage: 'local' }).data)).not.toContain('all_keys_href');
    expect((await caught(() => factomIdentity(state, { stage: 'factom' as never }))).code).toBe('INVALID_PARAMS');
  });

  it('identities.get lists active keys after a replacement', () => {
    const { data } = factomIdentity(state, { stage: 'local' });
    expect(data.active_keys.map((k) => [k.key, k.priority, k.activated_height])).toEqual([
      [e.agent[0]!.idpub, 0, 0],
      [e.agent[1]!.idpub, 1, 0],
      [e.agentNextSigning.idpub, 2, 1],
    ]);
    expect(data.active_keys[2]!.entry_hash).toBe(state.entryHashes[1]);
  });

  it('keys.list pages every key in the order added', () => {
    expect(factomKeys(state)).toEqual({
      offset: 0,
      limit: 15,
      count: 4,
      data: [
        { key: e.agent[0]!.idpub, priority: 0, activated_height: 0, retired_height: null, entry_hash: state.entryHashes[0] },
        { key: e.agent[1]!.idpub, priority: 1, activated_height: 0, retired_height: null, entry_hash: state.entryHashes[0] },
        { key: e.agent[2]!.idpub, priority: 2, activated_height: 0, retired_height: 1, entry_hash: state.entryHashes[0] },
        { key: e.agentNextSigning.idpub, priority: 2, activated_height: 1, retired_height: null, entry_hash: state.entryHashes[1] },
      ],
    });
    expect(factomKeys(state, { limit: 2, offset: 1 }).data.map((k) => k.key)).toEqual([e.agent[1]!.idpub, e.agent[2]!.idpub]);
    expect(factomKeys(state, { offset: 10 })).toEqual({ offset: 10, limit: 15, data: [], count: 4 });
    expect(factomKeys(state, { limit: 100 }).data).toHaveLength(4);
  });

  it('keys.list validates limit and offset', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ limit: '15' }, 'limit must be an integer.'],
      [{ limit: 1.5 }, 'limit must be an integer.'],
      [{ limit: null }, 'limit must be an integer.'],
      [{ limit: Number.NaN }, 'limit must be an integer.'],
      [{ offset: '0' }, 'offset must be an integer.'],
      [{ offset: 2.5 }, 'offset must be an integer.'],
      [{ limit: 0 }, 'limit must be between 1 and 100.'],
      [{ limit: -1 }, 'limit must be between 1 and 100.'],
      [{ limit: 101 }, 'limit must be between 1 and 100.'],
      [{ offset: -1 }, 'offset must not be negative.'],
    ];
    for (const [params, message] of cases)
      expect(await caught(() => factomKeys(state, params))).toMatchObject({ code: 'INVALID_PARAMS', message });
  });

  it('keys.get finds retired and active keys and validates its key', async () => {
    expect(factomKey(state, { key: e.agent[2]!.idpub })).toEqual({
      data: { key: e.agent[2]!.idpub, priority: 2, activated_height: 0, retired_height: 1, entry_hash: state.entryHashes[0] },
    });
    expect((await caught(() => factomKey(state, {}))).message).toBe('key is required.');
    expect((await caught(() => factomKey(state, { key: '' }))).message).toBe('key is required.');
    expect((await caught(() => factomKey(state, { key: 'idpub123' }))).message).toBe('key is invalid.');
    expect((await caught(() => factomKey(state, { key: 7 }))).message).toBe('key is invalid.');
    expect(await caught(() => factomKey(state, { key: e.user[0]!.idpub }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
