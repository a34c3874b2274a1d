/**
 * The Factom-shaped reads a connected site may make (DESIGN.md §3): sigil_identity,
 * sigil_identityKeys (with the Factom SDK's defaults and messages), sigil_identityKey and
 * sigil_document — checked the same way in both browsers from a dApp page connected with every
 * identity shared.
 */
import { expect } from '@playwright/test';
import { verifyDocumentToken, type FactomKey } from '../../src/core';
import { sigilRequest } from './page-requests';
import type { ScriptablePage, UiClient } from './ui-messages';


/** Identity, keys and one key in the Factom shapes; the document with its token. */
export async function expectFactomReads(site: ScriptablePage, ui: UiClient, did: string): Promise<void> {
  const view = await ui.call('ui_entity', { did });
  if (view.format !== 'sigil') throw new Error('Factom-shaped reads are for Sigil-format identities.');

  const identity = await sigilRequest<{ data: Record<string, unknown> & { active_keys: FactomKey[] } }>(site, 'sigil_identity', { did });
  expect(identity).toEqual({
    ok: true,
    result: {
      data: {
        version: 1,
        stage: view.stage,
        chain_id: view.chainId,
        names: view.names,
        active_keys: view.keys.map((k) => ({ key: k.idpub, priority: k.priority, activated_height: 0, retired_height: null, entry_hash: k.entryHash })),
        pending_key: null,
        created_height: 0,
      },
    },
  });

  const keys = await sigilRequest<{ offset: number; limit: number; count: number; data: FactomKey[] }>(site, 'sigil_identityKeys', { did });
  expect(keys.ok && keys.result).toMatchObject({ offset: 0, limit: 15, count: 3 });
  const page2 = await sigilRequest<{ data: FactomKey[] }>(site, 'sigil_identityKeys', { did, limit: 1, offset: 2 });
  expect(page2.ok && page2.result.data.map((k) => k.priority)).toEqual([2]);
  expect(await sigilRequest(site, 'sigil_identityKeys', { did, limit: '15' })).toEqual({ ok: false, code: -32602, message: 'limit must be an integer.' });
  expect(await sigilRequest(site, 'sigil_identityKeys', { did, offset: 1.5 })).toEqual({ ok: false, code: -32602, message: 'offset must be an integer.' });

  const one = await sigilRequest<{ data: FactomKey }>(site, 'sigil_identityKey', { did, key: view.keys[2]!.idpub });
  expect(one.ok && one.result.data).toMatchObject({ key: view.keys[2]!.idpub, priority: 2, retired_height: null });
  expect(await sigilRequest(site, 'sigil_identityKey', { did, key: 'idpub-not-a-key' })).toMatchObject({ ok: false, code: -32602 });

  const doc = await sigilRequest<{ document: { id: string }; token: string }>(site, 'sigil_document', { did });
  expect(doc.ok).toBe(true);
  if (doc.ok) expect((await verifyDocumentToken(doc.result.token, { did })).document).toEqual(doc.result.document);
}

/** Replaces the Agent's signing key; the reads then show the retired key with its heights. */
export async function expectReadsAfterReplacement(site: ScriptablePage, ui: UiClient, agentDid: string): Promise<void> {
  const before = await ui.call('ui_entity', { did: agentDid });
  if (before.format !== 'sigil') throw new Error('Factom-shaped reads are for Sigil-format identities.');
  const old = before.keys.find((k) => k.priority === 2 && k.active)!;
  const replaced = await ui.call('ui_replaceKey', { did: agentDid, oldKey: old.idpub });

  const keys = await sigilRequest<{ count: number; data: FactomKey[] }>(site, 'sigil_identityKeys', { did: agentDid });
  expect(keys.ok && keys.result.count).toBe(4);
  const retired = await sigilRequest<{ data: FactomKey }>(site, 'sigil_identityKey', { did: agentDid, key: old.idpub });
  expect(retired.ok && retired.result.data).toMatchObject({ activated_height: 0, retired_height: 1 });
  const identity = await sigilRequest<{ data: { active_keys: FactomKey[] } }>(site, 'sigil_identity', { did: agentDid });
  expect(identity.ok && identity.result.data.active_keys[2]).toMatchObject({ priority: 2, activated_height: 1, entry_hash: replaced.entry_hash });
}

/**
 * Reads of an identity not shared with the site, or from `otherOrigin` (a page of another origin
 * that never connected), are refused with 4100; a DID whose checksum does not verify is invalid.
 */
export async function expectReadsRefused(site: ScriptablePage, otherOrigin: ScriptablePage, ui: UiClient, sharedDid: string): Promise<void> {
  const hidden = await ui.call('ui_createEntity', { kind: 'user', label: 'Not shared', keyName: 'hidden' });
  for (const method of ['sigil_identity', 'sigil_identityKeys', 'sigil_document']) {
    expect(await sigilRequest(site, method, { did: hidden.did })).toMatchObject({ ok: false, code: 4100 });
  }
  expect(await sigilRequest(otherOrigin, 'sigil_identity', { did: sharedDid })).toMatchObject({ ok: false, code: 4100 });
  expect(await sigilRequest(site, 'sigil_identity', { did: 'did:iotics:iotHHHHKpPGWWWC4FFo4d6oyzVVk6MXLmEgY' })).toEqual({
    ok: false,
    code: -32602,
    message: 'did is not a valid DID: its checksum does not verify.',
  });
}
