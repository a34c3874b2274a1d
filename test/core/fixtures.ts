/** Shared test inputs: the vectors in shared/vectors and the entities of documents.json. */
import { readFileSync } from 'node:fs';
import {
  createDelegationProof,
  createIdentity,
  deriveEntityKeys,
  deriveKey,
  didFromPublicKey,
  entropyToMaster,
  hexToBytes,
  type DerivedKey,
  type DidDocument,
} from '../../src/core/index';

export function loadVector<T = any>(name: 'factom.json' | 'sigil.json' | 'documents.json'): T {
  return JSON.parse(readFileSync(new URL(`../../../shared/vectors/${name}`, import.meta.url), 'utf8')) as T;
}

export const factomVectors = loadVector('factom.json');
export const sigilVectors = loadVector('sigil.json');
export const documentVectors = loadVector('documents.json');

export const clone = <T>(value: T): T => structuredClone(value);

export interface Entities {
  master: Uint8Array;
  user: DerivedKey[];
  agent: DerivedKey[];
  twin: DerivedKey[];
  /** agent priority 2, generation 1: the key that replaces #agent-2-0. */
  agentNextSigning: DerivedKey;
  userDid: string;
  agentDid: string;
  twinDid: string;
  userDoc: DidDocument;
  agentDoc: DidDocument;
  twinDoc: DidDocument;
}

let cached: Promise<Entities> | undefined;

/** The User, Agent and Twin of documents.json, built from the seed of sigil.json. */
export function entities(): Promise<Entities> {
  cached ??= (async () => {
    const master = await entropyToMaster(hexToBytes(sigilVectors.derivation.entropy_hex));
    const user = await deriveEntityKeys(master, 'user', 'alice');
    const agent = await deriveEntityKeys(master, 'agent', 'alice-agent');
    const twin = await deriveEntityKeys(master, 'twin', 'thermostat-1');
    const agentNextSigning = await deriveKey(master, { kind: 'agent', keyName: 'alice-agent', priority: 2, generation: 1 });
    const [userDid, agentDid, twinDid] = [user, agent, twin].map((keys) => didFromPublicKey(keys[0]!.publicKey)) as [
      string,
      string,
      string,
    ];
    const controller = `${agentDid}#agent-2-0`;
    const proofFor = (delegatingDid: string) => createDelegationProof({ secretKey: agent[2]!.secretKey, delegatingDid });
    const updateTime = 1700000001000;
    const userDoc = (
      await createIdentity({
        kind: 'user',
        keys: user,
        label: 'Alice',
        updateTime,
        delegations: [{ controller, proof: await proofFor(userDid), proofType: 'did' }],
      })
    ).document;
    const agentDoc = (await createIdentity({ kind: 'agent', keys: agent, updateTime })).document;
    const twinDoc = (
      await createIdentity({
        kind: 'twin',
        keys: twin,
        updateTime,
        delegations: [{ controller, proof: await proofFor(twinDid), proofType: 'did' }],
      })
    ).document;
    return { master, user, agent, twin, agentNextSigning, userDid, agentDid, twinDid, userDoc, agentDoc, twinDoc };
  })();
  return cached;
}

/** Runs `fn` and returns the CoreError it throws (fails the test if it does not throw one). */
export async function caught(fn: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error && (error as unknown as Error).name === 'CoreError')
      return error as { code: string; message: string };
    throw error;
  }
  throw new Error('expected a CoreError, nothing was thrown');
}
