/**
 * The secrets of the suite's known test wallet, and the scan for them: the seed (hex and its 24
 * words, any three in a row), the master key, every private key (hex and idsec…), the key names
 * and the password. Computed here with the core, from the reference seed of /work/shared/vectors.
 */
import { deriveEntityKeys } from '../../src/core/derive';
import { encodeIdsec } from '../../src/core/factom-keys';
import { entropyToMnemonic } from '../../src/core/mnemonic';
import { bytesToHex, hexToBytes } from '../../src/core/bytes';

export const SUITE_SEED_HEX = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
/** The master key of that seed (vectors/sigil.json, derivation.master_hex). */
export const SUITE_MASTER_HEX =
  '0a6d060f6242aece4b074e48e7d8166f792a9b2bb7b295fa5ac289eda7647290c3d80e7436d6e9e34e72769c06f6582192d0b57ae4a97e9e24c8972a770a57d9';
export const SUITE_PASSWORD = 'suite pass: violet-anchor-8812';
/** Key names are secret; these are distinctive so that a hit is never a coincidence. */
export const SUITE_KEY_NAMES = { user: 'kn-user-q7xv', agent: 'kn-agent-q7xv', twin: 'kn-twin-q7xv' } as const;

export interface SuiteSecrets {
  /** name → text that must never be seen by a page or in a log. */
  needles: Map<string, string>;
  /** The public keys (idpub…) derived here, to check against the wallet's: the scan looks for the right secrets. */
  idpubs: string[];
}

export async function suiteSecrets(): Promise<SuiteSecrets> {
  const needles = new Map<string, string>();
  needles.set('seed hex', SUITE_SEED_HEX);
  needles.set('master key hex', SUITE_MASTER_HEX);
  needles.set('password', SUITE_PASSWORD);
  const words = entropyToMnemonic(hexToBytes(SUITE_SEED_HEX)).split(' ');
  for (let i = 0; i + 3 <= words.length; i++) needles.set(`mnemonic words ${i + 1}-${i + 3}`, words.slice(i, i + 3).join(' '));
  const master = hexToBytes(SUITE_MASTER_HEX);
  const idpubs: string[] = [];
  for (const [kind, keyName] of Object.entries(SUITE_KEY_NAMES) as [keyof typeof SUITE_KEY_NAMES, string][]) {
    needles.set(`key name (${kind})`, keyName);
    for (const key of await deriveEntityKeys(master, kind, keyName)) {
      needles.set(`private key hex (${kind} ${key.priority})`, bytesToHex(key.secretKey));
      needles.set(`private key idsec (${kind} ${key.priority})`, encodeIdsec(key.secretKey));
      idpubs.push(key.idpub);
    }
  }
  return { needles, idpubs };
}

/** The names of the secrets found in `text` (case-insensitive for hex, exact otherwise). */
export function secretsFound(text: string, secrets: SuiteSecrets): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (const [name, needle] of secrets.needles) {
    const isHex = /^[0-9a-f]+$/.test(needle);
    if (isHex ? lower.includes(needle) : text.includes(needle)) found.push(name);
  }
  return found;
}
