import { ErrorCode, SigilError } from '../shared/errors';
import { isUiMessage, uiRequestSchemas, type UiMessage, type UiRequest, type UiResponse } from '../shared/ui-api';
import { backgroundStartedAt, browserName, walletVersion } from './wallet-info';

type UiHandler<M extends UiMessage> = (request: UiRequest<M>) => Promise<UiResponse<M>>;
type UiHandlers = { [M in UiMessage]: UiHandler<M> };

const handlers: UiHandlers = {
  ui_status: async () => ({ version: walletVersion(), browser: browserName(), backgroundStartedAt: backgroundStartedAt() }),
};

export async function routeUiRequest(type: string, payload: unknown): Promise<unknown> {
  if (!isUiMessage(type)) throw new SigilError(ErrorCode.unsupportedMethod, 'Unknown request.');
  return dispatch(type, payload);
}

async function dispatch<M extends UiMessage>(type: M, payload: unknown): Promise<UiResponse<M>> {
  const parsed = uiRequestSchemas[type].parse(payload, 'payload');
  return (handlers[type] as UiHandler<M>)(parsed);
}
