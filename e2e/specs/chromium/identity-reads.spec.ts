/**
 * The Factom-shaped reads a connected site may make (DESIGN.md §3): sigil_identity,
 * sigil_identityKeys (with the Factom SDK's defaults and messages), sigil_identityKey and
 * sigil_document — only for identities shared with that origin.
 */
import { verifyDocumentToken } from '../../../src/core';
import { startDappServer, type DappServer } from '../../dapp/server';
import { expect, test } from '../../support/chromium';
import { connectedSite } from '../../support/connected-site-chromium';
import { sigilRequest } from '../../support/page-requests';

let otherSite: DappServer;
test.beforeAll(async () => {
  otherSite = await startDappServer();
});
test.afterAll(async () => {
  await otherSite.close();
});

interface FactomKey {
  key: string;
  priority: number;
  activated_height: number | null;
  retired_height: number | null;
  entry_hash: string;
}

test('identity, keys and key in the Factom shapes; document with its token', async ({ context, openExtensionPage, dapp }) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  const { ui, user } = site;
  const view = await ui.call('ui_entity', { did: user.did });

  const identity = await sigilRequest<{ data: Record<string, unknown> & { active_keys: FactomKey[] } }>(site.page, 'sigil_identity', { did: user.did });
  expect(identity).toEqual({
    ok: true,
    result: {
      data: {
        version: 1,
        stage: 'local',
        chain_id: view.chainId,
        names: [user.did],
        active_keys: view.keys.map((k) => ({ key: k.idpub, priority: k.priority, activated_height: 0, retired_height: null, entry_hash: k.entryHash })),
        pending_key: null,
        created_height: 0,
      },
    },
  });

  const keys = await sigilRequest<{ offset: number; limit: number; count: number; data: FactomKey[] }>(site.page, 'sigil_identityKeys', { did: user.did });
  expect(keys.ok && keys.result).toMatchObject({ offset: 0, limit: 15, count: 3 });
  const page2 = await sigilRequest<{ data: FactomKey[] }>(site.page, 'sigil_identityKeys', { did: user.did, limit: 1, offset: 2 });
  expect(page2.ok && page2.result.data.map((k) => k.priority)).toEqual([2]);
  expect(await sigilRequest(site.page, 'sigil_identityKeys', { did: user.did, limit: '15' })).toEqual({ ok: false, code: -32602, message: 'limit must be an integer.' });
  expect(await sigilRequest(site.page, 'sigil_identityKeys', { did: user.did, offset: 1.5 })).toEqual({ ok: false, code: -32602, message: 'offset must be an integer.' });

  const one = await sigilRequest<{ data: FactomKey }>(site.page, 'sigil_identityKey', { did: user.did, key: view.keys[2]!.idpub });
  expect(one.ok && one.result.data).toMatchObject({ key: view.keys[2]!.idpub, priority: 2, retired_height: null });
  expect(await sigilRequest(site.page, 'sigil_identityKey', { did: user.did, key: 'idpub-not-a-key' })).toMatchObject({ ok: false, code: -32602 });

  const doc = await sigilRequest<{ document: { id: string }; token: string }>(site.page, 'sigil_document', { did: user.did });
  expect(doc.ok).toBe(true);
  if (doc.ok) {
    const verified = await verifyDocumentToken(doc.result.token, { did: user.did });
    expect(verified.document).toEqual(doc.result.document);
  }
});

test('after a key replacement the reads show the retired key with its heights', async ({ context, openExtensionPage, dapp }) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  const { ui, agent } = site;
  const before = await ui.call('ui_entity', { did: agent.did });
  const old = before.keys.find((k) => k.priority === 2)!;
  const replaced = await ui.call('ui_replaceKey', { did: agent.did, oldKey: old.idpub });

  const keys = await sigilRequest<{ count: number; data: FactomKey[] }>(site.page, 'sigil_identityKeys', { did: agent.did });
  expect(keys.ok && keys.result.count).toBe(4);
  const retired = await sigilRequest<{ data: FactomKey }>(site.page, 'sigil_identityKey', { did: agent.did, key: old.idpub });
  expect(retired.ok && retired.result.data).toMatchObject({ activated_height: 0, retired_height: 1 });
  const identity = await sigilRequest<{ data: { active_keys: FactomKey[] } }>(site.page, 'sigil_identity', { did: agent.did });
  expect(identity.ok && identity.result.data.active_keys[2]).toMatchObject({ priority: 2, activated_height: 1, entry_hash: replaced.entry_hash });
});

test('reads of an identity not shared with the site, or from another origin, are refused with 4100', async ({ context, openExtensionPage, dapp }) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  const hidden = await site.ui.call('ui_createEntity', { kind: 'user', label: 'Not shared', keyName: 'hidden' });
  for (const method of ['sigil_identity', 'sigil_identityKeys', 'sigil_document']) {
    expect(await sigilRequest(site.page, method, { did: hidden.did })).toMatchObject({ ok: false, code: 4100 });
  }
  const other = await context.newPage();
  await other.goto(otherSite.origin);
  await other.waitForFunction(() => 'sigil' in window);
  expect(await sigilRequest(other, 'sigil_identity', { did: site.user.did })).toMatchObject({ ok: false, code: 4100 });
  // A DID whose checksum does not verify is invalid everywhere.
  expect(await sigilRequest(site.page, 'sigil_identity', { did: 'did:iotics:iotHHHHKpPGWWWC4FFo4d6oyzVVk6MXLmEgY' })).toEqual({
    ok: false,
    code: -32602,
    message: 'did is not a valid DID: its checksum does not verify.',
  });
});
