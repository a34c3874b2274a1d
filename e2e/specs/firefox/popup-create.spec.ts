import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from '../../support/firefox';
import { createUserAndAgentByMessages, createWalletByMessages, uiCall } from '../../support/popup';
import {
  capture,
  check,
  click,
  field,
  fill,
  go,
  openPopup,
  reload,
  textOf,
  waitForCount,
  waitForHeading,
  waitForText,
} from '../../support/popup-firefox';
import { scriptable } from '../../support/ui-messages';

// One browser and one wallet for the file, the tests in this order: the Twin screen without any
// Agent comes first; each test then looks only at what it made.
test.describe.configure({ mode: 'serial' });
let firefox: FirefoxSession;
let popup: Page;
test.beforeAll(async () => {
  firefox = await launchFirefox();
  popup = await openPopup(firefox);
  await createWalletByMessages(scriptable(popup));
});
test.afterAll(async () => {
  await firefox?.close();
});

let before = new Set<string>();
/** The identities made since `markMade()`. */
const entities = async () => (await uiCall(scriptable(popup), 'ui_entities')).entities.filter((e) => !before.has(e.did));
const markMade = async () => {
  before = new Set((await uiCall(scriptable(popup), 'ui_entities')).entities.map((e) => e.did));
};
test.beforeEach(markMade);
const valueOf = async (label: string) => (await field(popup, label)).evaluate((input) => (input as HTMLInputElement).value);
/** Opens a create screen in a fresh load, so the wallet set up by messages does not re-route it. */
async function openCreate(hash: string): Promise<void> {
  await go(popup, hash);
  await reload(popup);
}

test.describe('popup: creating identities (Firefox)', () => {
  test('a Twin delegates control to the Agent chosen in the list', async () => {
    await openCreate('#/create/twin');
    await waitForText(popup, 'A Twin delegates control to an Agent, and this wallet has no Agent yet.');
    await capture(popup, 'create-twin-no-agent');

    await createUserAndAgentByMessages(scriptable(popup), 'Ann', 'Ann agent');
    const { agent: second } = await createUserAndAgentByMessages(scriptable(popup), 'Bob', 'Bob agent');
    const agentChoice = await field(popup, 'Controlling Agent');
    const options = await agentChoice.evaluate((select) => [...(select as HTMLSelectElement).options].map((o) => o.textContent ?? ''));
    expect(options).toEqual([expect.stringMatching(/^Ann agent \(iot/), expect.stringMatching(/^Bob agent \(iot/)]);
    await agentChoice.select(second.did);
    await fill(popup, 'Label', 'Thermostat');
    await capture(popup, 'create-twin');
    await click(popup, 'Create Twin');
    await waitForText(popup, 'Thermostat delegates control to Bob agent', '[data-testid="created"]');

    await click(popup, 'Thermostat');
    await waitForHeading(popup, 'Thermostat');
    await waitForCount(popup, '[data-testid="delegations"] [data-delegation]', 1);
    const given = await textOf(popup, '[data-testid="delegations"] [data-delegation]');
    expect(given).toContain('Delegates control to Bob agent');
    expect(given).toContain('Valid');
    expect(given).toContain(`controller ${second.did}#agent-`);

    // The Agent's page shows the same delegation from its side.
    await go(popup, `#/entity/${encodeURIComponent(second.did)}`);
    await waitForHeading(popup, 'Bob agent');
    await waitForText(popup, 'Thermostat delegates control to this Agent', '[data-testid="delegations"]');
    await waitForText(popup, 'Bob delegates authentication to this Agent', '[data-testid="delegations"]');
  });

  test('a User and an Agent in one flow, with default key names and public names, then the result and the home screen', async () => {
    await openCreate('#/create');
    await click(popup, 'User and Agent', true);
    await waitForHeading(popup, 'Create: User and Agent');

    // Nothing typed: the error sits under the field and nothing is created.
    await click(popup, 'Create User and Agent');
    await waitForText(popup, 'Give it a label, e.g. a person’s or a device’s name.', 'form');
    expect(await entities()).toEqual([]);

    await fill(popup, 'User label', 'Zoë Müller');
    expect(await valueOf('Agent label')).toBe('Zoë Müller agent');
    await fill(popup, 'User label', 'Zoë');
    expect(await valueOf('Agent label')).toBe('Zoë agent');
    // Default key names: the recovery phrase alone finds these again, and the form says so.
    await waitForCount(popup, '[data-testid="default-key-name"]', 2);
    await click(popup, 'Add public names to the User');
    expect(await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.tagName)).toBe('TEXTAREA');
    await waitForText(popup, 'Names are public:');
    await fill(popup, 'User extra names (optional)', 'zoe@example.org\nZoë M.');
    await capture(popup, 'create-user-agent');
    await click(popup, 'Create User and Agent');
    await waitForText(popup, 'Zoë delegates authentication to Zoë agent', '[data-testid="created"]');
    await capture(popup, 'create-user-agent-done');

    const made = await entities();
    expect(made.map((e) => [e.kind, e.label]).sort()).toEqual([
      ['agent', 'Zoë agent'],
      ['user', 'Zoë'],
    ]);
    const user = made.find((e) => e.kind === 'user')!;
    const view = await uiCall(scriptable(popup), 'ui_entity', { did: user.did });
    expect(view.names).toEqual([user.did, 'zoe@example.org', 'Zoë M.']);
    expect(view.delegations).toEqual([expect.objectContaining({ direction: 'given', type: 'authentication', status: 'valid' })]);

    await click(popup, 'Go to my identities');
    await waitForText(popup, 'Zoë agent', '[data-testid="entity-groups"]');
    expect(await textOf(popup, '[data-testid="entity-groups"]')).toContain('Zoë');
    await capture(popup, 'home');
  });

  test('a custom key name is flagged as one to write down; the same one twice is refused next to the form', async () => {
    await openCreate('#/create/entity');
    await check(popup, 'User');
    await fill(popup, 'Label', 'Carol');
    await click(popup, 'Choose a key name');
    await popup.waitForSelector('[data-testid="custom-key-name-warning"]');
    await fill(popup, 'Key name', 'carol-laptop');
    await capture(popup, 'create-custom-key-name');
    await click(popup, 'Create User');
    await waitForText(popup, 'Created User Carol.', '[data-testid="created"]');
    await click(popup, 'Create another');
    await check(popup, 'User');
    await fill(popup, 'Label', 'Carol again');
    await click(popup, 'Choose a key name');
    await fill(popup, 'Key name', 'carol-laptop');
    await click(popup, 'Create User');
    await popup.waitForSelector('.form-error');
    await capture(popup, 'create-user-agent-error');
    expect((await entities()).map((e) => e.label)).toEqual(['Carol']);
  });

  test('a single entity of each kind, with no delegation', async () => {
    await openCreate('#/create');
    await capture(popup, 'create-menu');
    await click(popup, 'Single entity', true);
    for (const [kind, label] of [
      ['User', 'Carol'],
      ['Agent', 'Build server'],
      ['Twin', 'Weather station'],
    ] as const) {
      await check(popup, kind);
      await fill(popup, 'Label', label);
      if (kind === 'Twin') await capture(popup, 'create-single');
      await click(popup, `Create ${kind}`);
      await waitForText(popup, `Created ${kind} ${label}.`, '[data-testid="created"]');
      await click(popup, 'Create another');
    }
    const made = await entities();
    expect(made.map((e) => `${e.kind}:${e.label}`).sort()).toEqual(['agent:Build server', 'twin:Weather station', 'user:Carol']);
    for (const entity of made) expect((await uiCall(scriptable(popup), 'ui_entity', { did: entity.did })).delegations).toEqual([]);
  });
});
