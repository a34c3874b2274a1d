/**
 * Issue 12, items 2, 3 and 6, as a hostile page would try them (Chromium): typing meant for the page,
 * a click the moment the window opens, and the card under the pointer swapped for another.
 */
import type { Frame, Page } from '@playwright/test';
import { approvalWindow } from '../../support/approval-window-chromium';
import { expect, test } from '../../support/chromium';
import { connectedSite, type ConnectedSite } from '../../support/connected-site-chromium';
import { requestOutcome, startRequest } from '../../support/page-requests';
import { addFrameAt } from '../../support/security-pages';

const approveButton = (approval: Page) => approval.getByTestId('approve');
const shownRequestId = (approval: Page) => approval.getByTestId('approval-request').getAttribute('data-request-id');

/** Whether the request is still waiting for the person (the background's own list). */
async function stillWaiting(site: ConnectedSite, requestId: string): Promise<boolean> {
  const { requests } = await site.ui.call('ui_pending', undefined);
  return requests.some((request) => request.id === requestId);
}

/** A click at the approve button's place, as a pointer does it, whatever the button's state. */
async function clickAtApprove(approval: Page): Promise<void> {
  const box = (await approveButton(approval).boundingBox())!;
  await approval.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

test.describe('the approval window resists a hostile page (Chromium)', () => {
  test('typing meant for the page (hi<Tab>you<Space>) does not sign a proof', async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const pending = await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.twin.did });
    const approval = await approvalWindow(context);
    // Nothing that approves has the focus: the card's heading has it.
    await expect(approval.getByTestId('request-origin')).toBeFocused();
    await approval.keyboard.type('hi');
    await approval.keyboard.press('Tab');
    await expect(approveButton(approval)).not.toBeFocused();
    await approval.keyboard.type('you');
    await approval.keyboard.press('Space');
    // The first Tab reaches "Reject": the typing turned the request down, it did not sign anything.
    expect(await requestOutcome(site.page, pending)).toEqual({ ok: false, code: 4001, message: 'The person rejected the request.' });
  });

  test('a click before the approve button is armed does not approve; one after it does', async ({ context, openExtensionPage, dapp }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    const pending = await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.twin.did });
    const approval = await approvalWindow(context);
    const requestId = (await shownRequestId(approval))!;
    await expect(approveButton(approval)).toHaveAttribute('data-armed', 'false');
    await clickAtApprove(approval);
    await approval.keyboard.press('Enter');
    await expect(approveButton(approval)).toHaveAttribute('data-armed', 'true');
    expect(await stillWaiting(site, requestId)).toBe(true);
    await approveButton(approval).click();
    expect(await requestOutcome(site.page, pending)).toMatchObject({ ok: true, result: { proofType: 'did' } });
  });

  test('when the site withdraws the card on screen, the next card says so and re-arms before it can be approved', async ({
    context,
    openExtensionPage,
    dapp,
  }) => {
    const site = await connectedSite(context, openExtensionPage, dapp.origin);
    await addFrameAt(site.page, '/framed-request');
    const frame: Frame = site.page.frames().find((f) => f.url().endsWith('/framed-request'))!;
    await frame.waitForFunction(() => 'sigil' in window);

    // R1 from the iframe, shown and armed; then R2 and R3 from the page wait behind it.
    await startRequest(frame, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.user.did });
    const approval = await approvalWindow(context);
    const first = (await shownRequestId(approval))!;
    const second = await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.twin.did });
    const third = await startRequest(site.page, 'sigil_delegationProof', { agent: site.agent.did, delegator: site.twin.did, proofType: 'generic' });
    await expect(approval.getByTestId('queue-position')).toHaveText('Request 1 of 3');
    await expect(approveButton(approval)).toHaveAttribute('data-armed', 'true');
    await expect(approval.getByTestId('request-changed')).toHaveCount(0);

    // The page removes R1's iframe: R2 takes its place under the pointer.
    await site.page.evaluate(() => document.querySelector('iframe')!.remove());
    await expect(approval.getByTestId('approval-request')).not.toHaveAttribute('data-request-id', first);
    const replacement = (await shownRequestId(approval))!;
    await expect(approval.getByTestId('request-changed')).toBeVisible();
    await expect(approveButton(approval)).toHaveAttribute('data-armed', 'false');
    await clickAtApprove(approval);
    await expect(approveButton(approval)).toHaveAttribute('data-armed', 'true');
    expect(await stillWaiting(site, replacement)).toBe(true);

    // Seen and armed: the person's click approves exactly the card shown (R2); R3 still waits.
    await approveButton(approval).click();
    expect(await requestOutcome(site.page, second)).toMatchObject({ ok: true, result: { proofType: 'did' } });
    await expect(approval.getByTestId('approval-request')).toHaveAttribute('data-method', 'sigil_delegationProof');
    await expect(approval.getByText('Generic', { exact: true })).toBeVisible();
    // R3 came after the person's own decision: no "Request changed" notice for it.
    await expect(approval.getByTestId('request-changed')).toHaveCount(0);
    await approval.getByRole('button', { name: 'Reject' }).click();
    expect(await requestOutcome(site.page, third)).toMatchObject({ ok: false, code: 4001 });
  });
});
