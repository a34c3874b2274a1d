import { ErrorCode, SigilError } from '../shared/errors';
import { isUiMessage, uiRequestSchemas, type UiMessage, type UiRequest, type UiResponse } from '../shared/ui-api';
import { recordActivity } from './services';
import { approvalHandlers } from './ui-handlers/approvals';
import { identityHandlers } from './ui-handlers/identities';
import { vaultHandlers } from './ui-handlers/vault';
import type { UiHandler, UiHandlers } from './ui-handlers/types';

const handlers: UiHandlers = { ...vaultHandlers, ...identityHandlers, ...approvalHandlers };

export async function routeUiRequest(type: string, payload: unknown): Promise<unknown> {
  if (!isUiMessage(type)) throw new SigilError(ErrorCode.unsupportedMethod, 'Unknown request.');
  return dispatch(type, payload);
}

async function dispatch<M extends UiMessage>(type: M, payload: unknown): Promise<UiResponse<M>> {
  const handler = handlers[type] as UiHandler<M> | undefined;
  if (!handler) throw new SigilError(ErrorCode.unsupportedMethod, 'This part of Sigil is not available yet.');
  const parsed: UiRequest<M> = uiRequestSchemas[type].parse(payload, 'payload');
  // What the person does in Sigil's pages keeps the wallet unlocked; the popup polling its state does not.
  if (type !== 'ui_state') await recordActivity();
  return handler(parsed);
}
