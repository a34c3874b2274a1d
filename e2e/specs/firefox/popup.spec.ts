import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { createUserAndAgentByMessages, createWalletByMessages, PASSWORD, REFERENCE, uiCall } from '../../support/popup';
import { damageVaultSlot, scriptable } from '../../support/ui-messages';
import { capture, click, field, fill, go, openPopup, reload, textOf, waitForHeading, waitForText } from '../../support/popup-firefox';

let firefox: FirefoxSession;

// A fresh profile per test: each starts from an empty wallet.
test.beforeEach(async () => {
  firefox = await launchFirefox();
});
test.afterEach(async () => {
  await firefox?.close();
});

const words = (page: Page) => page.$$eval('[data-testid="recovery-words"] li', (items) => items.map((li) => li.lastChild!.textContent!.trim()));

test.describe('popup (Firefox)', () => {
  test('onboarding: a new wallet with its 24 words checked, then the empty home', async () => {
    const popup = await openPopup(firefox);
    await waitForHeading(popup, 'Welcome to Sigil');
    await capture(popup, 'welcome');
    await click(popup, 'Create a new wallet', true);
    await fill(popup, 'New password', PASSWORD);
    await fill(popup, 'Confirm password', 'different');
    await click(popup, 'Continue');
    await waitForText(popup, 'The two passwords are not the same.');
    await fill(popup, 'Confirm password', PASSWORD);
    await click(popup, 'Continue');
    await popup.waitForSelector('[data-testid="words-hidden"]');
    await capture(popup, 'show-words-hidden');
    await click(popup, 'Reveal the words');
    await popup.waitForSelector('[data-testid="recovery-words"]');
    const shown = await words(popup);
    expect(shown).toHaveLength(24);
    await capture(popup, 'show-words');
    await (await popup.waitForSelector('input[type="checkbox"]'))!.click();
    await click(popup, 'Continue');
    await waitForHeading(popup, 'Check your recovery phrase');
    const positions = await popup.$$eval('fieldset legend', (legends) => legends.map((l) => Number(l.textContent!.replace(/\D/g, ''))));
    expect(positions).toHaveLength(3);
    for (const position of positions) {
      await (await popup.waitForSelector(`input[name="word-${position - 1}"][value="${shown[position - 1]}"]`))!.click();
    }
    await capture(popup, 'confirm-words');
    await click(popup, 'Create wallet');
    await waitForHeading(popup, 'Your wallet is ready');
    await click(popup, 'Open my wallet');
    await popup.waitForSelector('[data-testid="no-entities"]');
    await capture(popup, 'home-empty');
    const seeds = await uiCall(scriptable(popup), 'ui_seeds');
    expect((await uiCall(scriptable(popup), 'ui_revealMnemonic', { seedId: seeds.seeds[0]!.id, password: PASSWORD })).words).toEqual(shown);
  });

  test('importing the reference phrase, then User and Agent: the reference DID and its keys by priority', async () => {
    const popup = await openPopup(firefox);
    await click(popup, 'Import a recovery phrase or seed', true);
    await fill(popup, 'New password', PASSWORD);
    await fill(popup, 'Confirm password', PASSWORD);
    await click(popup, 'Continue');
    await fill(popup, 'Recovery phrase', 'abandon abandon abandon');
    await click(popup, 'Import and create wallet');
    await waitForText(popup, 'A recovery phrase has 12 or 24 words; this one has 3.');
    await fill(popup, 'Recovery phrase', REFERENCE.mnemonic);
    await click(popup, 'Import and create wallet');
    // The phrase's identities are looked for on the resolver (none runs here): the screen says what came of it.
    await waitForHeading(popup, 'Your identities');
    await popup.waitForSelector('[data-testid="restore-summary"]');
    await click(popup, 'Continue');
    await waitForHeading(popup, 'Your wallet is ready');
    await click(popup, 'Open my wallet');
    await click(popup, 'Create a User and an Agent');
    await fill(popup, 'User label', 'Alice');
    // DESIGN §6's reference DID is for the key name "alice", chosen by hand.
    await click(popup, 'Choose the User key name');
    await fill(popup, 'User key name', 'alice');
    await capture(popup, 'create-user-agent');
    await click(popup, 'Create User and Agent');
    await waitForText(popup, 'Alice delegates authentication to Alice agent', '[data-testid="created"]');
    await (await popup.waitForSelector('[data-testid="created"] a'))!.click();
    await popup.waitForFunction((did: string) => document.querySelector('[data-testid="entity-did"]')?.textContent === did, {}, REFERENCE.aliceDid);
    const keyIds = await popup.$$eval('[data-testid="keys-table"] tbody th', (cells) => cells.map((c) => c.textContent));
    expect(keyIds).toEqual(['#user-0-0', '#user-1-0', '#user-2-0']);
    expect(await textOf(popup, 'tr[data-key-id="#user-0-0"]')).toContain(REFERENCE.alicePriority0);
    await waitForText(popup, 'Delegates authentication to Alice agent', '[data-testid="delegations"]');
    await capture(popup, 'entity');
    await (await popup.waitForSelector('a.brand'))!.click();
    await waitForText(popup, 'Alice agent', '[data-testid="entity-groups"]');
    await capture(popup, 'home');
  });

  test('replacing an Agent key from the popup: signer, confirmation, history and renewed delegation', async () => {
    const popup = await openPopup(firefox);
    await createWalletByMessages(scriptable(popup));
    const { user, agent } = await createUserAndAgentByMessages(scriptable(popup));
    await go(popup, `#/entity/${encodeURIComponent(agent.did)}`);
    await click(popup, 'Replace key #agent-2-0');
    await waitForHeading(popup, 'Replace key #agent-2-0');
    expect(await textOf(popup, '[data-testid="signer"]')).toContain('#agent-1-0');
    await capture(popup, 'replace-plan');
    await click(popup, 'Continue');
    await waitForText(popup, 'Generated by Sigil from your seed', '[data-testid="replacement-summary"]');
    await capture(popup, 'replace-confirm');
    await click(popup, 'Replace key');
    await waitForText(popup, '#agent-2-0 → #agent-2-1, signed by #agent-1-0.', '[data-testid="history"]');
    await waitForText(popup, 'Delegations renewed for Alice.');
    expect((await uiCall(scriptable(popup), 'ui_entity', { did: user.did })).delegations.filter((d) => !d.revoked)).toEqual([
      expect.objectContaining({ controller: `${agent.did}#agent-2-1`, status: 'valid' }),
    ]);
    expect(await textOf(popup, 'tr[data-key-id="#agent-2-0"]')).toContain('Retired');
    await capture(popup, 'entity-after-replacement');
  });

  test('lock and unlock: a wrong password is refused, the right one opens the wallet', async () => {
    const popup = await openPopup(firefox);
    await createWalletByMessages(scriptable(popup));
    await reload(popup);
    await popup.waitForSelector('[data-testid="no-entities"]');
    await click(popup, 'Lock');
    await waitForHeading(popup, 'Welcome back');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await fill(popup, 'Password', 'wrong password');
    await click(popup, 'Unlock');
    await popup.waitForSelector('input[aria-invalid="true"]');
    await capture(popup, 'unlock-error');
    await fill(popup, 'Password', PASSWORD);
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('[data-testid="no-entities"]');
  });

  test('settings: auto-lock saved, recovery phrase revealed after the password', async () => {
    const popup = await openPopup(firefox);
    const created = await createWalletByMessages(scriptable(popup));
    await reload(popup);
    await click(popup, 'Settings');
    await waitForHeading(popup, 'Settings');
    await capture(popup, 'settings');
    await click(popup, 'Auto-lock', true);
    await (await field(popup, 'Lock Sigil after')).select('30');
    await click(popup, 'Save');
    await waitForText(popup, 'Saved.');
    expect((await uiCall(scriptable(popup), 'ui_state')).autoLockMinutes).toBe(30);
    await go(popup, '#/settings/mnemonic');
    await fill(popup, 'Password', PASSWORD);
    await click(popup, 'Reveal recovery phrase');
    await popup.waitForSelector('[data-testid="words-hidden"]');
    await capture(popup, 'settings-mnemonic-hidden');
    await click(popup, 'Reveal the words');
    await popup.waitForSelector('[data-testid="recovery-words"]');
    expect(await words(popup)).toEqual(created);
    await capture(popup, 'settings-mnemonic');
  });

  test('a damaged vault opens on the recovery screen, and the saved copy brings it back', async () => {
    const popup = await openPopup(firefox);
    await createWalletByMessages(scriptable(popup));
    await createUserAndAgentByMessages(scriptable(popup));
    await uiCall(scriptable(popup), 'ui_lock');
    await damageVaultSlot(scriptable(popup), 'primary', 'truncate');
    await reload(popup);
    await waitForHeading(popup, 'Sigil needs repair');
    await capture(popup, 'recovery');
    await click(popup, 'Restore the saved copy');
    await waitForHeading(popup, 'Welcome back');
    await fill(popup, 'Password', PASSWORD);
    await click(popup, 'Unlock');
    await waitForText(popup, 'Alice agent', '[data-testid="entity-groups"]');
  });

  test('an open popup keeps showing changes made elsewhere while the event page is suspended and woken', async () => {
    // Firefox suspends an idle event page even while a popup holds a Port to it. 4 s of idle: long
    // enough for Argon2 to finish (a suspension in the middle of it loses the answer), short enough to wait for.
    await firefox.close();
    firefox = await launchFirefox({ backgroundIdleMs: 4000 });
    const popup = await openPopup(firefox);
    await createWalletByMessages(scriptable(popup));
    await reload(popup);
    await popup.waitForSelector('[data-testid="no-entities"]');
    const startedAt = (await uiCall(scriptable(popup), 'ui_state')).backgroundStartedAt;
    await new Promise((done) => setTimeout(done, 10_000));
    const other = await openPopup(firefox, '#/settings');
    await createUserAndAgentByMessages(scriptable(other), 'Mia', 'Mia agent');
    await waitForText(popup, 'Mia agent', '[data-testid="entity-groups"]');
    expect((await uiCall(scriptable(other), 'ui_state')).backgroundStartedAt).toBeGreaterThan(startedAt);
  });
});
