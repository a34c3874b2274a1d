/**
 * Privileged messages from Sigil's own pages (popup, approval window) to the background: one typed
 * map, assembled from one file per area. A web page can never reach these.
 */
import { object, string, unknown, type Schema } from '../schema';
import { approvalSchemas, type ApprovalMessages } from './approvals';
import { identitySchemas, type IdentityMessages } from './identities';
import { registrationSchemas, type RegistrationMessages } from './registration';
import { vaultSchemas, type VaultMessages } from './vault';

export type * from './approvals';
export type * from './identities';
export type * from './registration';
export type * from './vault';

export interface UiMessageMap extends VaultMessages, IdentityMessages, ApprovalMessages, RegistrationMessages {}

export type UiMessage = keyof UiMessageMap;
export type UiRequest<M extends UiMessage> = UiMessageMap[M]['request'];
export type UiResponse<M extends UiMessage> = UiMessageMap[M]['response'];

export const uiRequestSchemas: { [M in UiMessage]: Schema<UiRequest<M>> } = {
  ...vaultSchemas,
  ...identitySchemas,
  ...approvalSchemas,
  ...registrationSchemas,
};

export function isUiMessage(value: unknown): value is UiMessage {
  return typeof value === 'string' && Object.hasOwn(uiRequestSchemas, value);
}

export interface UiPortRequest {
  id: string;
  type: string;
  payload?: unknown;
}

export const uiPortRequestSchema: Schema<UiPortRequest> = object({
  id: string({ min: 1, max: 100 }),
  type: string({ min: 1, max: 100 }),
  payload: unknown(),
});

/** Events the background pushes to open UI pages. */
export type UiEvent = 'stateChanged' | 'pendingChanged' | 'entitiesChanged';
