/**
 * The wallet's resolver client in Firefox: the settings screen asks for host access to the resolver
 * (permissions.request in the Save click; with `extensions.webextOptionalPermissionPrompts` off,
 * Firefox grants it without its doorhanger, which headless Firefox cannot show), so registration
 * works against a resolver that sends no CORS headers on POST; a resolver that is down keeps
 * identities local and the home screen says so, until "Retry now" registers them.
 */
import { expect, test } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { verifyAnyDocumentToken } from '../../../src/core';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { createUserAndAgentByMessages, createWalletByMessages, uiCall } from '../../support/popup';
import { capture, click, fill, go, openPopup, reload, textOf, waitForText } from '../../support/popup-firefox';
import { scriptable } from '../../support/ui-messages';

let firefox: FirefoxSession;
const resolvers: ResolverServer[] = [];

test.beforeEach(async () => {
  firefox = await launchFirefox({ extraPrefs: { 'extensions.webextOptionalPermissionPrompts': false } });
});
test.afterEach(async () => {
  await firefox?.close();
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

const stages = async (page: Page) => (await uiCall(scriptable(page), 'ui_entities')).entities.map((e) => e.stage);

async function discovered(server: ResolverServer, did: string) {
  const response = await fetch(`${server.url}/1.0/discover/${encodeURIComponent(did)}`);
  expect(response.status).toBe(200);
  return verifyAnyDocumentToken(((await response.json()) as { token: string }).token, { did });
}

/** `browser.permissions` as an extension page sees it. */
interface PermissionsPage {
  browser: { permissions: { contains(p: { origins: string[] }): Promise<boolean>; remove(p: { origins: string[] }): Promise<boolean> } };
}

/** Whether the extension holds host access to `pattern`, asked from its own page. */
const hasHostAccess = (page: Page, pattern: string) =>
  page.evaluate((origin: string) => (globalThis as unknown as PermissionsPage).browser.permissions.contains({ origins: [origin] }), pattern);

for (const registerCors of [false, true]) {
  test(`the settings screen sets a resolver ${registerCors ? 'with' : 'without'} CORS on POST and the wallet registers with it`, async () => {
    const server = await resolver({ registerCors });
    const popup = await openPopup(firefox);
    await createWalletByMessages(scriptable(popup));
    const { user, agent } = await createUserAndAgentByMessages(scriptable(popup));

    await go(popup, '#/settings/resolver');
    await waitForText(popup, 'http://127.0.0.1:8701', '[data-testid="current-resolver"]');
    // Granted at install: the development manifest's host_permissions (and Firefox counts the content scripts' matches too).
    expect(await hasHostAccess(popup, 'http://127.0.0.1/*')).toBe(true);
    await fill(popup, 'Resolver address', server.url);
    await click(popup, 'Save');
    await waitForText(popup, 'Saved.');
    await waitForText(popup, server.url, '[data-testid="current-resolver"]');
    await waitForText(popup, 'Access allowed', '[data-testid="resolver-access"]');
    expect(await hasHostAccess(popup, 'http://127.0.0.1/*')).toBe(true);
    if (!registerCors) await capture(popup, 'settings-resolver-access');

    await expect.poll(() => stages(popup), { timeout: 15_000 }).toEqual(['registered', 'registered']);
    for (const did of [user.did, agent.did]) expect((await discovered(server, did)).did).toBe(did);
  });
}

test('with its host access withdrawn, Save asks Firefox for it again and registration works without CORS', async () => {
  const server = await resolver({ registerCors: false });
  const popup = await openPopup(firefox);
  await createWalletByMessages(scriptable(popup));
  await createUserAndAgentByMessages(scriptable(popup));
  // As the person can in about:addons: every http host access (the development manifest's and the content scripts').
  const removed = await popup.evaluate(() =>
    (globalThis as unknown as PermissionsPage).browser.permissions
      .remove({ origins: ['http://127.0.0.1/*', 'http://localhost/*', 'http://*/*'] })
      .then(String, (e: Error) => e.message),
  );
  expect(removed).toBe('true');
  expect(await hasHostAccess(popup, 'http://127.0.0.1/*')).toBe(false);

  await go(popup, '#/settings/resolver');
  await waitForText(popup, 'Access not allowed yet', '[data-testid="resolver-access"]');
  await fill(popup, 'Resolver address', server.url);
  await click(popup, 'Save');
  await waitForText(popup, 'Saved.');
  await waitForText(popup, 'Access allowed', '[data-testid="resolver-access"]');
  expect(await hasHostAccess(popup, 'http://127.0.0.1/*')).toBe(true);
  await expect.poll(() => stages(popup), { timeout: 15_000 }).toEqual(['registered', 'registered']);
});

test('while the resolver is down the home screen says what waits and why; Retry now registers once it is up', async () => {
  const port = await freePort();
  const popup = await openPopup(firefox);
  await createWalletByMessages(scriptable(popup));
  await uiCall(scriptable(popup), 'ui_setResolverUrl', { url: `http://127.0.0.1:${port}` });
  const { user } = await createUserAndAgentByMessages(scriptable(popup));
  await reload(popup);

  await waitForText(popup, '2 identities waiting to register', '[data-testid="registration-status"]');
  await waitForText(popup, 'The resolver could not be reached.', '[data-testid="registration-status"]');
  expect(await textOf(popup, '[data-testid="registration-status"]')).toMatch(/Next try in \d+\u00a0s\./);
  await capture(popup, 'home-registration-waiting');
  expect(await stages(popup)).toEqual(['local', 'local']);

  const server = await resolver({ port, registerCors: false });
  await click(popup, 'Retry now');
  await popup.waitForFunction(() => document.querySelector('[data-testid="registration-status"]') === null, { timeout: 15_000 });
  expect(await stages(popup)).toEqual(['registered', 'registered']);
  expect((await discovered(server, user.did)).did).toBe(user.did);
});
