import type { VaultMessages } from '../../shared/ui-api';
import { backgroundStartedAt, browserName, walletVersion } from '../wallet-info';
import type { AreaHandlers } from './types';

export const vaultHandlers: AreaHandlers<VaultMessages> = {
  ui_state: async () => ({
    vault: 'empty',
    version: walletVersion(),
    browser: browserName(),
    backgroundStartedAt: backgroundStartedAt(),
    pendingCount: 0,
    autoLockMinutes: 15,
    resolverUrl: '',
  }),
};
