/**
 * Recovery from the phrase alone (core): default key names, and discovery of what a seed registered,
 * against documents made and signed by the core itself (no mocked crypto).
 */
import { describe, expect, it } from 'vitest';
import {
  createDocumentToken,
  createIdentity,
  createIoticsDocument,
  createIoticsDocumentToken,
  defaultKeyName,
  defaultKeyNumber,
  deriveEntityKeys,
  deriveKey,
  discoverIdentities,
  entropyToMaster,
  hexToBytes,
  ioticsKeyPairFromPath,
  ioticsKeyPath,
  ioticsMaster,
  nextDefaultKeyName,
  replaceKey,
  rotateIoticsKey,
  updateDocument,
  type DocumentTokenLookup,
  type EntityKind,
} from '../../src/core';

const ENTROPY = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const SEED = { entropy: ENTROPY, method: 'bip39' as const, password: '' };
const AUDIENCE = 'http://127.0.0.1:8701';

/** A resolver in memory: DID → its latest token, and the DIDs asked for. */
function memoryResolver() {
  const tokens = new Map<string, string>();
  const asked: string[] = [];
  const lookup: DocumentTokenLookup = async (did) => {
    asked.push(did);
    return tokens.get(did) ?? null;
  };
  return { tokens, asked, lookup };
}

async function registerSigil(tokens: Map<string, string>, kind: EntityKind, keyName: string, options: { replaceSigning?: boolean } = {}) {
  const master = await entropyToMaster(ENTROPY);
  const keys = await deriveEntityKeys(master, kind, keyName);
  const created = await createIdentity({ kind, keys, label: keyName, updateTime: 1000 });
  let document = created.document;
  if (options.replaceSigning) {
    const next = await deriveKey(master, { kind, keyName, priority: 2, generation: 1 });
    const replaced = await replaceKey(document.identityChain, { oldKey: keys[2]!.idpub, newKey: next.idpub, signerSecretKey: keys[0]!.secretKey });
    document = await updateDocument(document, { updateTime: 2000, identityChain: replaced.chain });
  }
  tokens.set(document.id, await createDocumentToken(document, { secretKey: keys[0]!.secretKey, audience: AUDIENCE }));
  return document.id;
}

async function registerIotics(tokens: Map<string, string>, kind: EntityKind, keyName: string, options: { rotate?: boolean } = {}) {
  const master = await ioticsMaster(ENTROPY);
  const own = ioticsKeyPairFromPath(master, ioticsKeyPath(kind, keyName, 0));
  const document = createIoticsDocument({ kind, secretKey: own.secretKey, updateTime: 1000 });
  tokens.set(own.did, createIoticsDocumentToken(document, { keyId: `#${kind}-0`, secretKey: own.secretKey, audience: AUDIENCE }));
  if (options.rotate) {
    const next = ioticsKeyPairFromPath(master, ioticsKeyPath(kind, keyName, 1));
    const rotation = rotateIoticsKey(document, {
      oldKeyId: `#${kind}-0`,
      newKeyId: `#${kind}-1`,
      newSecretKey: next.secretKey,
      oldSecretKey: own.secretKey,
      updateTime: 2000,
      audience: AUDIENCE,
    });
    tokens.set(own.did, rotation.updates[rotation.updates.length - 1]!.token);
  }
  return own.did;
}

describe('default key names', () => {
  it('are {kind}-{n}, one counter per kind, the first free number next', () => {
    expect(defaultKeyName('user', 0)).toBe('user-0');
    expect(defaultKeyName('agent', 12)).toBe('agent-12');
    expect(nextDefaultKeyName('user', [])).toBe('user-0');
    expect(nextDefaultKeyName('user', ['user-0', 'user-1', 'agent-2', 'alice'])).toBe('user-2');
    expect(nextDefaultKeyName('agent', ['user-0', 'user-1'])).toBe('agent-0');
    expect(nextDefaultKeyName('user', ['user-0', 'user-2'])).toBe('user-1');
  });

  it('are told apart from custom names exactly', () => {
    expect(defaultKeyNumber('user', 'user-7')).toBe(7);
    expect(defaultKeyNumber('user', 'agent-7')).toBeNull();
    expect(defaultKeyNumber('user', 'user-07')).toBeNull();
    expect(defaultKeyNumber('user', 'user-')).toBeNull();
    expect(defaultKeyNumber('user', 'alice')).toBeNull();
    expect(() => defaultKeyName('user', -1)).toThrow();
  });
});

describe('discoverIdentities', () => {
  it('finds default-named identities of both formats, with the latest key generation', async () => {
    const resolver = memoryResolver();
    const sigilUser = await registerSigil(resolver.tokens, 'user', 'user-0');
    const sigilAgent = await registerSigil(resolver.tokens, 'agent', 'agent-0', { replaceSigning: true });
    const ioticsUser = await registerIotics(resolver.tokens, 'user', 'user-0');
    const ioticsAgent = await registerIotics(resolver.tokens, 'agent', 'agent-0', { rotate: true });

    const result = await discoverIdentities({ seed: SEED, lookup: resolver.lookup });
    expect(result.refused).toEqual([]);
    expect(result.complete).toBe(true);
    expect(result.found.map((f) => [f.format, f.kind, f.keyName, f.did])).toEqual([
      ['sigil', 'user', 'user-0', sigilUser],
      ['sigil', 'agent', 'agent-0', sigilAgent],
      ['iotics', 'user', 'user-0', ioticsUser],
      ['iotics', 'agent', 'agent-0', ioticsAgent],
    ]);
    const agent = result.found[1]!;
    expect(agent.format === 'sigil' && agent.generations).toEqual([0, 0, 1]);
    expect(agent.format === 'sigil' && agent.heldPriorities).toEqual([0, 1, 2]);
    const rotated = result.found[3]!;
    expect(rotated.format === 'iotics' && rotated.heldKeyIds).toEqual(['#agent-1']);
    expect(rotated.format === 'iotics' && rotated.document.publicKey.map((k) => k.id)).toEqual(['#agent-1']);
    // 6 counters each end with 5 unused names; the 4 found ones add one lookup each.
    expect(result.lookups).toBe(6 * 5 + 4);
  });

  it('goes past a gap shorter than the limit and stops at the limit', async () => {
    const resolver = memoryResolver();
    await registerIotics(resolver.tokens, 'user', 'user-0');
    const fifth = await registerIotics(resolver.tokens, 'user', 'user-5'); // user-1…user-4 unused: a gap of 4
    const beyond = await registerIotics(resolver.tokens, 'user', 'user-11'); // after a gap of 5: not found
    const result = await discoverIdentities({ seed: SEED, lookup: resolver.lookup, formats: ['iotics'], kinds: ['user'] });
    expect(result.found.map((f) => f.keyName)).toEqual(['user-0', 'user-5']);
    expect(result.found.map((f) => f.did)).toContain(fifth);
    expect(resolver.asked).not.toContain(beyond);
    expect(result.lookups).toBe(11);
  });

  it('does not find identities under custom key names (they must be written down)', async () => {
    const resolver = memoryResolver();
    await registerSigil(resolver.tokens, 'user', 'alice');
    const result = await discoverIdentities({ seed: SEED, lookup: resolver.lookup });
    expect(result.found).toEqual([]);
  });

  it('refuses a document that does not verify and goes on past it', async () => {
    const resolver = memoryResolver();
    const did = await registerIotics(resolver.tokens, 'agent', 'agent-0');
    const token = resolver.tokens.get(did)!;
    const [header, payload] = token.split('.');
    resolver.tokens.set(did, `${header}.${payload}.${'A'.repeat(86)}`);
    const next = await registerIotics(resolver.tokens, 'agent', 'agent-1');
    const result = await discoverIdentities({ seed: SEED, lookup: resolver.lookup, formats: ['iotics'], kinds: ['agent'] });
    expect(result.refused).toEqual([expect.objectContaining({ did, format: 'iotics', kind: 'agent' })]);
    expect(result.found.map((f) => f.did)).toEqual([next]);
  });

  it('refuses another DID’s document served under a default DID', async () => {
    const resolver = memoryResolver();
    const own = await registerIotics(resolver.tokens, 'user', 'user-0');
    const other = await registerIotics(resolver.tokens, 'user', 'someone-else');
    resolver.tokens.set(own, resolver.tokens.get(other)!);
    const result = await discoverIdentities({ seed: SEED, lookup: resolver.lookup, formats: ['iotics'], kinds: ['user'] });
    expect(result.found).toEqual([]);
    expect(result.refused).toEqual([expect.objectContaining({ did: own })]);
  });

  it('stops at the lookup cap and says the search is incomplete', async () => {
    const resolver = memoryResolver();
    const result = await discoverIdentities({ seed: SEED, lookup: resolver.lookup, maxLookups: 7 });
    expect(result.lookups).toBe(7);
    expect(resolver.asked).toHaveLength(7);
    expect(result.complete).toBe(false);
  });

  it('lets a resolver failure through instead of reading it as an unused name', async () => {
    const failing: DocumentTokenLookup = async () => {
      throw new Error('resolver unreachable');
    };
    await expect(discoverIdentities({ seed: SEED, lookup: failing })).rejects.toThrow('resolver unreachable');
  });

  it('searches only the IOTICS format for a seed with a password', async () => {
    const resolver = memoryResolver();
    const result = await discoverIdentities({ seed: { ...SEED, password: 'pw' }, lookup: resolver.lookup });
    expect(result.lookups).toBe(3 * 5);
  });
});
