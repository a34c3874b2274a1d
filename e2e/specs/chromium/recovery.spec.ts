/**
 * Recovery from the phrase alone (issue 14), in Chromium: profile A makes a User and an Agent in each
 * format with the default key names, registers them on the development resolver and replaces a key
 * of each Agent once; a second, fresh profile B restored from the phrase alone finds the same
 * identities at their latest keys and signs a token that verifies against the resolver.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpResolver, verifyAuthToken } from '../../../src/core';
import type { SigilEntityView } from '../../../src/shared/ui-api';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { approvalWindow } from '../../support/approval-window-chromium';
import { expect, test } from '../../support/chromium';
import { connect } from '../../support/connected-site-chromium';
import { requestOutcome, startRequest } from '../../support/page-requests';
import { PASSWORD, createWalletByMessages, uiCall } from '../../support/popup';
import { capture, openPopup } from '../../support/popup-chromium';
import { CHROME_EXTENSION_DIR, CHROMIUM_BINARY } from '../../support/paths';

/** The development build's default resolver: profile B uses it without being told. */
const DEV_RESOLVER_PORT = 8701;

/** A second, fresh browser profile with the extension. */
async function freshProfile(): Promise<{ context: BrowserContext; extensionId: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-chromium-b-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_BINARY,
    headless: true,
    args: [`--disable-extensions-except=${CHROME_EXTENSION_DIR}`, `--load-extension=${CHROME_EXTENSION_DIR}`],
  });
  let [worker] = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker');
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const stages = async (page: Page) => (await uiCall(page, 'ui_entities')).entities.map((e) => e.stage);

/** A User and an Agent through the create form, every default kept but the format. */
async function createPairThroughForm(popup: Page, extensionId: string, format: 'Sigil' | 'IOTICS', label: string) {
  // From home, so the form opens empty even after the result screen of a previous creation.
  await popup.goto(`chrome-extension://${extensionId}/popup.html#/`);
  await popup.locator('[data-screen="home"]').waitFor();
  await popup.goto(`chrome-extension://${extensionId}/popup.html#/create/user-agent`);
  await popup.getByTestId('format-picker').getByRole('radio', { name: new RegExp(`^${format}`) }).check();
  await popup.getByLabel('User label').fill(label);
  await popup.getByRole('button', { name: 'Create User and Agent' }).click();
  await expect(popup.getByTestId('created')).toContainText(label);
}

test.describe('recovery from the phrase alone (Chromium)', () => {
  let resolver: ResolverServer;
  test.beforeAll(async () => {
    resolver = await startResolver({ port: DEV_RESOLVER_PORT });
  });
  test.afterAll(async () => {
    await resolver?.close();
  });

  test('profile B restored from the phrase alone shows profile A’s identities at their latest keys and signs a token that verifies', async ({
    context,
    extensionId,
    dapp,
  }) => {
    // Profile A: default key names, registered on the development resolver, one key of each Agent replaced.
    const popup = await openPopup(context, extensionId);
    const words = await createWalletByMessages(popup);
    await popup.goto(`chrome-extension://${extensionId}/popup.html#/create/user-agent`);
    await expect(popup.getByTestId('default-key-name').first()).toContainText('Your recovery phrase alone finds this User again.');
    await popup.getByRole('button', { name: 'Choose the User key name' }).click();
    await expect(popup.getByLabel('User key name')).toBeFocused();
    await expect(popup.getByTestId('custom-key-name-warning')).toContainText('Write this key name down next to your recovery phrase.');
    await capture(popup, 'recovery-custom-key-name');
    await popup.getByRole('button', { name: 'Use the default key name for the User' }).click();
    await expect(popup.getByTestId('custom-key-name-warning')).toHaveCount(0);
    await createPairThroughForm(popup, extensionId, 'Sigil', 'Alice');
    await createPairThroughForm(popup, extensionId, 'IOTICS', 'Bob');
    await expect.poll(() => stages(popup)).toEqual(['registered', 'registered', 'registered', 'registered']);

    const made = (await uiCall(popup, 'ui_entities')).entities;
    const find = (format: string, kind: string) => made.find((e) => e.format === format && e.kind === kind)!;
    const sigilAgent = find('sigil', 'agent');
    const ioticsAgent = find('iotics', 'agent');
    const signing = ((await uiCall(popup, 'ui_entity', { did: sigilAgent.did })) as SigilEntityView).keys.find((k) => k.active && k.priority === 2)!;
    await uiCall(popup, 'ui_replaceKey', { did: sigilAgent.did, oldKey: signing.idpub, password: PASSWORD });
    await uiCall(popup, 'ui_rotateIoticsKey', { did: ioticsAgent.did, keyId: '#agent-0', password: PASSWORD });
    await expect.poll(() => stages(popup)).toEqual(['registered', 'registered', 'registered', 'registered']);

    // Profile B: the onboarding's "I have a recovery phrase", nothing else typed.
    const b = await freshProfile();
    try {
      const popupB = await openPopup(b.context, b.extensionId);
      await popupB.getByRole('button', { name: /Import a recovery phrase/ }).click();
      await popupB.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await popupB.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
      await popupB.getByRole('button', { name: 'Continue' }).click();
      await popupB.getByLabel('Recovery phrase', { exact: true }).fill(words.join(' '));
      await popupB.getByRole('button', { name: 'Import and create wallet' }).click();
      await expect(popupB.getByRole('heading', { name: 'Your identities' })).toBeVisible();
      await expect(popupB.getByTestId('restore-summary')).toContainText(`Found 4 identities on ${resolver.url}`);
      const rows = popupB.getByTestId('restored-identity');
      await expect(rows).toHaveCount(4);
      await expect(rows.filter({ hasText: 'Alice agent' })).toContainText('#agent-2-1, its latest key (replaced once)');
      await expect(rows.filter({ hasText: 'Bob agent' })).toContainText('#agent-1, its latest key (replaced once)');
      await expect(rows.filter({ hasText: /^Alice User/ })).toContainText('the key it was created with');
      await capture(popupB, 'recovery-found');
      await popupB.getByRole('button', { name: 'Continue' }).click();
      await expect(popupB.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
      await popupB.getByRole('button', { name: 'Open my wallet' }).click();

      const restored = (await uiCall(popupB, 'ui_entities')).entities;
      expect(restored.map((e) => [e.did, e.label, e.stage]).sort()).toEqual(made.map((e) => [e.did, e.label, 'registered']).sort());

      // A site connected in profile B gets tokens signed with the latest keys, and they verify on the resolver.
      const site = await b.context.newPage();
      await site.goto(dapp.origin);
      await site.waitForFunction(() => 'sigil' in window);
      await connect(b.context, site);
      for (const [user, iss] of [
        [find('sigil', 'user').did, `${sigilAgent.did}#agent-2-1`],
        [find('iotics', 'user').did, `${ioticsAgent.did}#agent-1`],
      ] as const) {
        const pending = await startRequest(site, 'sigil_authToken', { user, durationSeconds: 300 });
        const approval = await approvalWindow(b.context);
        await approval.getByRole('button', { name: 'Sign token' }).click();
        const outcome = await requestOutcome<{ token: string }>(site, pending);
        if (!outcome.ok) throw new Error(`sigil_authToken: ${outcome.code} ${outcome.message}`);
        const verified = await verifyAuthToken(outcome.result.token, { audience: dapp.origin, resolve: httpResolver(resolver.url) });
        expect(verified.claims).toMatchObject({ iss, sub: user, aud: dapp.origin });
      }
    } finally {
      await b.close();
    }
  });

  test('without a reachable resolver the phrase restores the seed and says what to do', async () => {
    await resolver.close();
    const b = await freshProfile();
    try {
      const popupB = await openPopup(b.context, b.extensionId);
      await popupB.getByRole('button', { name: /Import a recovery phrase/ }).click();
      await popupB.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await popupB.getByLabel('Confirm password', { exact: true }).fill(PASSWORD);
      await popupB.getByRole('button', { name: 'Continue' }).click();
      await popupB
        .getByLabel('Recovery phrase', { exact: true })
        .fill('abandon amount liar amount expire adjust cage candy arch gather drum bullet absurd math era live bid rhythm alien crouch range attend journey unaware');
      await popupB.getByRole('button', { name: 'Import and create wallet' }).click();
      await expect(popupB.getByTestId('restore-summary')).toContainText('The resolver could not be reached.');
      await expect(popupB.getByRole('button', { name: 'Try again' })).toBeVisible();
      await capture(popupB, 'recovery-unreachable');
      await popupB.getByRole('button', { name: 'Continue' }).click();
      await expect(popupB.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
      expect((await uiCall(popupB, 'ui_seeds')).seeds).toHaveLength(1);
    } finally {
      await b.close();
      resolver = await startResolver({ port: DEV_RESOLVER_PORT });
    }
  });
});
