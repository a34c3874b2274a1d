/** What the identity operations are built with (see IdentitiesController). */
import type { WalletEvents } from '../events';
import type { Fetch } from '../platform';
import type { SigilDatabase } from '../storage';
import type { WalletController } from '../wallet/wallet-controller';
import type { EntityStore } from './entity-store';
import type { Keyring } from './keyring';
import type { Registrar } from './registration';

export interface IdentityContext {
  db: SigilDatabase;
  wallet: WalletController;
  keyring: Keyring;
  entities: EntityStore;
  registrar: Registrar;
  events: WalletEvents;
  /** For the first step of an IOTICS key rotation, which the resolver must accept before the wallet changes. */
  fetch: Fetch;
  now: () => number;
}
