/**
 * The wallet's resolver client in Chromium: registration through the extension's host access (the
 * development build's manifest grants http://127.0.0.1/*), so it works against a resolver that
 * sends no CORS headers on POST; a resolver that is down keeps identities local and the home screen
 * says so, until "Retry now" (after a worker stop) registers them.
 */
import type { Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyAnyDocumentToken } from '../../../src/core';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { expect, test } from '../../support/chromium';
import { createUserAndAgentByMessages, createWalletByMessages, uiCall } from '../../support/popup';
import { capture, openPopup, stopWorkerOnce } from '../../support/popup-chromium';

const resolvers: ResolverServer[] = [];
test.afterEach(async () => {
  await Promise.all(resolvers.splice(0).map((resolver) => resolver.close()));
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function resolver(options: { port?: number; registerCors: boolean }): Promise<ResolverServer> {
  const server = await startResolver(options);
  resolvers.push(server);
  return server;
}

const stages = async (page: Page) => (await uiCall(page, 'ui_entities')).entities.map((e) => e.stage);

/** The resolver's current document for `did`, verified. */
async function discovered(server: ResolverServer, did: string) {
  const response = await fetch(`${server.url}/1.0/discover/${encodeURIComponent(did)}`);
  expect(response.status).toBe(200);
  return verifyAnyDocumentToken(((await response.json()) as { token: string }).token, { did });
}

for (const registerCors of [false, true]) {
  test(`the settings screen sets a resolver ${registerCors ? 'with' : 'without'} CORS on POST and the wallet registers with it`, async ({ context, extensionId, openDapp }) => {
    const server = await resolver({ registerCors });
    const popup = await openPopup(context, extensionId);
    await createWalletByMessages(popup);
    const { user, agent } = await createUserAndAgentByMessages(popup);

    // A web page cannot POST to a resolver without CORS; the wallet's background can, through its host access.
    const page = await openDapp();
    const fromPage = await page.evaluate(
      (url) => fetch(`${url}/1.0/register`, { method: 'POST', body: 'x' }).then((r) => `answered ${r.status}`, () => 'blocked'),
      server.url,
    );
    expect(fromPage).toBe(registerCors ? 'answered 400' : 'blocked');

    await popup.goto(`chrome-extension://${extensionId}/popup.html#/settings/resolver`);
    await expect(popup.getByTestId('current-resolver')).toHaveText('http://127.0.0.1:8701');
    await popup.getByLabel('Resolver address').fill(server.url);
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect(popup.getByRole('status')).toHaveText('Saved.');
    await expect(popup.getByTestId('current-resolver')).toHaveText(server.url);
    await expect(popup.getByTestId('resolver-access')).toContainText('Access allowed');
    if (!registerCors) await capture(popup, 'settings-resolver-access');

    await expect.poll(() => stages(popup)).toEqual(['registered', 'registered']);
    for (const did of [user.did, agent.did]) expect((await discovered(server, did)).did).toBe(did);
  });
}

test('while the resolver is down the home screen says what waits and why; Retry now registers after a worker stop', async ({ context, extensionId }) => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const popup = await openPopup(context, extensionId);
  await createWalletByMessages(popup);
  await uiCall(popup, 'ui_setResolverUrl', { url });
  const { user } = await createUserAndAgentByMessages(popup);
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);

  const status = popup.getByTestId('registration-status');
  await expect(status).toContainText('2 identities waiting to register');
  await expect(status).toContainText('The resolver could not be reached.');
  await expect(status).toContainText(/Next try in \d+\u00a0s\./);
  await capture(popup, 'home-registration-waiting');
  expect(await stages(popup)).toEqual(['local', 'local']);

  const server = await resolver({ port, registerCors: false });
  await stopWorkerOnce(context, popup, extensionId);
  await popup.getByRole('button', { name: 'Retry now' }).click();
  await expect(status).toBeHidden();
  expect(await stages(popup)).toEqual(['registered', 'registered']);
  expect((await discovered(server, user.did)).did).toBe(user.did);
});
