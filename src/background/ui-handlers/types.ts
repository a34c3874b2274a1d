import type { UiMessage, UiMessageMap, UiRequest, UiResponse, WalletState } from '../../shared/ui-api';
import type { ApprovalsController } from '../approvals';
import type { IdentitiesController, Registrar } from '../identities';
import type { PermissionsController } from '../permissions';
import type { SigilDatabase } from '../storage';
import type { WalletController } from '../wallet/wallet-controller';

/** One UI request as a handler sees it besides its payload: the id the UI client gave it. */
export interface UiCall {
  /** Kept by the client when it re-sends the request after its Port dropped: writes happen once per id. */
  requestId: string;
}

export type UiHandler<M extends UiMessage> = (request: UiRequest<M>, call: UiCall) => Promise<UiResponse<M>>;

/** One handler for every UI message: a message without one does not compile. */
export type UiHandlers = { [M in UiMessage]: UiHandler<M> };

/** The handlers of one area, e.g. `AreaHandlers<VaultMessages>`: all of them. */
export type AreaHandlers<Area extends Partial<UiMessageMap>> = { [M in keyof Area & UiMessage]: UiHandler<M> };

export interface UiHandlerDeps {
  db: SigilDatabase;
  wallet: WalletController;
  identities: IdentitiesController;
  registrar: Registrar;
  approvals: ApprovalsController;
  permissions: PermissionsController;
  /** What ui_state tells about this Sigil. */
  about: { version: string; browser: WalletState['browser']; startedAt: number };
  now: () => number;
}
