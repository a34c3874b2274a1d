import { REJECTED_CONNECTION, userRejected } from '../approvals';
import { actingAgentsOf } from '../identities/delegation-links';
import { listEntities } from '../storage';
import type { PageHandlerDeps, PageHandlers } from './types';

type ConnectionMethods = 'sigil_ping' | 'sigil_connect' | 'sigil_entities' | 'sigil_disconnect';

/** Methods about the site's connection itself (DESIGN.md §3): ping, connect, entities, disconnect. */
export const connectionHandlers = ({ db, permissions, approvals, siteEvents, walletVersion }: PageHandlerDeps): Pick<PageHandlers, ConnectionMethods> => ({
  sigil_ping: async ({ ctx }) => ({ origin: ctx.origin, version: walletVersion }),

  /**
   * Asks the person once per origin which entities to share (offering only the kinds asked for).
   * A connected origin gets what it was given without a prompt; a rejected one gets 4001 without a
   * prompt until the person forgets it in Sigil's sites list.
   */
  sigil_connect: async ({ ctx, requestId, params }) => {
    if (await permissions.isConnected(ctx.origin)) return { entities: await permissions.connectedEntities(ctx.origin) };
    if (await permissions.isRejected(ctx.origin)) throw userRejected(REJECTED_CONNECTION);
    const kinds = params.kinds ?? null;
    const offered = await permissions.entitiesToOffer(kinds);
    const choices = await approvals.awaitApproval({
      ctx,
      requestId,
      // The Agents that sign for a User go along with it: a site must read the document a token's `iss` names.
      details: { method: 'sigil_connect', kinds, choices: offered, actingAgents: actingAgentsOf(await listEntities(db), offered) },
    });
    await permissions.connect(ctx.origin, choices.entities ?? []);
    // Other tabs of the site learn it too.
    siteEvents.notifyEntities(ctx.origin).catch(() => undefined);
    return { entities: await permissions.connectedEntities(ctx.origin) };
  },

  sigil_entities: async ({ ctx }) => ({ entities: await permissions.connectedEntities(ctx.origin) }),

  sigil_disconnect: async ({ ctx }) => {
    await permissions.disconnect(ctx.origin);
    return true;
  },
});
