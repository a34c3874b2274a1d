/**
 * The Factom-shaped reads a connected site may make (DESIGN.md §3): sigil_identity,
 * sigil_identityKeys (with the Factom SDK's defaults and messages), sigil_identityKey and
 * sigil_document — only for identities shared with that origin. The checks are shared with
 * Firefox (e2e/support/identity-reads.ts).
 */
import { startDappServer, type DappServer } from '../../dapp/server';
import { test } from '../../support/chromium';
import { connectedSite } from '../../support/connected-site-chromium';
import { expectFactomReads, expectReadsAfterReplacement, expectReadsRefused } from '../../support/identity-reads';

let otherSite: DappServer;
test.beforeAll(async () => {
  otherSite = await startDappServer();
});
test.afterAll(async () => {
  await otherSite.close();
});

test('identity, keys and key in the Factom shapes; document with its token', async ({ context, openExtensionPage, dapp }) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  await expectFactomReads(site.page, site.ui, site.user.did);
});

test('after a key replacement the reads show the retired key with its heights', async ({ context, openExtensionPage, dapp }) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  await expectReadsAfterReplacement(site.page, site.ui, site.agent.did);
});

test('reads of an identity not shared with the site, or from another origin, are refused with 4100', async ({ context, openExtensionPage, dapp }) => {
  const site = await connectedSite(context, openExtensionPage, dapp.origin);
  const other = await context.newPage();
  await other.goto(otherSite.origin);
  await other.waitForFunction(() => 'sigil' in window);
  await expectReadsRefused(site.page, other, site.ui, site.user.did);
});
