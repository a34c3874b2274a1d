/**
 * A token under a standing grant is answered from what the background keeps in memory (its cached
 * reads and the session), yet every change the person makes is seen by the very next request.
 */
import { describe, expect, it } from 'vitest';
import { connectSite, PASSWORD, SITE_CTX, until, walletWithUserAndAgent, type TestBackground } from './helpers';

let ids = 0;
const token = (bg: TestBackground, user: string) =>
  bg.pageRouter.route(SITE_CTX, `memory-${++ids}`, 'sigil_authToken', { user }) as Promise<{ token: string }>;

async function grantedWallet() {
  const wallet = await walletWithUserAndAgent();
  const { bg, user } = wallet;
  await connectSite(bg, [user.did]);
  const first = token(bg, user.did);
  let id = '';
  await until(async () => {
    id = (await bg.ui('ui_pending', undefined)).requests[0]?.id ?? '';
    return id !== '';
  });
  await bg.ui('ui_decide', { id, decision: 'approve', choices: { grantMinutes: 5 } });
  await first;
  // Warm: these come from memory.
  for (let i = 0; i < 3; i++) expect((await token(bg, user.did)).token.split('.')).toHaveLength(3);
  return wallet;
}

const pendingCount = async (bg: TestBackground) => (await bg.ui('ui_pending', undefined)).requests.length;

describe('tokens under a standing grant, answered from memory', () => {
  it('stop the moment the person disconnects the site', async () => {
    const { bg, user } = await grantedWallet();
    await bg.ui('ui_revokeSite', { origin: SITE_CTX.origin });
    await expect(token(bg, user.did)).rejects.toMatchObject({ code: 4100 });
  });

  it('stop being issued without asking when the site stops sharing the user', async () => {
    const { bg, user, agent } = await grantedWallet();
    await bg.permissions.connect(SITE_CTX.origin, [agent.did]);
    await expect(token(bg, user.did)).rejects.toMatchObject({ code: 4100 });
  });

  it('wait for an unlock once the wallet is locked, and the grant still holds after it', async () => {
    const { bg, user } = await grantedWallet();
    await bg.ui('ui_lock', undefined);
    const waiting = token(bg, user.did);
    let settled = false;
    void waiting.then(() => (settled = true), () => (settled = true));
    await until(async () => (await bg.wallet.isUnlocked()) === false);
    await new Promise((done) => setTimeout(done, 50));
    expect(settled).toBe(false);
    await bg.ui('ui_unlock', { password: PASSWORD });
    expect((await waiting).token.split('.')).toHaveLength(3);
    expect(await pendingCount(bg)).toBe(0);
  });
});
