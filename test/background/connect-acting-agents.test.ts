/**
 * A site that gets a token must be able to read the document of every identity the token names:
 * the connect prompt offers a User's Agents along with it, the background accepts them even when the
 * site asked for Users only, and every later request is still checked against what was shared.
 */
import { describe, expect, it } from 'vitest';
import { servePagePort } from '../../src/background/page-port';
import { FakePort, SITE, SITE_CTX, until, walletWithUserAndAgent, type TestBackground } from './helpers';

function openPagePort(bg: TestBackground) {
  const port = new FakePort('sigil/page', { id: 'sigil', url: `${SITE}/` });
  servePagePort(port.asPort(), {
    route: (c, id, method, params) => bg.pageRouter.route(c, id, method, params),
    contextOf: () => SITE_CTX,
    rememberFrame: async () => undefined,
    onPageGone: (c, _portId, ids) => bg.approvals.onPageGone(c, ids),
    newPortId: () => 'port-1',
  });
  let next = 0;
  return {
    async request(method: string, params?: unknown) {
      const id = `page-${++next}`;
      port.send({ id, method, params });
      return port.replyTo(id);
    },
  };
}

async function nextPending(bg: TestBackground) {
  await until(async () => (await bg.ui('ui_pending', undefined)).requests.length > 0);
  return (await bg.ui('ui_pending', undefined)).requests[0]!;
}

describe('connect shares the Agents that sign for a User', () => {
  it('lists who delegates to whom in the entity summaries', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    const { entities } = await bg.ui('ui_entities', undefined);
    expect(entities.find((e) => e.did === user.did)!.delegatesTo).toEqual([{ did: agent.did, type: 'authentication' }]);
    expect(entities.find((e) => e.did === agent.did)!.delegatesTo).toEqual([]);
  });

  it('offers the Agent of a User, even to a site that asked for Users only, and the site can then read its document', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    const page = openPagePort(bg);
    const answer = page.request('sigil_connect', { kinds: ['user'] });
    const pending = await nextPending(bg);
    expect(pending.details).toMatchObject({
      method: 'sigil_connect',
      choices: [{ did: user.did }],
      actingAgents: [{ user: user.did, agents: [{ did: agent.did, kind: 'agent', label: "Alice's agent" }] }],
    });
    await bg.ui('ui_decide', { id: pending.id, decision: 'approve', choices: { entities: [user.did, agent.did] } });
    expect((await answer).result).toEqual({
      entities: [
        { did: user.did, kind: 'user', label: 'Alice' },
        { did: agent.did, kind: 'agent', label: "Alice's agent" },
      ],
    });
    const document = await page.request('sigil_document', { did: agent.did });
    expect(document.error).toBeUndefined();
    expect(document.result).toMatchObject({ document: { id: agent.did } });
  });

  it('refuses an Agent without the User it signs for, and keeps checking what was shared on every request', async () => {
    const { bg, user, agent } = await walletWithUserAndAgent();
    const page = openPagePort(bg);
    const answer = page.request('sigil_connect', { kinds: ['user'] });
    const pending = await nextPending(bg);
    await expect(bg.ui('ui_decide', { id: pending.id, decision: 'approve', choices: { entities: [agent.did] } })).rejects.toMatchObject({
      data: { field: 'entities' },
    });
    // The person unticks the Agent: the site sees the User only and cannot read the Agent's document.
    await bg.ui('ui_decide', { id: pending.id, decision: 'approve', choices: { entities: [user.did] } });
    expect((await answer).result).toEqual({ entities: [{ did: user.did, kind: 'user', label: 'Alice' }] });
    expect((await page.request('sigil_document', { did: agent.did })).error).toMatchObject({ code: 4100 });
  });
});
