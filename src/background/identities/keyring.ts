/**
 * Secret keys of the unlocked wallet, derived on demand and kept in the background's memory only
 * while the same secrets are in the vault: forgotten on lock and after every write of the secrets
 * (see WalletController.writeSecrets), so a seed or key just added is found at once.
 */
import {
  deriveKey,
  encodeIdpub,
  entropyToMaster,
  ed25519,
  equalBytes,
  ioticsKeyPairFromPath,
  ioticsMaster,
  ioticsKeyNumber,
  ioticsKeyPath,
  type EntityKind,
  type IoticsKeyPair,
} from '../../core';
import { ErrorCode, SigilError } from '../../shared/errors';
import { findEntityRef, type Vault, type VaultSecrets } from '../vault';

interface KeyringState {
  vaultKey: Uint8Array;
  secrets: Promise<VaultSecrets>;
  masters: Map<string, Uint8Array>;
  /** seed id → the seed's IOTICS master secret (DESIGN §2.8: its method and password applied). */
  ioticsMasters: Map<string, Uint8Array>;
  /** idpub → secret key, for every key that was looked up and found. */
  byIdpub: Map<string, Uint8Array>;
  /** idpub → secret of imported and generated keys, computed once. */
  standalone: Promise<Map<string, Uint8Array>> | null;
}

/** An owner key of an IOTICS document: `#{kind}-{n}` and its public key. */
export interface IoticsKeySlot {
  id: string;
  publicKeyBase58: string;
}

/** Where an IOTICS entity's rotated keys derive from (the core owns the scheme: discovery needs it too). */
export { ioticsKeyPath, ioticsKeyNumber };

export interface KeySlot {
  idpub: string;
  priority: number;
  generation: number;
}

export class Keyring {
  private state: KeyringState | null = null;

  constructor(private readonly vault: Vault) {}

  /** Drops every cached secret; the next lookup reads the vault again. */
  forget(): void {
    this.state = null;
  }

  secrets(vaultKey: Uint8Array): Promise<VaultSecrets> {
    return this.current(vaultKey).secrets;
  }

  /**
   * The secret of one key of an entity, or null when the wallet does not hold it (a key pasted as an
   * idpub whose idsec was never imported). Derived keys are checked against the expected idpub.
   */
  async secretKeyFor(vaultKey: Uint8Array, did: string, kind: EntityKind, key: KeySlot): Promise<Uint8Array | null> {
    const ring = this.current(vaultKey);
    const cached = ring.byIdpub.get(key.idpub);
    if (cached) return cached;
    const secrets = await ring.secrets;
    const ref = secrets.entities.find((e) => e.entityId === did);
    if (ref) {
      const master = await this.masterFor(ring, ref.seedId);
      const derived = await deriveKey(master, { kind, keyName: ref.keyName, priority: key.priority, generation: key.generation });
      if (encodeIdpub(derived.publicKey) === key.idpub) {
        ring.byIdpub.set(key.idpub, derived.secretKey);
        return derived.secretKey;
      }
    }
    const secret = (await this.standaloneKeys(ring, secrets)).get(key.idpub) ?? null;
    if (secret) ring.byIdpub.set(key.idpub, secret);
    return secret;
  }

  /**
   * The secret of an owner key of an IOTICS entity, or null when the wallet does not hold it. Derived
   * from the entity's seed (its method and password) and key name, and checked against the document.
   */
  async ioticsSecretFor(vaultKey: Uint8Array, did: string, kind: EntityKind, key: IoticsKeySlot): Promise<Uint8Array | null> {
    const n = ioticsKeyNumber(kind, key.id);
    if (n === null) return null;
    const ring = this.current(vaultKey);
    const cached = ring.byIdpub.get(key.publicKeyBase58);
    if (cached) return cached;
    const derived = await this.ioticsKeyFor(vaultKey, did, kind, n);
    if (!derived || derived.publicKeyBase58 !== key.publicKeyBase58) return null;
    ring.byIdpub.set(key.publicKeyBase58, derived.secretKey);
    return derived.secretKey;
  }

  /** The key `#{kind}-{n}` of an IOTICS entity of this wallet (see ioticsKeyPath), or null when it is not one. */
  async ioticsKeyFor(vaultKey: Uint8Array, did: string, kind: EntityKind, n: number): Promise<IoticsKeyPair | null> {
    const ring = this.current(vaultKey);
    const ref = (await ring.secrets).entities.find((e) => e.entityId === did && e.format === 'iotics');
    if (!ref) return null;
    return ioticsKeyPairFromPath(await this.ioticsMasterFor(ring, ref.seedId), ioticsKeyPath(kind, ref.keyName, n));
  }

  /** The key a new replacement in this slot would get if Sigil generates it: derived, so the seed recovers it. */
  async derivedKeyFor(vaultKey: Uint8Array, did: string, kind: EntityKind, priority: number, generation: number) {
    const ring = this.current(vaultKey);
    const ref = findEntityRef(await ring.secrets, did);
    return deriveKey(await this.masterFor(ring, ref.seedId), { kind, keyName: ref.keyName, priority, generation });
  }

  private current(vaultKey: Uint8Array): KeyringState {
    if (!this.state || !equalBytes(this.state.vaultKey, vaultKey)) {
      const state: KeyringState = {
        vaultKey,
        secrets: this.vault.read(vaultKey),
        masters: new Map(),
        ioticsMasters: new Map(),
        byIdpub: new Map(),
        standalone: null,
      };
      // A failed read must not stick: the next call tries again.
      state.secrets.catch(() => {
        if (this.state === state) this.state = null;
      });
      this.state = state;
    }
    return this.state;
  }

  private async masterFor(ring: KeyringState, seedId: string): Promise<Uint8Array> {
    let master = ring.masters.get(seedId);
    if (!master) {
      const seed = (await ring.secrets).seeds.find((s) => s.id === seedId);
      if (!seed) throw new SigilError(ErrorCode.invalidParams, 'That seed is not in the wallet.');
      master = await entropyToMaster(seed.entropy);
      ring.masters.set(seedId, master);
    }
    return master;
  }

  private async ioticsMasterFor(ring: KeyringState, seedId: string): Promise<Uint8Array> {
    let master = ring.ioticsMasters.get(seedId);
    if (!master) {
      const seed = (await ring.secrets).seeds.find((s) => s.id === seedId);
      if (!seed) throw new SigilError(ErrorCode.invalidParams, 'That seed is not in the wallet.');
      master = await ioticsMaster(seed.entropy, { method: seed.method, password: seed.password });
      ring.ioticsMasters.set(seedId, master);
    }
    return master;
  }

  private standaloneKeys(ring: KeyringState, secrets: VaultSecrets): Promise<Map<string, Uint8Array>> {
    ring.standalone ??= (async () => {
      const map = new Map<string, Uint8Array>();
      for (const secret of [...secrets.importedKeys.map((k) => k.secret), ...secrets.generatedKeys.map((k) => k.secret)]) {
        map.set(encodeIdpub(await ed25519.getPublicKey(secret)), secret);
      }
      return map;
    })();
    return ring.standalone;
  }
}
