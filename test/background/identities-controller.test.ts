import { describe, expect, it } from 'vitest';
import { decodeJwt, encodeIdpub, encodeIdsec, ed25519 } from '../../src/core';
import { getEntity, putEntity } from '../../src/background/storage';
import { OTHER_SEED_HEX, PASSWORD, rejectionOf, startBackground, VECTOR_SEED_HEX, walletWithUserAndAgent } from './helpers';

describe('identities', () => {
  it('creates a User delegating to an Agent, both listed and shown with their keys', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    const { entities } = await bg.ui('ui_entities', undefined);
    expect(entities.map((e) => e.label).sort()).toEqual(['Alice', "Alice's agent"]);
    const view = await bg.ui('ui_entity', { did: user.did });
    expect(view.keys.filter((k) => k.active)).toHaveLength(3);
    expect(view.delegations).toEqual([expect.objectContaining({ direction: 'given', otherDid: agent.did, status: 'valid' })]);
  });

  it('creates an identity on a seed added a moment ago (the key cache follows every vault write)', async () => {
    const { bg } = await walletWithUserAndAgent();
    const seed = await bg.ui('ui_addSeed', { seed: { source: 'hex', hex: OTHER_SEED_HEX }, label: 'Second' });
    const created = await bg.ui('ui_createEntity', { kind: 'user', label: 'Bob', keyName: 'bob', seedId: seed.id });
    expect(created.label).toBe('Bob');
    expect((await bg.ui('ui_entities', undefined)).entities).toHaveLength(3);
  });

  it('replaces a master key with an idsec imported a moment ago', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const idpub = encodeIdpub(await ed25519.getPublicKey(secret));
    const master = (await bg.ui('ui_entity', { did: user.did })).keys.find((k) => k.priority === 0 && k.active)!;
    await bg.ui('ui_importIdsec', { idsec: encodeIdsec(secret), label: 'New master' });
    const result = await bg.ui('ui_replaceKey', { did: user.did, oldKey: master.idpub, newPublicKey: idpub, password: PASSWORD });
    expect(result.entry_hash).toMatch(/^[0-9a-f]{64}$/);
    const keys = (await bg.ui('ui_entity', { did: user.did })).keys;
    expect(keys.find((k) => k.idpub === idpub)).toMatchObject({ priority: 0, active: true });
    expect(keys.find((k) => k.idpub === master.idpub)).toMatchObject({ active: false });
  });

  it('renews the delegation of a User when its Agent replaces the key it names, refusing a row changed meanwhile', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    const signing = (await bg.ui('ui_entity', { did: agent.did })).keys.find((k) => k.priority === 2 && k.active)!;
    const prepared = await bg.identities.prepareReplacement({ did: agent.did, oldKey: signing.idpub });
    expect(prepared.result.renewed).toEqual([user.did]);
    // Another write changes the User's document after the replacement was prepared.
    const row = (await getEntity(bg.platform.db, user.did))!;
    const changed = { ...row, document: { ...row.document!, updateTime: (row.document as { updateTime: number }).updateTime + 5 } };
    await putEntity(bg.platform.db, changed);
    const error = await rejectionOf(bg.identities.commitReplacement(prepared));
    expect(error.message).toMatch(/changed while it was being updated/);
    // Nothing of the replacement landed: the agent's key is still active.
    await putEntity(bg.platform.db, row);
    expect((await bg.ui('ui_entity', { did: agent.did })).keys.find((k) => k.idpub === signing.idpub)?.active).toBe(true);
    // Prepared afresh, it goes through and the User's delegation names the new key.
    await bg.identities.commitReplacement(await bg.identities.prepareReplacement({ did: agent.did, oldKey: signing.idpub }));
    const userView = await bg.ui('ui_entity', { did: user.did });
    const active = userView.delegations.filter((d) => !d.revoked);
    expect(active).toEqual([expect.objectContaining({ controller: `${agent.did}#agent-2-1`, status: 'valid' })]);
  });

  it('gives the document with a signed token, signing one for a row that has none', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    const row = (await getEntity(bg.platform.db, user.did))!;
    await putEntity(bg.platform.db, { ...row, documentToken: null });
    const { token, document } = await bg.ui('ui_document', { did: user.did });
    expect(token).not.toBe('');
    expect(decodeJwt(token).claims.iss).toContain(user.did);
    expect((document as { id: string }).id).toBe(user.did);
    expect((await getEntity(bg.platform.db, user.did))!.documentToken).toBe(token);
  });

  it('says so, instead of an empty token, when the document is unsigned and the wallet locked', async () => {
    const { bg, user } = await walletWithUserAndAgent();
    const row = (await getEntity(bg.platform.db, user.did))!;
    await putEntity(bg.platform.db, { ...row, documentToken: null });
    await bg.ui('ui_lock', undefined);
    const error = await rejectionOf(bg.ui('ui_document', { did: user.did }));
    expect(error).toMatchObject({ code: 4100, message: expect.stringMatching(/not signed yet.*Unlock/) });
  });

  it('refuses a second identity with the same key name on the same seed', async () => {
    const bg = await startBackground();
    await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX } });
    await bg.ui('ui_createEntity', { kind: 'user', label: 'Alice', keyName: 'alice' });
    const error = await rejectionOf(bg.ui('ui_createEntity', { kind: 'user', label: 'Alice again', keyName: 'alice' }));
    expect(error.message).toMatch(/already has a user with that key name/);
  });
});
