import type { IdentityMessages } from '../../shared/ui-api';
import type { AreaHandlers } from './types';

export const identityHandlers: AreaHandlers<IdentityMessages> = {};
