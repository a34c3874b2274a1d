import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { startResolver, type ResolverServer } from '../../resolver/server';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { createIoticsWalletByMessages, IOTICS_REFERENCE, PASSWORD, uiCall } from '../../support/popup';
import { scriptable } from '../../support/ui-messages';
import { capture, click, field, fill, go, openPopup, reload, textOf, waitForCount, waitForHeading, waitForText } from '../../support/popup-firefox';

let firefox: FirefoxSession;
let resolver: ResolverServer;

test.beforeAll(async () => {
  resolver = await startResolver();
});
test.afterAll(async () => {
  await resolver.close();
});

// A fresh profile per test: each starts from an empty wallet.
test.beforeEach(async () => {
  firefox = await launchFirefox();
});
test.afterEach(async () => {
  await firefox?.close();
});

/** Checks the radio whose label text starts with `text`, inside `scope`. */
async function checkRadio(page: Page, text: string, scope = 'body'): Promise<void> {
  const radio = await page.waitForFunction(
    (wanted: string, within: string) =>
      [...document.querySelectorAll(`${within} label.choice`)].find((label) => label.textContent!.trim().startsWith(wanted))?.querySelector('input') ?? null,
    { timeout: 10_000 },
    text,
    scope,
  );
  await (radio as unknown as { click(): Promise<void> }).click();
}

const attribute = (page: Page, label: string, name: string) => field(page, label).then((input) => input.evaluate((e, n) => e.getAttribute(n), name));
const value = (page: Page, label: string) => field(page, label).then((input) => input.evaluate((e) => (e as HTMLInputElement).value));

test.describe('popup: IOTICS identities (Firefox)', () => {
  test('an IOTICS hex seed imported at set-up and a User "alice" in IOTICS format give the IOTICS library’s DID', async () => {
    const popup = await openPopup(firefox);
    await click(popup, 'Import a recovery phrase or seed', true);
    await fill(popup, 'New password', PASSWORD);
    await fill(popup, 'Confirm password', PASSWORD);
    await click(popup, 'Continue');
    await checkRadio(popup, 'A seed in hexadecimal');
    expect(await attribute(popup, 'Hex seed', 'type')).toBe('password');
    expect(await attribute(popup, 'Hex seed', 'autocomplete')).toBe('off');
    expect(await attribute(popup, 'Hex seed', 'spellcheck')).toBe('false');
    expect(await popup.$eval('input[name="import-method"]', (input) => (input as HTMLInputElement).checked)).toBe(true);
    await fill(popup, 'Hex seed', IOTICS_REFERENCE.hex);
    await waitForText(popup, '64 typed');
    await capture(popup, 'iotics-import-seed');
    await click(popup, 'Import and create wallet');
    // A restored seed's identities are looked for on the resolver (none runs here).
    await waitForHeading(popup, 'Your identities');
    await popup.waitForSelector('[data-testid="restore-summary"]');
    await click(popup, 'Continue');
    await waitForHeading(popup, 'Your wallet is ready');
    await click(popup, 'Open my wallet');
    expect((await uiCall(scriptable(popup), 'ui_seeds')).seeds).toEqual([expect.objectContaining({ origin: 'hex', method: 'bip39', hasPassword: false })]);

    await click(popup, 'Other ways to create');
    await click(popup, 'Single entity', true);
    await waitForText(popup, 'Accepted by IOTICS hosts and resolvers; secp256k1.', '[data-testid="format-picker"]');
    await checkRadio(popup, 'IOTICS', '[data-testid="format-picker"]');
    await fill(popup, 'Label', 'Alice');
    // The IOTICS library's reference DID is for the key name "alice", chosen by hand.
    await click(popup, 'Choose a key name');
    await fill(popup, 'Key name', 'alice');
    await capture(popup, 'iotics-create-single');
    await click(popup, 'Create User');
    await waitForText(popup, 'Created User Alice.', '[data-testid="created"]');
    await (await popup.waitForSelector('[data-testid="created"] a'))!.click();
    await popup.waitForFunction((did: string) => document.querySelector('[data-testid="entity-did"]')?.textContent === did, {}, 'did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ');
    expect(await textOf(popup, '[data-testid="entity-format"]')).toContain('IOTICS');
    expect(await textOf(popup, '[data-testid="owner-keys"]')).toContain('#user-0');
    expect(await popup.$eval('[data-testid="owner-keys"] [data-testid="public-key"]', (e) => e.getAttribute('title'))).toBe(IOTICS_REFERENCE.user.publicKeyBase58);
    expect(await popup.$$('[data-testid="chain-id"], [data-testid="keys-table"], [data-testid="history"]')).toHaveLength(0);
    await capture(popup, 'iotics-entity');
  });

  test('User and Agent with authentication delegation in IOTICS format, then the Agent key rotated through its review', async () => {
    const popup = await openPopup(firefox);
    await createIoticsWalletByMessages(scriptable(popup));
    await uiCall(scriptable(popup), 'ui_setResolverUrl', { url: resolver.url });
    // The route first, then a fresh load (as openScreen in the Chromium spec): the screen comes from the load, not from a hash change racing it.
    await go(popup, '#/create/user-agent');
    await reload(popup);
    await checkRadio(popup, 'IOTICS', '[data-testid="format-picker"]');
    await fill(popup, 'User label', 'Alice');
    await click(popup, 'Choose the User key name');
    await fill(popup, 'User key name', 'alice');
    await click(popup, 'Choose the Agent key name');
    await fill(popup, 'Agent key name', 'alice-agent');
    await capture(popup, 'iotics-create-user-agent');
    await click(popup, 'Create User and Agent');
    await waitForText(popup, 'Alice delegates authentication to Alice agent', '[data-testid="created"]');
    const { user, agent } = IOTICS_REFERENCE;

    await go(popup, `#/entity/${encodeURIComponent(user.did)}`);
    await waitForText(popup, 'Delegates authentication to Alice agent', '[data-testid="delegations"]');
    expect(await textOf(popup, '[data-testid="delegations"]')).toContain(`controller ${agent.did}#agent-0`);
    await capture(popup, 'iotics-entity-user-delegation');

    // A resolver takes a rotated document only as an update of the registered one.
    await expect.poll(async () => (await uiCall(scriptable(popup), 'ui_entities')).entities.map((e) => e.stage)).toEqual(['registered', 'registered']);
    await go(popup, `#/entity/${encodeURIComponent(agent.did)}`);
    await click(popup, 'Rotate key #agent-0');
    await waitForHeading(popup, 'Rotate key #agent-0');
    await waitForText(popup, 'is removed from it.', '[data-testid="rotation-steps"]');
    const steps = await textOf(popup, '[data-testid="rotation-steps"]');
    expect(steps).toContain('Tokens signed with #agent-0 stop working at Sigil’s verifier');
    expect(steps).toContain('will be renewed with');
    expect(steps).toContain(': Alice.');
    await fill(popup, 'Password', PASSWORD);
    await capture(popup, 'iotics-rotate-review');
    await click(popup, 'Rotate key');
    await waitForText(popup, 'Key #agent-0 rotated');
    await waitForText(popup, 'Delegations renewed for Alice.');
    await waitForText(popup, '#agent-0', '[data-testid="removed-keys"]');
    const owner = await textOf(popup, '[data-testid="owner-keys"]');
    expect(owner).not.toContain('#agent-0');
    await capture(popup, 'iotics-entity-after-rotation');

    const agentView = await uiCall(scriptable(popup), 'ui_entity', { did: agent.did });
    if (agentView.format !== 'iotics') throw new Error('the agent is not in IOTICS format');
    const newKeyId = agentView.publicKey[0]!.id;
    expect(agentView.removedKeys).toEqual([expect.objectContaining({ id: '#agent-0', replacedBy: newKeyId })]);
    const userView = await uiCall(scriptable(popup), 'ui_entity', { did: user.did });
    expect(userView.delegations.filter((d) => !d.revoked)).toEqual([expect.objectContaining({ controller: `${agent.did}${newKeyId}`, status: 'valid' })]);
  });

  test('a Twin with control delegation to an IOTICS Agent, and a hex seed added in Settings with the legacy method and a seed password', async () => {
    const popup = await openPopup(firefox);
    await createIoticsWalletByMessages(scriptable(popup));
    await uiCall(scriptable(popup), 'ui_createUserAndAgent', { user: { label: 'Alice', keyName: 'alice' }, agent: { label: 'Alice agent', keyName: 'alice-agent' }, format: 'iotics' });
    await go(popup, '#/create/twin');
    await reload(popup);
    // Sigil's format first: the wallet has no Sigil Agent to control a Twin.
    await waitForText(popup, 'A Twin delegates control to an Agent, and this wallet has no Agent yet.');
    await checkRadio(popup, 'IOTICS', '[data-testid="format-picker"]');
    const agentChoice = await field(popup, 'Controlling Agent');
    const agents = await agentChoice.evaluate((select) => [...(select as HTMLSelectElement).options].map((option) => option.textContent ?? ''));
    expect(agents).toEqual([expect.stringMatching(/^Alice agent \(iot/)]);
    await fill(popup, 'Label', 'Thermostat 1');
    await click(popup, 'Choose a key name');
    await fill(popup, 'Key name', 'thermostat-1');
    await capture(popup, 'iotics-create-twin');
    await click(popup, 'Create Twin');
    await waitForText(popup, 'Thermostat 1 delegates control to Alice agent', '[data-testid="created"]');
    await (await popup.waitForSelector('[data-testid="created"] a'))!.click();
    await popup.waitForFunction((did: string) => document.querySelector('[data-testid="entity-did"]')?.textContent === did, { timeout: 10_000 }, IOTICS_REFERENCE.twin.did);
    expect(await textOf(popup, '[data-testid="entity-format"]')).toContain('IOTICS');
    await waitForText(popup, 'Delegates control to Alice agent', '[data-testid="delegations"] [data-delegation]');
    expect(await textOf(popup, '[data-testid="delegations"] [data-delegation]')).toContain(`controller ${IOTICS_REFERENCE.agent.did}#agent-0`);

    await go(popup, '#/settings/seeds');
    await reload(popup);
    const addForm = 'form[aria-label="Add a seed"]';
    await checkRadio(popup, 'Hexadecimal', addForm);
    await fill(popup, 'Hex seed', 'c3'.repeat(16));
    await checkRadio(popup, 'Legacy', addForm);
    await fill(popup, 'Seed password (optional)', 'seed words of mine');
    await fill(popup, 'Seed label (optional)', 'Legacy');
    await capture(popup, 'iotics-settings-add-seed');
    await click(popup, 'Add seed');
    await waitForCount(popup, '[data-testid="seed-list"] li', 2);
    await waitForText(popup, 'Legacy', '[data-testid="seed-list"]');
    await waitForText(popup, 'legacy method “none”, with a seed password', '[data-testid="seed-list"]');
    // The added seed's identities are looked for on the resolver; then a fresh form.
    await popup.waitForSelector('[data-testid="restore-summary"]');
    await (await popup.waitForSelector('[data-testid="identity-search"] button.primary:not([disabled])'))!.click();
    await checkRadio(popup, 'Hexadecimal', addForm);
    expect(await value(popup, 'Hex seed')).toBe('');
    expect(await value(popup, 'Seed password (optional)')).toBe('');
    const seeds = (await uiCall(scriptable(popup), 'ui_seeds')).seeds;
    expect(seeds.find((s) => s.label === 'Legacy')).toMatchObject({ origin: 'hex', method: 'none', hasPassword: true });

    // A legacy seed has no recovery phrase: revealing it (after the password) shows its hex.
    await go(popup, '#/settings/mnemonic');
    await reload(popup);
    await checkRadio(popup, 'Legacy (hex, legacy method, seed password)');
    await fill(popup, 'Password', PASSWORD);
    await click(popup, 'Reveal recovery phrase');
    await popup.waitForFunction((hex: string) => document.querySelector('[data-testid="revealed-hex"]')?.textContent?.trim() === hex, { timeout: 10_000 }, 'c3'.repeat(16));
    await waitForText(popup, 'has no recovery phrase');
    await click(popup, 'Hide the seed');
    await waitForCount(popup, '[data-testid="revealed-hex"]', 0);
  });
});
