/**
 * The demo dApp as a person uses it (Chromium): connect, get a token that the page itself verifies
 * with Sigil's core verifier against the development resolver, read identities, create a twin.
 */
import { startResolver, type ResolverServer } from '../../resolver/server';
import { approvalWindow } from '../../support/approval-window-chromium';
import { expect, test } from '../../support/chromium';
import { setUpVectorWallet } from '../../support/identity-wallet';

let resolver: ResolverServer;
test.beforeAll(async () => {
  resolver = await startResolver();
});
test.afterAll(async () => {
  await resolver.close();
});

test('connect, a verified token, identity reads and a new twin from the demo page', async ({ context, openExtensionPage, dapp }) => {
  const host = await openExtensionPage('popup.html');
  const { ui, user, agent } = await setUpVectorWallet(host, { resolverUrl: resolver.url });
  await expect.poll(async () => (await ui.call('ui_entities', undefined)).entities.every((e) => e.stage === 'registered')).toBe(true);

  const page = await context.newPage();
  await page.goto(`${dapp.origin}/?resolver=${encodeURIComponent(resolver.url)}`);
  await expect(page.locator('#provider-status')).toHaveText('Sigil is installed.');

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const approval = await approvalWindow(context);
  for (const box of await approval.getByRole('checkbox').all()) await box.check();
  await approval.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('list', { name: 'Shared entities' }).getByRole('listitem')).toHaveCount(3);

  await page.getByLabel('User', { exact: true }).selectOption(user.did);
  await page.getByRole('button', { name: 'Get a token' }).click();
  const tokenApproval = await approvalWindow(context);
  await tokenApproval.getByRole('button', { name: 'Sign token' }).click();
  await expect(page.locator('#token-verdict')).toHaveText(`Verified: ${agent.did}#agent-2-0 acts for ${user.did}`);

  await page.getByLabel('DID', { exact: true }).selectOption(user.did);
  await page.getByRole('button', { name: 'Keys', exact: true }).click();
  await expect(page.locator('#output')).toContainText('"count": 3');
  await page.getByRole('button', { name: 'Document', exact: true }).click();
  await expect(page.locator('#output')).toContainText('"verified": true');

  await page.getByRole('button', { name: 'Create a twin' }).click();
  const createApproval = await approvalWindow(context);
  await createApproval.getByRole('button', { name: /create/i }).click();
  await expect(page.locator('#output')).toContainText('"chain_id"');
  await expect(page.getByRole('list', { name: 'Shared entities' }).getByRole('listitem')).toHaveCount(4);
});
