import { awaitApproval, REJECTED_CONNECTION, userRejected } from '../approvals';
import {
  connectedEntities,
  connectSite,
  disconnectSite,
  entitiesToOffer,
  isConnected,
  isRejectedSite,
  notifySiteEntities,
} from '../permissions';
import { walletVersion } from '../wallet-info';
import type { PageHandlers } from './types';

/** Methods about the site's connection itself (DESIGN.md §3): ping, connect, entities, disconnect. */
export const connectionHandlers: PageHandlers = {
  sigil_ping: async ({ ctx }) => ({ origin: ctx.origin, version: walletVersion() }),

  /**
   * Asks the person once per origin which entities to share (offering only the kinds asked for).
   * A connected origin gets what it was given without a prompt; a rejected one gets 4001 without a
   * prompt until the person forgets it in Sigil's sites list.
   */
  sigil_connect: async ({ ctx, requestId, params }) => {
    if (await isConnected(ctx.origin)) return { entities: await connectedEntities(ctx.origin) };
    if (await isRejectedSite(ctx.origin)) throw userRejected(REJECTED_CONNECTION);
    const kinds = params.kinds ?? null;
    const choices = await awaitApproval({
      ctx,
      requestId,
      details: { method: 'sigil_connect', kinds, choices: await entitiesToOffer(kinds) },
    });
    await connectSite(ctx.origin, choices.entities ?? []);
    // Other tabs of the site learn it too.
    notifySiteEntities(ctx.origin).catch(() => undefined);
    return { entities: await connectedEntities(ctx.origin) };
  },

  sigil_entities: async ({ ctx }) => ({ entities: await connectedEntities(ctx.origin) }),

  sigil_disconnect: async ({ ctx }) => {
    await disconnectSite(ctx.origin);
    return true;
  },
};
