import { expect, test } from '@playwright/test';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { PASSWORD, REFERENCE } from '../../support/popup';
import {
  capture,
  openPopup,
  tabTo,
  textOf,
  waitForFocusedField,
  waitForFocusedHeading,
  waitForHeading,
  waitForText,
} from '../../support/popup-firefox';

let firefox: FirefoxSession;
test.beforeAll(async () => {
  firefox = await launchFirefox();
});
test.afterAll(async () => {
  await firefox?.close();
});

test.describe('popup: keyboard only (Firefox)', () => {
  test('set-up, creating identities, a key replacement, lock and unlock, all with the keyboard and a visible focus', async () => {
    const popup = await openPopup(firefox);
    await waitForHeading(popup, 'Welcome to Sigil');
    await tabTo(popup, /^Import a recovery phrase or seed/);
    await popup.keyboard.press('Enter');
    await waitForFocusedField(popup, 'New password');
    await popup.keyboard.type(PASSWORD);
    await tabTo(popup, 'Confirm password');
    await popup.keyboard.type(PASSWORD);
    await popup.keyboard.press('Enter');
    await waitForFocusedHeading(popup, 'Import a seed');
    await tabTo(popup, 'Recovery phrase');
    await popup.keyboard.type(REFERENCE.mnemonic);
    await tabTo(popup, 'Import and create wallet');
    await popup.keyboard.press('Enter');
    // A restored phrase is looked for on the resolver first; then set-up goes on.
    await waitForFocusedHeading(popup, 'Your identities');
    await popup.waitForSelector('[data-testid="identity-search"] button.primary:not([disabled])', { timeout: 30_000 });
    await tabTo(popup, 'Continue');
    await popup.keyboard.press('Enter');
    await waitForFocusedHeading(popup, 'Your wallet is ready');
    await tabTo(popup, 'Open my wallet');
    await popup.keyboard.press('Enter');
    await waitForFocusedHeading(popup, 'Identities');

    await tabTo(popup, 'Create a User and an Agent');
    await popup.keyboard.press('Enter');
    await waitForFocusedHeading(popup, 'Create: User and Agent');
    await tabTo(popup, 'User label');
    await popup.keyboard.type('Alice');
    await tabTo(popup, 'Create User and Agent');
    await capture(popup, 'keyboard-focus');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('[data-testid="created"]');
    await tabTo(popup, 'Alice');
    await popup.keyboard.press('Enter');
    await waitForFocusedHeading(popup, 'Alice');
    await popup.waitForSelector('[data-testid="entity-did"]');

    await tabTo(popup, 'Replace key #user-2-0');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('[data-testid="plan-reason"]');
    await tabTo(popup, 'Continue');
    await popup.keyboard.press('Enter');
    await tabTo(popup, 'Replace key');
    await popup.keyboard.press('Enter');
    await waitForText(popup, '#user-2-0 → #user-2-1', '[data-testid="history"]');

    // Back up to the top bar. (Tab past the end would leave the page for the browser's own controls.)
    await tabTo(popup, 'Lock', 60, true);
    await popup.keyboard.press('Enter');
    await waitForFocusedField(popup, 'Password');
    await popup.keyboard.type(PASSWORD);
    await popup.keyboard.press('Enter');
    await waitForHeading(popup, 'Alice');
    expect(await textOf(popup, '[data-testid="history"]')).toContain('#user-2-0 → #user-2-1');
  });
});
