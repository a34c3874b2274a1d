/**
 * IOTICS-format identities (DESIGN §2.8) made by the whole background as the popup drives it: the
 * seed's DIDs are exactly the IOTICS library's, documents and delegations verify with the core.
 */
import { describe, expect, it } from 'vitest';
import {
  deriveIoticsKey,
  validateIoticsDelegation,
  verifyAnyDocumentToken,
  type IoticsDocument,
} from '../../src/core';
import type { IoticsEntityView } from '../../src/shared/ui-api';
import { PASSWORD, rejectionOf, startBackground, VECTOR_SEED_HEX, walletWithUserAndAgent } from './helpers';
import { IOTICS_DIDS, ioticsWallet } from './iotics-helpers';

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));

async function ioticsDocument(bg: Awaited<ReturnType<typeof ioticsWallet>>['bg'], did: string): Promise<IoticsDocument> {
  const { document, token } = await bg.ui('ui_document', { did });
  const verified = await verifyAnyDocumentToken(token, { did });
  expect(verified.format).toBe('iotics');
  expect(verified.document).toEqual(document);
  return verified.document as IoticsDocument;
}

describe('IOTICS identities in the wallet', () => {
  it("creates the IOTICS library's User, Agent and Twin for the seed and key names, with their delegations", async () => {
    const { bg, user, agent, twin } = await ioticsWallet();
    expect([user.did, agent.did, twin.did]).toEqual([IOTICS_DIDS.user, IOTICS_DIDS.agent, IOTICS_DIDS.twin]);
    expect([user.format, agent.format, twin.format]).toEqual(['iotics', 'iotics', 'iotics']);

    const userDoc = await ioticsDocument(bg, user.did);
    const agentDoc = await ioticsDocument(bg, agent.did);
    const twinDoc = await ioticsDocument(bg, twin.did);
    expect(userDoc.publicKey).toEqual([
      { id: '#user-0', type: 'Secp256k1VerificationKey2018', publicKeyBase58: IOTICS_DIDS.userPublicKey, revoked: false },
    ]);
    expect(userDoc.metadata).toEqual({ label: 'Alice' });
    expect(userDoc.delegateAuthentication).toHaveLength(1);
    expect(userDoc.delegateAuthentication[0]!.controller).toBe(`${agent.did}#agent-0`);
    expect(validateIoticsDelegation(userDoc.delegateAuthentication[0]!, user.did, agentDoc)).toEqual({ valid: true });
    expect(twinDoc.delegateControl[0]!.controller).toBe(`${agent.did}#agent-0`);
    expect(validateIoticsDelegation(twinDoc.delegateControl[0]!, twin.did, agentDoc)).toEqual({ valid: true });
    // In the IOTICS library's field order.
    expect(Object.keys(userDoc)).toEqual([
      '@context', 'id', 'ioticsSpecVersion', 'ioticsDIDType', 'updateTime', 'proof',
      'publicKey', 'authentication', 'delegateControl', 'delegateAuthentication', 'metadata', 'revoked',
    ]);
  });

  it('shows an IOTICS entity with its format, owner keys and delegations, and no identity chain', async () => {
    const { bg, user, agent, twin } = await ioticsWallet();
    const view = (await bg.ui('ui_entity', { did: user.did })) as IoticsEntityView;
    expect(view).toMatchObject({
      format: 'iotics',
      kind: 'user',
      chainId: null,
      names: [],
      keys: [],
      history: [],
      publicKey: [{ id: '#user-0', publicKeyBase58: IOTICS_DIDS.userPublicKey, revoked: false }],
      authentication: [],
      removedKeys: [],
    });
    expect(view.delegations).toEqual([
      expect.objectContaining({ direction: 'given', type: 'authentication', otherDid: agent.did, controller: `${agent.did}#agent-0`, proofType: 'did', revoked: false, status: 'valid' }),
    ]);
    const agentView = await bg.ui('ui_entity', { did: agent.did });
    expect(agentView.delegations.map((d) => [d.direction, d.type, d.otherDid, d.status])).toEqual([
      ['received', 'authentication', user.did, 'valid'],
      ['received', 'control', twin.did, 'valid'],
    ]);
    expect((await bg.ui('ui_entities', undefined)).entities.map((e) => e.format)).toEqual(['iotics', 'iotics', 'iotics']);
  });

  it('derives by the seed method and the seed password (DESIGN §2.8)', async () => {
    const bg = await startBackground();
    await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX, method: 'none' } });
    const none = await bg.ui('ui_createEntity', { kind: 'user', label: 'Alice', keyName: 'alice', format: 'iotics' });
    expect(none.did).toBe(IOTICS_DIDS.userNone);

    const withPassword = await bg.ui('ui_addSeed', { seed: { source: 'hex', hex: VECTOR_SEED_HEX, password: 'open sesame' }, label: 'With password' });
    expect(withPassword).toMatchObject({ method: 'bip39', hasPassword: true, words: 24, origin: 'hex' });
    const protectedUser = await bg.ui('ui_createEntity', { kind: 'user', label: 'Alice 2', keyName: 'alice', format: 'iotics', seedId: withPassword.id });
    const expected = await deriveIoticsKey({ seed: hexBytes(VECTOR_SEED_HEX), kind: 'user', keyName: 'alice', password: 'open sesame' });
    expect(protectedUser.did).toBe(expected.did);
    expect(protectedUser.did).not.toBe(IOTICS_DIDS.user);

    const { seeds } = await bg.ui('ui_seeds', undefined);
    expect(seeds.map((s) => [s.method, s.hasPassword, s.words])).toEqual([
      ['none', false, null],
      ['bip39', true, 24],
    ]);
    const revealed = await bg.ui('ui_revealMnemonic', { seedId: seeds[0]!.id, password: PASSWORD });
    expect(revealed).toEqual({ words: [], hex: VECTOR_SEED_HEX });
  });

  it('imports a 16-byte hex seed and refuses sizes its method does not take', async () => {
    const bg = await startBackground();
    await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: '00112233445566778899aabbccddeeff' } });
    const user = await bg.ui('ui_createEntity', { kind: 'user', label: 'Me', keyName: 'MyUserKey', format: 'iotics' });
    expect(user.did).toBe('did:iotics:iotTGcwDPXAFNqFCj6EBBWEUMeLeiecUemjA');
    expect(await rejectionOf(bg.ui('ui_addSeed', { seed: { source: 'hex', hex: 'ab'.repeat(18) } }))).toMatchObject({
      code: -32602,
      message: 'A hex seed is 16, 20, 24, 28 or 32 bytes (32 to 64 hex digits, an even number).',
    });
    expect(await rejectionOf(bg.ui('ui_addSeed', { seed: { source: 'hex', hex: 'ab'.repeat(15), method: 'none' } }))).toMatchObject({
      code: -32602,
      message: 'A hex seed for the none method is 16 to 64 bytes (32 to 128 hex digits, an even number).',
    });
    const long = await bg.ui('ui_addSeed', { seed: { source: 'hex', hex: 'ab'.repeat(40), method: 'none' } });
    expect(long).toMatchObject({ method: 'none', words: null, hasPassword: false });
  });

  it('refuses mixed formats, chain names on an IOTICS identity and Sigil identities on an IOTICS-only seed', async () => {
    const { bg, agent } = await walletWithUserAndAgent();
    expect(await rejectionOf(bg.ui('ui_createTwin', { label: 'T', keyName: 't', agent: agent.did, format: 'iotics' }))).toMatchObject({
      code: -32602,
      message: expect.stringContaining('an identity and its Agent must be of the same format'),
    });
    expect(await rejectionOf(bg.ui('ui_createEntity', { kind: 'user', label: 'U', keyName: 'u', names: ['x'], format: 'iotics' }))).toMatchObject({
      code: -32602,
      message: 'Public names are part of a Sigil identity chain; an IOTICS identity has none.',
    });
    const protectedSeed = await bg.ui('ui_addSeed', { seed: { source: 'hex', hex: 'cd'.repeat(32), password: 'pw' } });
    expect(await rejectionOf(bg.ui('ui_createEntity', { kind: 'user', label: 'U', keyName: 'u', seedId: protectedSeed.id }))).toMatchObject({
      code: -32602,
      message: expect.stringContaining('Sigil-format identities derive from a BIP39 seed without a seed password'),
    });
    expect((await bg.ui('ui_entities', undefined)).entities).toHaveLength(2);
  });

  it('answers Factom-only messages about an IOTICS entity in plain words, and renews only a delegation that needs it', async () => {
    const { bg, user } = await ioticsWallet();
    const view = await bg.ui('ui_entity', { did: user.did });
    expect(await rejectionOf(bg.ui('ui_renewDelegation', { did: user.did, delegationId: view.delegations[0]!.id }))).toMatchObject({
      code: -32602,
      message: 'This delegation does not need renewal.',
    });
    expect(await rejectionOf(bg.ui('ui_planReplacement', { did: user.did, oldKey: 'idpub2Z7mJWCyUDensnQ5UcTxXUrQH9BsGDHjQbmNU5f3Rp3XpW7bYR' }))).toMatchObject({
      code: -32602,
      message: `${user.did} is an IOTICS identity: it has no identity chain.`,
    });
    expect(await rejectionOf(bg.ui('ui_planIoticsRotation', { did: user.did, keyId: '#user-7' }))).toMatchObject({
      code: -32602,
      message: `#user-7 is not an owner key of ${user.did}.`,
    });
  });

  it('keeps the key name out of every stored public row', async () => {
    const { bg } = await ioticsWallet();
    const rows = await bg.platform.db.getAll('entities');
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const text = JSON.stringify(row);
      for (const name of ['alice', 'alice-agent', 'thermostat-1']) expect(text).not.toContain(`"${name}"`);
      expect(text).not.toContain('iotics/0/');
      expect(row).toMatchObject({ format: 'iotics', chainId: '', names: [], entries: [] });
    }
  });
});
