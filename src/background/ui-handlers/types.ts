import type { UiMessage, UiMessageMap, UiRequest, UiResponse } from '../../shared/ui-api';

export type UiHandler<M extends UiMessage> = (request: UiRequest<M>) => Promise<UiResponse<M>>;
export type UiHandlers = { [M in UiMessage]?: UiHandler<M> };
/** The handlers of one area, e.g. `AreaHandlers<VaultMessages>`. */
export type AreaHandlers<Area extends Partial<UiMessageMap>> = { [M in keyof Area & UiMessage]?: UiHandler<M> };
