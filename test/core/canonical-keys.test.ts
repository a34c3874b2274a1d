/**
 * One text form per key: an idpub/idsec with anything around it (a space, a newline) is refused
 * everywhere, in the Factom SDK's words, instead of being decoded and then compared or written raw.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  base64Encode,
  createIdentityChain,
  createReplacementEntry,
  decodeFactomKey,
  decodeIdpub,
  decodeIdsec,
  deriveKey,
  ed25519,
  entryToJson,
  factomKey,
  inspectFactomKey,
  isIdpub,
  isIdsec,
  replaceKey,
  replacementMessage,
  replayIdentityChain,
  utf8Encode,
  validateDocument,
  type DerivedKey,
  type IdentityChainJson,
} from '../../src/core/index';
import { caught, clone, entities, factomVectors, type Entities } from './fixtures';

let e: Entities;
let chain: IdentityChainJson;
const variants = (key: string): string[] => [` ${key}`, `${key} `, `${key}\n`, `\t${key}`, `${key}\u00a0`];

/** A ReplaceKey entry written as given, with no rule or format check: what a hostile chain holds. */
async function rawReplacement(base: IdentityChainJson, oldKey: string, newKey: string, signer: DerivedKey) {
  const signature = await ed25519.sign(replacementMessage(base.chainId, oldKey, newKey), signer.secretKey);
  const entry = entryToJson({
    extIds: [utf8Encode('ReplaceKey'), utf8Encode(oldKey), utf8Encode(newKey), signature, utf8Encode(signer.idpub)],
    content: new Uint8Array(0),
  });
  return { ...base, entries: [...base.entries, entry] };
}

beforeAll(async () => {
  e = await entities();
  chain = e.agentDoc.identityChain;
});

describe('canonical Factom key strings', () => {
  it('decoding refuses a key with whitespace around it, without echoing the key', async () => {
    const idpub = e.agent[0]!.idpub;
    const idsec = factomVectors.vectors[0].inputs.idsec as string;
    for (const text of [...variants(idpub), ...variants(idsec)]) {
      const error = await caught(() => decodeFactomKey(text));
      expect(error.code).toBe('INVALID_KEY');
      expect(error.message).not.toContain(text.trim());
      expect(isIdpub(text)).toBe(false);
      await expect(inspectFactomKey(text)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    }
    expect(() => decodeIdsec(` ${idsec}`)).toThrow();
    expect([isIdsec(idsec), isIdsec(`${idsec} `), isIdsec(idpub)]).toEqual([true, false, false]);
    expect(decodeIdpub(idpub)).toHaveLength(32);
  });

  it('chain creation refuses it as the SDK does, so no space reaches the entry and duplicates cannot hide', async () => {
    const keys = e.agent.map((k) => k.idpub);
    for (const spaced of variants(keys[0]!)) {
      expect(await caught(() => createIdentityChain({ names: ['a'], keys: [spaced, keys[1]!, keys[2]!] }))).toMatchObject({
        code: 'INVALID_PARAMS',
        message: `"${spaced}" key is invalid.`,
      });
      // --key K --key " K": the same key twice.
      expect(await caught(() => createIdentityChain({ names: ['a'], keys: [keys[0]!, spaced] }))).toMatchObject({
        message: `"${spaced}" key is invalid.`,
      });
    }
  });

  it('a replacement refuses old and new keys that are not canonical', async () => {
    const next = await deriveKey(e.master, { kind: 'agent', keyName: 'alice-agent', priority: 2, generation: 1 });
    const base = { chainId: chain.chainId, oldKey: e.agent[2]!.idpub, newKey: next.idpub, signerSecretKey: e.agent[1]!.secretKey };
    for (const spaced of variants(base.oldKey)) {
      expect((await caught(() => createReplacementEntry({ ...base, oldKey: spaced }))).message).toBe('oldPublicKey is an invalid public key.');
      expect((await caught(() => replaceKey(chain, { ...base, oldKey: spaced }))).message).toBe('oldPublicKey is an invalid public key.');
    }
    for (const spaced of variants(base.newKey)) {
      expect((await caught(() => createReplacementEntry({ ...base, newKey: spaced }))).message).toBe('newPublicKey is an invalid public key.');
      expect((await caught(() => replaceKey(chain, { ...base, newKey: spaced }))).message).toBe('newPublicKey is an invalid public key.');
    }
  });

  it('replay refuses a retired key brought back with a trailing space', async () => {
    const next = await deriveKey(e.master, { kind: 'agent', keyName: 'alice-agent', priority: 2, generation: 1 });
    const once = await rawReplacement(chain, e.agent[2]!.idpub, next.idpub, e.agent[1]!);
    expect((await replayIdentityChain(once)).activeKeys[2]!.idpub).toBe(next.idpub);
    const back = await rawReplacement(once, next.idpub, `${e.agent[2]!.idpub} `, e.agent[1]!);
    await expect(replayIdentityChain(back)).rejects.toMatchObject({
      code: 'INVALID_CHAIN',
      message: expect.stringContaining('identity chain entry 2: the new key is invalid'),
    });
  });

  it('replay refuses a first entry whose key carries a space', async () => {
    const spaced = clone(chain);
    const content = JSON.stringify({ keys: [e.agent[0]!.idpub, e.agent[1]!.idpub, ` ${e.agent[2]!.idpub}`], version: 1 });
    spaced.entries = [{ ...spaced.entries[0]!, content: base64Encode(utf8Encode(content)) }];
    await expect(replayIdentityChain(spaced)).rejects.toMatchObject({ message: expect.stringContaining('key 2 is invalid') });
  });

  it('keys.get and documents refuse a non-canonical key', async () => {
    const state = await replayIdentityChain(chain);
    expect(factomKey(state, { key: e.agent[0]!.idpub }).data.key).toBe(e.agent[0]!.idpub);
    expect((await caught(() => factomKey(state, { key: `${e.agent[0]!.idpub} ` }))).message).toBe('key is invalid.');
    const doc = clone(e.agentDoc);
    doc.publicKey[0]!.idpub = ` ${doc.publicKey[0]!.idpub}`;
    expect((await validateDocument(doc)).valid).toBe(false);
  });
});
