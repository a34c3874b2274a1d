/**
 * `sigil identity get | keys list | keys get` (issue 13): the Factom Connect identity reads by
 * identityChainId over a real Sigil resolver or a file of document tokens, answering in the page
 * API's shapes and refusing in the Factom SDK's words.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDocumentToken,
  createIdentity,
  factomIdentity,
  factomKeys,
  replaceKey,
  replayIdentityChain,
  updateDocument,
  type DidDocument,
} from '../../src/core/index';
import { startResolver, type ResolverServer } from '../../src/resolver/server';
import { entities } from '../core/fixtures';
import { fails, ok } from './run-sigil';

let resolver: ResolverServer;
let alice: DidDocument;
let agent: DidDocument;
let documentsFile: string;

beforeAll(async () => {
  resolver = await startResolver({ rateLimit: null });
  const e = await entities();
  // Alice with a public name besides her DID: her chain id is not the one of [did] alone.
  alice = (await createIdentity({ kind: 'user', keys: e.user, extraNames: ['NotarySimulation'], label: 'Alice', updateTime: 1_700_000_000_000 })).document;
  // The agent after replacing its priority-2 key: four keys, one retired.
  const replaced = await replaceKey(e.agentDoc.identityChain, {
    oldKey: e.agent[2]!.idpub,
    newKey: e.agentNextSigning.idpub,
    signerSecretKey: e.agent[1]!.secretKey,
  });
  agent = await updateDocument(e.agentDoc, { updateTime: e.agentDoc.updateTime + 1, identityChain: replaced.chain });
  for (const [document, key] of [
    [alice, e.user[0]!.secretKey],
    [agent, e.agent[0]!.secretKey],
  ] as const) {
    const response = await fetch(`${resolver.url}/1.0/register`, { method: 'POST', body: await createDocumentToken(document, { secretKey: key, audience: resolver.url }) });
    expect(response.ok).toBe(true);
  }
  documentsFile = join(mkdtempSync(join(tmpdir(), 'sigil-identity-')), 'documents.json');
  const tokens = {
    [e.agentDid]: [
      await createDocumentToken(e.agentDoc, { secretKey: e.agent[0]!.secretKey, audience: 'file' }),
      await createDocumentToken(agent, { secretKey: e.agent[0]!.secretKey, audience: 'file' }),
    ],
    [e.userDid]: await createDocumentToken(alice, { secretKey: e.user[0]!.secretKey, audience: 'file' }),
  };
  writeFileSync(documentsFile, JSON.stringify(tokens));
});
afterAll(async () => {
  await resolver?.close();
});

describe('sigil identity', () => {
  it('get: identities.get by chain id from the resolver (registered) and from a documents file (local)', async () => {
    const chainId = alice.identityChain.chainId;
    const expected = factomIdentity(await replayIdentityChain(alice.identityChain), { stage: 'registered' });
    expect(await ok(['identity', 'get', '--chain-id', chainId, '--resolver', resolver.url, '--did', alice.id])).toEqual(expected);
    expect(expected.data.names).toEqual([alice.id, 'NotarySimulation']);
    const fromFile = await ok(['identity', 'get', '--chain-id', chainId.toUpperCase(), '--documents', documentsFile]);
    expect(fromFile).toEqual({ data: { ...expected.data, stage: 'local' } });
  });

  it('keys list: every key in order with its heights, paged, the newest document of a DID counting', async () => {
    const chainId = agent.identityChain.chainId;
    const state = await replayIdentityChain(agent.identityChain);
    const all = await ok(['identity', 'keys', 'list', '--chain-id', chainId, '--resolver', resolver.url, '--did', agent.id]);
    expect(all).toEqual(factomKeys(state));
    expect(all.count).toBe(4);
    expect(all.data[2]).toMatchObject({ priority: 2, activated_height: 0, retired_height: 1 });
    expect(await ok(['identity', 'keys', 'list', '--chain-id', chainId, '--documents', documentsFile, '--limit', '2', '--offset', '2'])).toEqual({
      offset: 2,
      limit: 2,
      data: factomKeys(state).data.slice(2),
      count: 4,
    });
  });

  it('keys get: one key, retired or active', async () => {
    const e = await entities();
    const chainId = agent.identityChain.chainId;
    expect(await ok(['identity', 'keys', 'get', '--chain-id', chainId, '--key', e.agent[2]!.idpub, '--resolver', resolver.url, '--did', agent.id])).toEqual({
      data: expect.objectContaining({ key: e.agent[2]!.idpub, priority: 2, activated_height: 0, retired_height: 1 }),
    });
    expect(await ok(['identity', 'keys', 'get', '--chain-id', chainId, '--key', e.agentNextSigning.idpub, '--documents', documentsFile])).toEqual({
      data: expect.objectContaining({ key: e.agentNextSigning.idpub, priority: 2, activated_height: 1, retired_height: null }),
    });
  });

  it("refuses in the Factom SDK's words, and says what is missing", async () => {
    const chainId = agent.identityChain.chainId;
    const source = ['--documents', documentsFile];
    expect(await fails(['identity', 'get', ...source])).toBe('sigil: identityChainId is required.');
    expect(await fails(['identity', 'get', '--chain-id', 'abc', ...source])).toBe('sigil: identityChainId is invalid.');
    expect(await fails(['identity', 'keys', 'list', '--chain-id', chainId, '--limit', 'ten', ...source])).toBe('sigil: limit must be an integer.');
    expect(await fails(['identity', 'keys', 'list', '--chain-id', chainId, '--offset', '1.5', ...source])).toBe('sigil: offset must be an integer.');
    expect(await fails(['identity', 'keys', 'get', '--chain-id', chainId, ...source])).toBe('sigil: key is required.');
    expect(await fails(['identity', 'keys', 'get', '--chain-id', chainId, '--key', 'idpub', ...source])).toBe('sigil: key is invalid.');
    expect(await fails(['identity', 'get', '--chain-id', 'ab'.repeat(32), ...source])).toBe(`sigil: no identity with chain id ${'ab'.repeat(32)} in ${documentsFile}`);
    expect(await fails(['identity', 'get', '--chain-id', chainId, '--resolver', resolver.url])).toBe("sigil: --resolver finds documents by DID: give the identity's --did too");
    expect(await fails(['identity', 'get', '--chain-id', chainId, '--resolver', resolver.url, '--did', alice.id])).toBe(
      `sigil: the identity chain of ${alice.id} is ${alice.identityChain.chainId}, not ${chainId}`,
    );
    expect(await fails(['identity', 'get', '--chain-id', chainId])).toBe('sigil: give exactly one of --resolver or --documents');
  });
});
