/** Identity core: key derivation, Ed25519, and a 1000-entry identity chain. */
import {
  createIdentityChain,
  createReplacementEntry,
  deriveEntityKeys,
  deriveKey,
  didFromPublicKey,
  ed25519,
  entropyToMaster,
  hexToBytes,
  mnemonicToMaster,
  entropyToMnemonic,
  replayIdentityChain,
  utf8Encode,
  type IdentityChainJson,
} from '../src/core/index';
import type { BenchGroup } from './types';

const ENTROPY = hexToBytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const CHAIN_ENTRIES = 1000;

/** A chain of 1 first entry + `replacements` ReplaceKey entries (priority-2 key rotated, signed by priority 1). */
export async function buildChain(master: Uint8Array, replacements: number): Promise<IdentityChainJson> {
  const keys = await deriveEntityKeys(master, 'agent', 'bench-agent');
  const created = createIdentityChain({
    names: [didFromPublicKey(keys[0]!.publicKey)],
    keys: keys.map((k) => k.idpub),
  });
  const entries = [...created.chain.entries];
  let current = keys[2]!.idpub;
  for (let generation = 1; generation <= replacements; generation++) {
    const next = await deriveKey(master, { kind: 'agent', keyName: 'bench-agent', priority: 2, generation });
    const replacement = await createReplacementEntry({
      chainId: created.chainId,
      oldKey: current,
      newKey: next.idpub,
      signerSecretKey: keys[1]!.secretKey,
    });
    entries.push(replacement.entry);
    current = next.idpub;
  }
  return { ...created.chain, entries };
}

let master: Uint8Array;
let secretKey: Uint8Array;
let publicKey: Uint8Array;
let signature: Uint8Array;
let chain: IdentityChainJson;
const message = utf8Encode('did:iotics:iotLZQs33G5zms3HSfxBNEo6TvKhwf9UnMa3');

const group: BenchGroup = {
  name: 'core',
  description: 'identity core',
  async setup() {
    master = await entropyToMaster(ENTROPY);
    const key = await deriveKey(master, { kind: 'user', keyName: 'alice', priority: 0, generation: 0 });
    secretKey = key.secretKey;
    publicKey = key.publicKey;
    signature = await ed25519.sign(message, secretKey);
    chain = await buildChain(master, CHAIN_ENTRIES - 1);
    group.description = `identity core, Ed25519 via ${await ed25519.backend()}; chain = ${CHAIN_ENTRIES} entries`;
  },
  cases: async () => [
    {
      name: 'mnemonic → master (PBKDF2 ×2048)',
      run: () => mnemonicToMaster(entropyToMnemonic(ENTROPY)),
      target: { stat: 'median', ms: 50 },
    },
    {
      name: 'derive a key (HMAC + public key)',
      run: () => deriveKey(master, { kind: 'agent', keyName: 'alice-agent', priority: 2, generation: 7 }),
      target: { stat: 'median', ms: 5 },
    },
    { name: 'sign', run: () => ed25519.sign(message, secretKey), target: { stat: 'median', ms: 2 } },
    {
      name: 'verify',
      run: async () => {
        if (!(await ed25519.verify(signature, message, publicKey))) throw new Error('signature does not verify');
      },
      target: { stat: 'median', ms: 2 },
    },
    { name: 'sign (noble, sync)', run: () => ed25519.signSync(message, secretKey) },
    { name: 'verify (noble, sync)', run: () => ed25519.verifySync(signature, message, publicKey) },
    {
      name: `build a ${CHAIN_ENTRIES}-entry chain`,
      run: () => buildChain(master, CHAIN_ENTRIES - 1),
      runs: 3,
      warmup: 0,
    },
    {
      name: `replay a ${CHAIN_ENTRIES}-entry chain`,
      run: async () => {
        const state = await replayIdentityChain(chain);
        if (state.height !== CHAIN_ENTRIES - 1) throw new Error('replay lost entries');
      },
      target: { stat: 'p95', ms: 300 },
    },
    {
      name: `replay a ${CHAIN_ENTRIES}-entry chain (noble only)`,
      run: async () => {
        await ed25519.useBackend('noble');
        try {
          await replayIdentityChain(chain);
        } finally {
          await ed25519.useBackend('auto');
        }
      },
      runs: 3,
      warmup: 0,
    },
  ],
};

export default group;
