/**
 * IOTICS-format wallets for the background tests: the reference seed's DIDs as the IOTICS Python
 * library derived them (../shared/vectors/iotics.json), a page Port into the background, approvals.
 */
import { servePagePort } from '../../src/background/page-port';
import type { PageContext } from '../../src/background/sender';
import { staticResolver, type DocumentResolver } from '../../src/core';
import type { PendingView } from '../../src/shared/ui-api';
import { FakePort, PASSWORD, SITE, SITE_CTX, startBackground, until, VECTOR_SEED_HEX, type TestBackground, type TestPlatform } from './helpers';

/** iotics.json derivations of the seed 000102…1f (method bip39, no password). */
export const IOTICS_DIDS = {
  user: 'did:iotics:iotFK49UxBAb951emroHxLwjQtqki1FciMPQ',
  userPublicKey: 'QVV9ssPzi8o7QkD8VYRmCEYVwX1KwPidFrf5tV7R9HA7JpTmDur7kvMqdaGCzbKDbNkqDy7AJQuy3kqVkX2swuSo',
  agent: 'did:iotics:iotBp3QcdcjZqRZGHMqVH6aBaEeFjbMb3qMt',
  twin: 'did:iotics:iotL6e7BkPU6dQGdZnJRV9hvoK4s4XwA16U3',
  /** The same seed with the `none` method. */
  userNone: 'did:iotics:iotMSCUm8dMhcXJrzFukhVA1Aj9QqHD5Hb86',
} as const;

/** An unlocked wallet on the reference seed with an IOTICS User "Alice", her Agent (authentication delegation) and a Twin (control delegation). */
export async function ioticsWallet(platform?: TestPlatform) {
  const bg = await startBackground(platform);
  await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX, method: 'bip39' }, label: 'IOTICS' });
  return { bg, ...(await ioticsEntities(bg)) };
}

export async function ioticsEntities(bg: TestBackground) {
  const { user, agent } = await bg.ui('ui_createUserAndAgent', {
    user: { label: 'Alice', keyName: 'alice' },
    agent: { label: "Alice's agent", keyName: 'alice-agent' },
    format: 'iotics',
  });
  const twin = await bg.ui('ui_createTwin', { label: 'Thermostat', keyName: 'thermostat-1', agent: agent.did, format: 'iotics' });
  return { user, agent, twin };
}

/** A resolver over the wallet's own signed documents (what a verifier would fetch from the resolver). */
export async function walletResolver(bg: TestBackground, dids: readonly string[]): Promise<DocumentResolver> {
  const tokens: string[] = [];
  for (const did of dids) tokens.push((await bg.ui('ui_document', { did })).token);
  return staticResolver(tokens);
}

/** Opens a page Port into `bg` from SITE. */
export function openPagePort(bg: TestBackground, ctx: PageContext = SITE_CTX) {
  const port = new FakePort('sigil/page', { id: 'sigil', url: `${SITE}/` });
  servePagePort(port.asPort(), {
    route: (c, id, method, params) => bg.pageRouter.route(c, id, method, params),
    contextOf: () => ctx,
    rememberFrame: async () => undefined,
    onPageGone: (c, _portId, ids) => bg.approvals.onPageGone(c, ids),
    newPortId: () => 'port-1',
  });
  // Request ids are unique per page: the background answers a repeated id with the stored result.
  const prefix = crypto.randomUUID();
  let next = 0;
  return {
    port,
    /** Sends a request and waits for its answer. */
    async request(method: string, params?: unknown, id = `${prefix}-${++next}`) {
      port.send({ id, method, params });
      return port.replyTo(id);
    },
  };
}

/** Approves the next pending request (with `choices`); returns what the approval page was shown. */
export async function approveNext(bg: TestBackground, choices = {}) {
  let pending: PendingView | undefined;
  await until(async () => {
    pending = (await bg.ui('ui_pending', undefined)).requests[0];
    return pending !== undefined;
  });
  await bg.ui('ui_decide', { id: pending!.id, decision: 'approve', choices });
  return pending!.details;
}
