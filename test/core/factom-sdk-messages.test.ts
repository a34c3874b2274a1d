/**
 * The Factom SDK's refusals, row by row from the seed document's parameter tables
 * (../shared/seeds: "SDK Error Message & Description"): each message the core gives is found,
 * word for word, in that table under its parameter, and the page API answers with the same words
 * where it takes the parameter. A parameter of the table that Sigil does not take says why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createIdentityChain,
  createReplacementEntry,
  didFromPublicKey,
  factomKey,
  factomKeys,
  identityChainIdParam,
  replayIdentityChain,
  type IdentityState,
} from '../../src/core/index';
import { pageParamSchemas, type PageMethod } from '../../src/shared/page-api';
import { caught } from './fixtures';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const seedText = readdirSync(SEEDS)
  .map((name) => readFileSync(new URL(name, SEEDS), 'utf8'))
  .find((text) => text.includes('SDK Error Message'))!;

/** Every parameter's rows of the seed tables (a parameter appears in several methods' tables), as one text. */
function seedRows(): Map<string, string> {
  const rows = new Map<string, string>();
  const blocks = seedText.split(/^params\./m).slice(1);
  for (const block of blocks) {
    const name = block.slice(0, block.indexOf(' ')).trim();
    const body = block.split(/^Returns$/m)[0]!;
    rows.set(name, `${rows.get(name) ?? ''}\n${body}`);
  }
  return rows;
}
const rows = seedRows();

const DOC_KEYS = [
  'idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXa',
  'idpub1mxNZop6vAGmutD87hdYz1hog1NnaSfFj3icTUiq6xUyjiiy89',
  'idpub1zbpmSTnvErRkzoXus1hBmHSSFxvagqD3nZiMyna4JmnSnUDwF',
];
const CHAIN_ID = '107c8e488e95b63ca6fe1c409aa22c380b5c7be387d139c1cd0afaf608d1ae42';
const BAD = 'idpub2EDrNudZUKBfKfppPXeeTZJVU4nzMCXQf9vicDeApafbzV3iXb';
const WORSE = 'not a key';
const DID = didFromPublicKey(new Uint8Array(32).fill(7));

const state = async (): Promise<IdentityState> => {
  const created = createIdentityChain({ names: ['NotarySimulation', 'Test Identity'], keys: DOC_KEYS });
  return replayIdentityChain(created.chain);
};
const replacement = { chainId: CHAIN_ID, oldKey: DOC_KEYS[1]!, newKey: DOC_KEYS[2]!, signerSecretKey: new Uint8Array(32) };

interface Row {
  /** The parameter, as the seed table names it. */
  param: string;
  /** The message as the seed table writes it (its example in place of a placeholder). */
  seed: string;
  /** What Sigil's core answers for an input that breaks that rule. */
  core: () => Promise<unknown> | unknown;
  expected: string;
  /** The same input through the page API, when a page method takes the parameter. */
  page?: { method: PageMethod; params: unknown };
}

const table: Row[] = [
  { param: 'names', seed: 'at least 1 name is required.', core: () => createIdentityChain({ names: [], keys: DOC_KEYS }), expected: 'at least 1 name is required.' },
  { param: 'names', seed: 'names must be an array.', core: () => createIdentityChain({ names: 'n' as never, keys: DOC_KEYS }), expected: 'names must be an array.' },
  {
    param: 'names',
    seed: 'calculated bytes of names and keys is <totalBytes>. It must be less than 10240, use less/shorter names or less keys.',
    core: () => createIdentityChain({ names: ['n'.repeat(10_100)], keys: DOC_KEYS }),
    expected: 'calculated bytes of names and keys is 10313. It must be less than 10240, use less/shorter names or less keys.',
  },
  { param: 'keys', seed: 'at least 1 key is required.', core: () => createIdentityChain({ names: ['n'], keys: [] }), expected: 'at least 1 key is required.' },
  { param: 'keys', seed: 'keys must be an array.', core: () => createIdentityChain({ names: ['n'], keys: DOC_KEYS[0] as never }), expected: 'keys must be an array.' },
  {
    param: 'keys',
    seed: '"invalid key" key is invalid.',
    core: () => createIdentityChain({ names: ['n'], keys: [BAD, DOC_KEYS[0]!, WORSE, BAD] }),
    // Every invalid key is listed, in order (as the SDK lists them), a repeated one each time it appears.
    expected: `"${BAD}" key is invalid. "${WORSE}" key is invalid. "${BAD}" key is invalid.`,
  },
  {
    param: 'keys',
    seed: '"duplicated key" key is duplicated; keys must be unique.',
    core: () => createIdentityChain({ names: ['n'], keys: [DOC_KEYS[0]!, DOC_KEYS[1]!, DOC_KEYS[0]!, DOC_KEYS[1]!, DOC_KEYS[0]!, DOC_KEYS[2]!] }),
    expected: `"${DOC_KEYS[0]}" key is duplicated; keys must be unique. "${DOC_KEYS[1]}" key is duplicated; keys must be unique.`,
  },
  {
    param: 'keys',
    seed: 'calculated bytes of names and keys is <totalBytes>. It must be less than 10240, use less/shorter names or less keys.',
    core: () => createIdentityChain({ names: ['n'], keys: Array.from({ length: 200 }, () => WORSE) }),
    // Past what the size rule can ever allow, no key is looked at.
    expected: 'calculated bytes of names and keys is 11640. It must be less than 10240, use less/shorter names or less keys.',
  },
  {
    param: 'identityChainId',
    seed: 'identityChainId is required.',
    core: () => identityChainIdParam(undefined),
    expected: 'identityChainId is required.',
    page: { method: 'sigil_identity', params: {} },
  },
  {
    param: 'identityChainId',
    seed: 'identityChainId is required.',
    core: () => createReplacementEntry({ ...replacement, chainId: '' }),
    expected: 'identityChainId is required.',
    page: { method: 'sigil_identityKeys', params: { identityChainId: '' } },
  },
  {
    param: 'limit',
    seed: 'limit must be an integer.',
    core: async () => factomKeys(await state(), { limit: '15' }),
    expected: 'limit must be an integer.',
    page: { method: 'sigil_identityKeys', params: { identityChainId: CHAIN_ID, limit: 1.5 } },
  },
  {
    param: 'offset',
    seed: 'offset must be an integer.',
    core: async () => factomKeys(await state(), { offset: null }),
    expected: 'offset must be an integer.',
    page: { method: 'sigil_identityKeys', params: { did: DID, offset: '2' } },
  },
  { param: 'key', seed: 'key is required.', core: async () => factomKey(await state(), {}), expected: 'key is required.' },
  {
    param: 'key',
    seed: 'key is invalid.',
    core: async () => factomKey(await state(), { key: BAD }),
    expected: 'key is invalid.',
    page: { method: 'sigil_identityKey', params: { identityChainId: CHAIN_ID, key: 'k'.repeat(56) } },
  },
  {
    param: 'oldPublicKey',
    seed: 'oldPublicKey is required.',
    core: () => createReplacementEntry({ ...replacement, oldKey: '' }),
    expected: 'oldPublicKey is required.',
  },
  {
    param: 'oldPublicKey',
    seed: 'oldPublicKey is an invalid public key.',
    core: () => createReplacementEntry({ ...replacement, oldKey: BAD }),
    expected: 'oldPublicKey is an invalid public key.',
    page: { method: 'sigil_replaceKey', params: { did: DID, oldPublicKey: BAD } },
  },
  {
    param: 'newPublicKey',
    seed: 'newPublicKey is an invalid public key.',
    core: () => createReplacementEntry({ ...replacement, newKey: WORSE }),
    expected: 'newPublicKey is an invalid public key.',
    page: { method: 'sigil_replaceKey', params: { did: DID, oldPublicKey: DOC_KEYS[1], newPublicKey: WORSE } },
  },
  {
    param: 'signerPrivateKey',
    seed: 'signerPrivateKey is required.',
    core: () => createReplacementEntry({ ...replacement, signerSecretKey: undefined as never }),
    expected: 'signerPrivateKey is required.',
  },
  {
    param: 'signerPrivateKey',
    seed: 'signerPrivateKey is invalid.',
    core: () => createReplacementEntry({ ...replacement, signerSecretKey: new Uint8Array(41) }),
    expected: 'signerPrivateKey is invalid.',
  },
];

/** Parameters of the seed tables that Sigil does not take, and why. */
const notTaken: Record<string, string> = {
  callbackUrl: 'Sigil has no callbacks to a URL: pages hear identityStage events instead.',
  callbackStages: 'the stages Sigil knows (local, registered) are all announced by identityStage.',
  accessToken: 'there is no Connect account: the wallet itself answers.',
  baseUrl: 'there is no Connect API: the wallet itself answers.',
};

describe("the Factom SDK's refusals, from the seed document's tables", () => {
  it.each(table.map((row) => [row.param, row.expected, row] as const))('%s: %s', async (param, expected, row) => {
    expect(rows.get(param), `the seed table has no ${param}`).toBeDefined();
    expect(rows.get(param)).toContain(row.seed);
    expect((await caught(() => row.core())).message).toBe(expected);
    if (row.page) {
      let message = '';
      try {
        pageParamSchemas[row.page.method].parse(row.page.params, 'params');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(expected);
    }
  });

  it('covers every parameter of the seed tables that has a message, or says why Sigil does not take it', () => {
    const covered = new Set(table.map((row) => row.param));
    for (const [param, text] of rows) {
      const hasMessage = /\.\s/.test(text.split('|').slice(3).join('|'));
      if (!hasMessage && !(param in notTaken)) continue;
      expect(covered.has(param) || param in notTaken, `${param} is neither tested nor explained`).toBe(true);
    }
    expect([...covered].every((param) => rows.has(param))).toBe(true);
  });
});
