import { walletVersion } from '../wallet-info';
import type { PageHandlers } from './types';

/** Methods about the site's connection itself (DESIGN.md §3): ping, connect, entities, disconnect. */
export const connectionHandlers: PageHandlers = {
  sigil_ping: async ({ ctx }) => ({ origin: ctx.origin, version: walletVersion() }),
};
