/** UI ⇄ background messages for page requests waiting for the person, and connected sites. */
import { array, integer, none, object, oneOf, optional, string, type Schema } from '../schema';
import type { IdentityFormat } from '../../core/types';
import type { EntityKind, SharedEntity } from '../page-api';

/**
 * What the approval page shows for each kind of request (DESIGN.md §3). `format` says which format the
 * token, proof, identity or key is in (`sigil`, or `iotics`: DESIGN §2.8).
 */
export type ApprovalDetails =
  | {
      method: 'sigil_connect';
      kinds: EntityKind[] | null;
      choices: SharedEntity[];
      /**
       * The Agents that sign for each offered User (its authentication delegates in this wallet):
       * shared along with the User by default, so a site can read the document a token's `iss` names.
       * Absent in requests queued before it existed.
       */
      actingAgents?: ActingAgents[];
    }
  | {
      method: 'sigil_authToken';
      format: IdentityFormat;
      user: SharedEntity;
      agent: SharedEntity;
      claims: { iss: string; sub: string; aud: string; exp: number };
      durationSeconds: number;
      /** True when aud is not the requesting origin: shown as a warning. */
      audienceWarning: boolean;
    }
  | { method: 'sigil_delegationProof'; format: IdentityFormat; agent: SharedEntity; delegator: string; proofType: 'did' | 'generic' }
  | {
      method: 'sigil_createIdentity';
      format: IdentityFormat;
      kind: EntityKind;
      label: string;
      names: string[];
      delegateTo: SharedEntity | null;
    }
  | {
      method: 'sigil_replaceKey';
      format: 'sigil';
      entity: SharedEntity;
      oldKey: { id: string; idpub: string; priority: number };
      newKey: string | null;
      /** The signer the site asked for, or the one Sigil chose; the person may pick another of `signerOptions`. */
      signer: { id: string; idpub: string; priority: number };
      /** Keys that may sign instead (active, same or higher priority, held by the wallet), highest priority first. */
      signerOptions?: { id: string; idpub: string; priority: number }[];
      /** Identities whose delegations name the old key and are renewed with the new one. */
      renews?: SharedEntity[];
      /** True when `signer` is the master key (priority 0); a priority-0 signer chosen in the window needs it too. */
      requiresPassword: boolean;
    }
  | {
      /** An IOTICS key rotation (DESIGN §2.8): the new key is derived by the wallet. */
      method: 'sigil_replaceKey';
      format: 'iotics';
      entity: SharedEntity;
      oldKey: { id: string; publicKeyBase58: string };
      newKeyId: string;
      signer: { id: string; publicKeyBase58: string };
      /** DIDs whose delegations to the old key are renewed with it. */
      renews: string[];
      requiresPassword: boolean;
    };

/** The Agents in this wallet that `user` delegates authentication to. */
export interface ActingAgents {
  user: string;
  agents: SharedEntity[];
}

export interface PendingView {
  id: string;
  origin: string;
  createdAt: number;
  details: ApprovalDetails;
  /** Set when a frame of another origin asked: the top-level page's origin, or null when the browser did not say. */
  embeddedIn?: string | null;
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
  /** sigil_replaceKey (Sigil format): the idpub of the signer the person picked among `signerOptions`. */
  signer?: string;
  /**
   * sigil_replaceKey with a priority-0 signer, or of an IOTICS key: the password. ui_decide checks it against the vault
   * before recording the approval and then drops it: it is never stored nor handed to the request.
   */
  password?: string;
}

export interface ApprovalMessages {
  /** Requests waiting for a decision, oldest first, and the origins waiting only for the wallet to be unlocked. */
  ui_pending: { request: undefined; response: { requests: PendingView[]; waitingForUnlock: string[] } };
  /**
   * reject: for sigil_connect the site is remembered as rejected; cancel: nothing is remembered;
   * block (any request): the site is disconnected and refused until forgotten in the sites list.
   * All three answer the site with 4001 and start its cooldown. Approving needs the wallet unlocked.
   */
  ui_decide: {
    request: { id: string; decision: 'approve' | 'reject' | 'cancel' | 'block'; choices?: ApprovalChoices };
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
    decision: oneOf(['approve', 'reject', 'cancel', 'block'] as const),
    choices: optional(
      object({
        entities: optional(array(string({ min: 1, max: 200 }), { max: 500 })),
        grantMinutes: optional(integer({ min: 1, max: 24 * 60 })),
        password: optional(string({ max: 1024 })),
        signer: optional(string({ min: 1, max: 55 })),
      }),
    ),
  }),
  ui_showApprovals: none(),
  ui_sites: none(),
  ui_revokeSite: object({ origin: string({ min: 1, max: 2048 }) }),
};
