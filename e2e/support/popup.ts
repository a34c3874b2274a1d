/**
 * Helpers for the popup specs in both browsers: talking to the background the way the popup does
 * (to set up a wallet quickly), damaging the stored vault, and saving screenshots of every screen
 * in light and dark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UiMessage, UiRequest, UiResponse } from '../../src/shared/ui-api';
import { UI_PORT } from '../../src/shared/wire';
import { REPO_ROOT } from './paths';
import type { ScriptablePage } from './ui-messages';

export const PASSWORD = 'correct horse battery staple';

/** DESIGN.md §6: this entropy, this phrase, and user "alice" has this DID. */
export const REFERENCE = {
  hex: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  mnemonic:
    'abandon amount liar amount expire adjust cage candy arch gather drum bullet absurd math era live bid rhythm alien crouch range attend journey unaware',
  aliceDid: 'did:iotics:iotLZQs33G5zms3HSfxBNEo6TvKhwf9UnMa3',
  alicePriority0: 'idpub3WS14DAzSaZS4DzjXAY3WaiH1dUk1Zh8S1G92QivTrJibGSTzh',
} as const;

export interface UiError {
  code: number;
  message: string;
}

/**
 * Sends one UI message from an extension page over its own Port, exactly as background-client does
 * (same Port name, same envelope). Resolves with the result; rejects with `{code, message}`, with
 * code 4900 when the background stopped before answering.
 */
export async function uiCall<M extends UiMessage>(page: ScriptablePage, type: M, ...payload: UiRequest<M> extends undefined ? [] : [UiRequest<M>]): Promise<UiResponse<M>> {
  const reply = await page.evaluate(
    ({ type, payload, portName }) =>
      new Promise<{ result?: unknown; error?: UiError }>((resolve) => {
        interface MiniPort {
          postMessage(message: unknown): void;
          disconnect(): void;
          onMessage: { addListener(listener: (message: { id?: string; result?: unknown; error?: UiError }) => void): void };
          onDisconnect: { addListener(listener: () => void): void };
        }
        const runtime = (globalThis as unknown as { chrome: { runtime: { connect(info: { name: string }): MiniPort } } }).chrome.runtime;
        const port = runtime.connect({ name: portName });
        const id = `e2e-${Math.random().toString(36).slice(2)}`;
        port.onMessage.addListener((message) => {
          if (message.id !== id) return;
          port.disconnect();
          resolve(message);
        });
        // A background stopped mid-request never answers on this Port: say so instead of hanging.
        port.onDisconnect.addListener(() => resolve({ error: { code: 4900, message: 'The background stopped before answering.' } }));
        port.postMessage({ id, type, payload });
      }),
    { type: type as string, payload: payload[0] as unknown, portName: UI_PORT },
  );
  if (reply.error) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as UiResponse<M>;
}

/** A wallet with a new seed, created through the same messages the onboarding screens send. */
export async function createWalletByMessages(page: ScriptablePage, password = PASSWORD): Promise<string[]> {
  const { words } = await uiCall(page, 'ui_draftSeed');
  const confirm = [0, 11, 23].map((index) => ({ index, word: words[index]! }));
  await uiCall(page, 'ui_createWallet', { password, seed: { source: 'draft', confirm } });
  return words;
}

/** A User and an Agent with authentication delegated, through the message the Create screen sends. */
export async function createUserAndAgentByMessages(page: ScriptablePage, user = 'Alice', agent = 'Alice agent'): Promise<UiResponse<'ui_createUserAndAgent'>> {
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return uiCall(page, 'ui_createUserAndAgent', {
    user: { label: user, keyName: slug(user) },
    agent: { label: agent, keyName: slug(agent) },
  });
}

/** Light and dark screenshots, saved in the test output folder (e2e/support/screenshots.ts). */
export { captureChromium, captureFirefox, setFirefoxPref } from './screenshots';

/** The popup's size in the browser toolbar. */
export const POPUP_VIEWPORT = { width: 360, height: 600 } as const;

/**
 * DESIGN §2.8: the IOTICS Python library (vectors/iotics.json) turned this hex seed (method bip39, no
 * seed password) and these key names into these DIDs and keys.
 */
export const IOTICS_REFERENCE = (() => {
  const vectors = JSON.parse(readFileSync(join(REPO_ROOT, '../shared/vectors/iotics.json'), 'utf8')) as {
    derivations: { seedHex: string; seedMethod: string; kind: string; keyName: string; publicKeyBase58: string; did: string }[];
  };
  const hex = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
  const find = (kind: string, keyName: string) => {
    const found = vectors.derivations.find((d) => d.seedHex === hex && d.seedMethod === 'bip39' && d.kind === kind && d.keyName === keyName);
    if (!found) throw new Error(`vectors/iotics.json has no ${kind} ${keyName} for the reference seed`);
    return found;
  };
  return { hex, user: find('user', 'alice'), agent: find('agent', 'alice-agent'), twin: find('twin', 'thermostat-1') };
})();

/** A wallet whose first seed is the IOTICS reference hex seed (method bip39), made by the onboarding's message. */
export async function createIoticsWalletByMessages(page: ScriptablePage, password = PASSWORD): Promise<void> {
  await uiCall(page, 'ui_createWallet', { password, seed: { source: 'hex', hex: IOTICS_REFERENCE.hex, method: 'bip39' } });
}
