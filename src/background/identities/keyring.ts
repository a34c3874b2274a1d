/**
 * Secret keys of the unlocked wallet, derived on demand and kept in the background's memory only
 * while the same vault key is in the session. Cleared on lock; a restarted worker starts empty.
 */
import { deriveKey, encodeIdpub, entropyToMaster, ed25519, equalBytes, type EntityKind } from '../../core';
import { findEntityRef, type VaultSecrets } from '../vault';
import { vault } from '../services';

interface KeyringState {
  vaultKey: Uint8Array;
  secrets: Promise<VaultSecrets>;
  masters: Map<string, Uint8Array>;
  /** idpub → secret key, for every key that was looked up and found. */
  byIdpub: Map<string, Uint8Array>;
  /** idpub → public key of imported and generated secrets, computed once. */
  standalone: Promise<Map<string, Uint8Array>> | null;
}

let state: KeyringState | null = null;

function current(vaultKey: Uint8Array): KeyringState {
  if (!state || !equalBytes(state.vaultKey, vaultKey)) {
    state = {
      vaultKey,
      secrets: vault().then((v) => v.read(vaultKey)),
      masters: new Map(),
      byIdpub: new Map(),
      standalone: null,
    };
    // A failed read must not stick: the next call tries again.
    state.secrets.catch(() => {
      state = null;
    });
  }
  return state;
}

export function clearKeyring(): void {
  state = null;
}

/** Re-reads the secrets after a vault write that added some (e.g. an imported key). */
export function refreshKeyring(): void {
  if (state) state = { ...state, secrets: vault().then((v) => v.read(state!.vaultKey)), standalone: null };
}

export const readSecrets = (vaultKey: Uint8Array): Promise<VaultSecrets> => current(vaultKey).secrets;

async function masterFor(ring: KeyringState, seedId: string): Promise<Uint8Array> {
  let master = ring.masters.get(seedId);
  if (!master) {
    const secrets = await ring.secrets;
    const seed = secrets.seeds.find((s) => s.id === seedId);
    if (!seed) throw new Error('seed missing');
    master = await entropyToMaster(seed.entropy);
    ring.masters.set(seedId, master);
  }
  return master;
}

export interface KeySlot {
  idpub: string;
  priority: number;
  generation: number;
}

/**
 * The secret of one key of an entity, or null when the wallet does not hold it (a key pasted as an
 * idpub whose idsec was never imported). Derived keys are checked against the expected idpub.
 */
export async function secretKeyFor(vaultKey: Uint8Array, did: string, kind: EntityKind, key: KeySlot): Promise<Uint8Array | null> {
  const ring = current(vaultKey);
  const cached = ring.byIdpub.get(key.idpub);
  if (cached) return cached;
  const secrets = await ring.secrets;
  const ref = secrets.entities.find((e) => e.entityId === did);
  if (ref) {
    const master = await masterFor(ring, ref.seedId);
    const derived = await deriveKey(master, { kind, keyName: ref.keyName, priority: key.priority, generation: key.generation });
    if (encodeIdpub(derived.publicKey) === key.idpub) {
      ring.byIdpub.set(key.idpub, derived.secretKey);
      return derived.secretKey;
    }
  }
  const secret = (await standaloneKeys(ring, secrets)).get(key.idpub) ?? null;
  if (secret) ring.byIdpub.set(key.idpub, secret);
  return secret;
}

/** The key a new replacement in this slot would get if Sigil generates it: derived, so the seed recovers it. */
export async function derivedKeyFor(vaultKey: Uint8Array, did: string, kind: EntityKind, priority: number, generation: number) {
  const ring = current(vaultKey);
  const secrets = await ring.secrets;
  const ref = findEntityRef(secrets, did);
  return deriveKey(await masterFor(ring, ref.seedId), { kind, keyName: ref.keyName, priority, generation });
}

async function standaloneKeys(ring: KeyringState, secrets: VaultSecrets): Promise<Map<string, Uint8Array>> {
  ring.standalone ??= (async () => {
    const map = new Map<string, Uint8Array>();
    for (const secret of [...secrets.importedKeys.map((k) => k.secret), ...secrets.generatedKeys.map((k) => k.secret)]) {
      map.set(encodeIdpub(await ed25519.getPublicKey(secret)), secret);
    }
    return map;
  })();
  return ring.standalone;
}
