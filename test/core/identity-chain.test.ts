import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  bytesToHex,
  calculateIdentityBytes,
  chainIdFromExtIds,
  concatBytes,
  createIdentityChain,
  createReplacementEntry,
  decodeIdsec,
  entryBytes,
  entryFromJson,
  entryHash,
  firstEntryContent,
  hexToBytes,
  identityChainId,
  utf8Encode,
} from '../../src/core/index';
import { caught, factomVectors, sigilVectors } from './fixtures';

const vector = (fragment: string) => factomVectors.vectors.find((v: any) => v.description.includes(fragment));
const docKeys = [
  'idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa',
  'idpub1mxNZop6vAGmutD87hdYz1hog1NnaSfFj3icTUiq6xUyjiiy89',
  'idpub1zbpmSTnvErRkzoXus1hBmHSSFxvagqD3nZiMyna4JmnSnUDwF',
];

describe('chain ids', () => {
  it('reproduces the seed document identity chain id', () => {
    const v = vector('identity chain id = SHA256');
    expect(chainIdFromExtIds(v.inputs.external_ids)).toBe(v.expected_outputs.chain_id);
    expect(identityChainId(v.inputs.external_ids.slice(1))).toBe(v.expected_outputs.chain_id);
  });

  it('gives another id without the IdentityChain tag', () => {
    const v = vector('WITHOUT "IdentityChain" tag');
    const id = chainIdFromExtIds(v.inputs.external_ids);
    expect(id).toBe(v.expected_outputs.chain_id);
    expect(id === vector('identity chain id = SHA256').expected_outputs.chain_id).toBe(v.expected_outputs.equals_doc_chain_id);
  });
});

describe('first entry', () => {
  it('reproduces the seed document first entry byte for byte', () => {
    const v = vector('identity chain first entry hash');
    const created = createIdentityChain({ names: v.inputs.external_ids.slice(1), keys: docKeys });
    expect(created.chainId).toBe(v.inputs.chain_id);
    expect(created.content).toBe(v.inputs.content);
    expect(created.entryHash).toBe(v.expected_outputs.entry_hash);
    const entry = entryFromJson(created.chain.entries[0]!);
    const bytes = entryBytes(hexToBytes(created.chainId), entry);
    expect(bytes).toHaveLength(v.expected_outputs.entry_total_bytes);
    expect(utf8Encode(created.content)).toHaveLength(v.expected_outputs.content_bytes);
    expect(bytes.length - 35).toBe(v.expected_outputs.payload_bytes_extids_plus_content);
    // The hash is sha256(sha512(entry) ‖ entry), computed here independently of entryHash().
    expect(bytesToHex(sha256(concatBytes(sha512(bytes), bytes)))).toBe(v.expected_outputs.entry_hash);
  });

  it('does not reproduce the doc hash with "version" first', () => {
    const v = vector('"version"-first compact content');
    const first = vector('identity chain first entry hash');
    const entry = { extIds: first.inputs.external_ids.map(utf8Encode), content: utf8Encode(v.inputs.content) };
    const hash = entryHash(hexToBytes(first.inputs.chain_id), entry);
    expect(hash).toBe(v.expected_outputs.entry_hash);
    expect(hash === first.expected_outputs.entry_hash).toBe(v.expected_outputs.equals_doc_entry_hash);
    expect(firstEntryContent(docKeys)).not.toBe(v.inputs.content);
  });

  it('reproduces the Sigil user chain of the derivation vector', () => {
    const v = sigilVectors.derivation.user_alice_identity_chain;
    const keys = sigilVectors.derivation.keys.slice(0, 3).map((k: any) => k.idpub);
    const created = createIdentityChain({ names: v.names, keys });
    expect(created.chainId).toBe(v.chain_id);
    expect(created.content).toBe(v.first_entry_content);
    expect(created.entryHash).toBe(v.first_entry_hash);
  });

  it('applies the SDK size formula', () => {
    const v = vector('SDK calculated-bytes formula');
    expect(calculateIdentityBytes(v.inputs.names, v.inputs.key_count)).toBe(v.expected_outputs.total_bytes);
    expect(calculateIdentityBytes(['é'], 1)).toBe(37 + 2 + 2 + 58);
  });

  it('refuses oversize names with the SDK message, and accepts exactly 10240', async () => {
    // 37 + 58·3 + (n + 2) = 10240 → n = 10027
    const fits = createIdentityChain({ names: ['x'.repeat(10027)], keys: docKeys });
    expect(fits.chainId).toMatch(/^[0-9a-f]{64}$/);
    const error = await caught(() => createIdentityChain({ names: ['x'.repeat(10028)], keys: docKeys }));
    expect(error).toMatchObject({
      code: 'INVALID_PARAMS',
      message:
        'calculated bytes of names and keys is 10241. It must be less than 10240, use less/shorter names or less keys.',
    });
    const many = await caught(() => createIdentityChain({ names: Array.from({ length: 400 }, (_, i) => `name-${i}-${'y'.repeat(20)}`), keys: docKeys }));
    expect(many.message).toMatch(/^calculated bytes of names and keys is \d+\. It must be less than 10240/);
  });

  it('validates names and keys with the SDK messages', async () => {
    const cases: [unknown, unknown, string][] = [
      [undefined, docKeys, 'at least 1 name is required.'],
      [[], docKeys, 'at least 1 name is required.'],
      ['name', docKeys, 'names must be an array.'],
      [['a', 1], docKeys, 'names must be an array.'],
      [['a'], [], 'at least 1 key is required.'],
      [['a'], 'key', 'keys must be an array.'],
      [['a'], ['invalid key'], '"invalid key" key is invalid.'],
      [['a'], [docKeys[0], docKeys[0]], `"${docKeys[0]}" key is duplicated; keys must be unique.`],
      // A secret key given by mistake is not repeated in the message.
      [['a'], [factomVectors.vectors[0].inputs.idsec], '"idsec…" key is invalid.'],
    ];
    for (const [names, keys, message] of cases) {
      const error = await caught(() => createIdentityChain({ names: names as string[], keys: keys as string[] }));
      expect(error).toMatchObject({ code: 'INVALID_PARAMS', message });
    }
  });
});

describe('replacement entry', () => {
  const v = vector('key replacement entry hash');

  it('reproduces the seed document keys.replace entry', async () => {
    const entry = await createReplacementEntry({
      chainId: v.inputs.identity_chain_id,
      oldKey: v.inputs.old_key,
      newKey: v.inputs.new_key,
      signerSecretKey: decodeIdsec(v.inputs.signer_private_key),
    });
    expect(base64Encode(entry.signature)).toBe(v.expected_outputs.signature_base64);
    expect(entry.signerKey).toBe(v.expected_outputs.signer_key);
    expect(entry.entryHash).toBe(v.expected_outputs.entry_hash);
    expect(entry.entry.content).toBe('');
    expect(base64Decode(entry.entry.extIds[3]!)).toHaveLength(64);
  });

  it('gives another hash with the signature as base64 text in ExtID[3]', async () => {
    const negative = vector('ExtID[3] = base64 TEXT');
    const entry = await createReplacementEntry({
      chainId: v.inputs.identity_chain_id,
      oldKey: v.inputs.old_key,
      newKey: v.inputs.new_key,
      signerSecretKey: decodeIdsec(v.inputs.signer_private_key),
    });
    const decoded = entryFromJson(entry.entry);
    const asText = { ...decoded, extIds: decoded.extIds.map((x, i) => (i === 3 ? utf8Encode(base64Encode(x)) : x)) };
    const hash = entryHash(hexToBytes(v.inputs.identity_chain_id), asText);
    expect(hash).toBe(negative.expected_outputs.entry_hash);
    expect(hash === v.expected_outputs.entry_hash).toBe(negative.expected_outputs.equals_doc_entry_hash);
  });

  it('validates its inputs with the SDK wording', async () => {
    const signerSecretKey = decodeIdsec(v.inputs.signer_private_key);
    const base = { chainId: v.inputs.identity_chain_id, oldKey: v.inputs.old_key, newKey: v.inputs.new_key, signerSecretKey };
    expect((await caught(() => createReplacementEntry({ ...base, oldKey: 'idpubnope' }))).message).toBe(
      'oldPublicKey is an invalid public key.',
    );
    expect((await caught(() => createReplacementEntry({ ...base, newKey: v.inputs.signer_private_key }))).message).toBe(
      'newPublicKey is an invalid public key.',
    );
    expect((await caught(() => createReplacementEntry({ ...base, signerSecretKey: new Uint8Array(5) }))).message).toBe(
      'signerPrivateKey is invalid.',
    );
    expect((await caught(() => createReplacementEntry({ ...base, chainId: 'abc' }))).code).toBe('INVALID_PARAMS');
  });
});
