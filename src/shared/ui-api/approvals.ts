/** UI ⇄ background messages for page requests waiting for the person, and connected sites. */
import { array, integer, none, object, oneOf, optional, string, type Schema } from '../schema';
import type { EntityKind, SharedEntity } from '../page-api';

/** What the approval page shows for each kind of request (DESIGN.md §3). */
export type ApprovalDetails =
  | { method: 'sigil_connect'; kinds: EntityKind[] | null; choices: SharedEntity[] }
  | {
      method: 'sigil_authToken';
      user: SharedEntity;
      agent: SharedEntity;
      claims: { iss: string; sub: string; aud: string; exp: number };
      durationSeconds: number;
      /** True when aud is not the requesting origin: shown as a warning. */
      audienceWarning: boolean;
    }
  | { method: 'sigil_delegationProof'; agent: SharedEntity; delegator: string; proofType: 'did' | 'generic' }
  | { method: 'sigil_createIdentity'; kind: EntityKind; label: string; names: string[]; delegateTo: SharedEntity | null }
  | {
      method: 'sigil_replaceKey';
      entity: SharedEntity;
      oldKey: { id: string; idpub: string; priority: number };
      newKey: string | null;
      signer: { id: string; idpub: string; priority: number };
      requiresPassword: boolean;
    };

export interface PendingView {
  id: string;
  origin: string;
  createdAt: number;
  details: ApprovalDetails;
}

export interface SiteView {
  origin: string;
  /**
   * 'connected': the site sees `entities`. 'rejected': the person refused to connect it, and its
   * sigil_connect calls fail with 4001 without a prompt until the site is forgotten (ui_revokeSite).
   */
  status: 'connected' | 'rejected';
  /** When the site was connected, or rejected. */
  connectedAt: number;
  entities: SharedEntity[];
  /** Standing token grants: (user, agent) pairs and when they end. */
  grants: { user: string; agent: string; until: number }[];
}

export interface ApprovalChoices {
  /** sigil_connect: the DIDs the person chose to share. */
  entities?: string[];
  /** sigil_authToken: allow this site to get tokens without asking for this many minutes. */
  grantMinutes?: number;
  /**
   * sigil_replaceKey with a priority-0 signer: the password. ui_decide checks it against the vault
   * before recording the approval and then drops it: it is never stored nor handed to the request.
   */
  password?: string;
}

export interface ApprovalMessages {
  /** Requests waiting for a decision, oldest first, and the origins waiting only for the wallet to be unlocked. */
  ui_pending: { request: undefined; response: { requests: PendingView[]; waitingForUnlock: string[] } };
  /**
   * reject: for sigil_connect the site is remembered as rejected; cancel: nothing is remembered.
   * Both answer the site with 4001. Approving needs the wallet unlocked.
   */
  ui_decide: {
    request: { id: string; decision: 'approve' | 'reject' | 'cancel'; choices?: ApprovalChoices };
    response: { remaining: number };
  };
  /** Brings the one approval window to the front (opening it if requests wait); the popup's "Review". */
  ui_showApprovals: { request: undefined; response: { waiting: number } };
  ui_sites: { request: undefined; response: { sites: SiteView[] } };
  /** Disconnects a connected site (it gets a 'disconnect' event), or forgets a rejected one. */
  ui_revokeSite: { request: { origin: string }; response: true };
}

export const approvalSchemas: { [M in keyof ApprovalMessages]: Schema<ApprovalMessages[M]['request']> } = {
  ui_pending: none(),
  ui_decide: object({
    id: string({ min: 1, max: 100 }),
    decision: oneOf(['approve', 'reject', 'cancel'] as const),
    choices: optional(
      object({
        entities: optional(array(string({ min: 1, max: 200 }), { max: 500 })),
        grantMinutes: optional(integer({ min: 1, max: 24 * 60 })),
        password: optional(string({ max: 1024 })),
      }),
    ),
  }),
  ui_showApprovals: none(),
  ui_sites: none(),
  ui_revokeSite: object({ origin: string({ min: 1, max: 2048 }) }),
};
