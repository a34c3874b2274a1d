/**
 * Page requests waiting for the person (DESIGN §1, §3): queued in IndexedDB, shown in the one
 * approval window with the count on the badge, decided there (ui_decide), and delivered to the
 * waiting request; or, while the wallet is locked, waiting for the unlock. Page handlers call
 * awaitUnlocked and awaitApproval only after every check of the request passed.
 */
import { ErrorCode, SigilError } from '../../shared/errors';
import type { ApprovalChoices, ApprovalDetails, PendingView } from '../../shared/ui-api/approvals';
import type { WalletEvents } from '../events';
import type { PageContext } from '../sender';
import type { PendingOutcome, PendingRequestRecord } from '../storage';
import { SerialQueue } from '../vault/serial-queue';
import type { ApprovalWindow } from './approval-window';
import { acceptChoices, type VerifyPassword } from './choices';
import { SiteCooldowns } from './cooldown';
import {
  BLOCKED_SITE,
  CANCELLED_REQUEST,
  coolingDown,
  noLongerWaiting,
  PAGE_GONE,
  REJECTED_CONNECTION,
  REJECTED_REQUEST,
  SITE_DISCONNECTED,
  UNLOCK_WINDOW_CLOSED,
  WINDOW_CLOSED,
} from './errors';
import { capError, type ApprovalQueue } from './queue';
import { DecisionWaiters, UnlockWaiters, waiterKey } from './waiters';

export interface ApprovalRequest {
  ctx: PageContext;
  /** The content script's request id: the same request re-sent after a worker restart finds its row. */
  requestId: string;
  details: ApprovalDetails;
}

/** reject / cancel: this request only; block: the site is refused until the person allows it again. */
export type Decision = 'approve' | 'reject' | 'cancel' | 'block';

/** What approvals need to know of the wallet. */
export interface WalletLockState {
  isUnlocked(): Promise<boolean>;
  hasWallet(): Promise<boolean>;
  verifyPassword: VerifyPassword;
}

export interface ApprovalsControllerDeps {
  queue: ApprovalQueue;
  window: ApprovalWindow;
  wallet: WalletLockState;
  /** Remembers a site whose connection the person rejected. */
  rejectSite: (origin: string) => Promise<void>;
  /** Disconnects a site and refuses it until the person allows it again ("Block this site"). */
  blockSite: (origin: string) => Promise<void>;
  events: WalletEvents;
  /** Monotonic time in ms, for the cooldowns. */
  monotonicNow: () => number;
}

export class ApprovalsController {
  private readonly decisions = new DecisionWaiters();
  private readonly unlockWaiters = new UnlockWaiters();
  /** Sync steps run one at a time, each reading the queue afresh. */
  private readonly steps = new SerialQueue();
  private readonly cooldowns: SiteCooldowns;

  constructor(private readonly deps: ApprovalsControllerDeps) {
    this.cooldowns = new SiteCooldowns(deps.monotonicNow);
  }

  /** Follows the wallet: an unlock releases the requests waiting for it; a disconnected site's requests are cancelled. */
  listenTo(events: WalletEvents): void {
    events.on((event) => {
      if (event.type === 'unlock') this.onUnlocked().catch(() => undefined);
      else if (event.type === 'siteDisconnected') this.onSiteDisconnected(event.origin).catch(() => undefined);
    });
  }

  /**
   * Queues the request in IndexedDB (or finds it, when re-sent), shows it in the approval window and
   * resolves with the person's choices on approve; rejects with 4001 on reject, cancel or when the
   * window is closed. In the site's cooldown it fails at once (4001); past a cap (per origin or
   * overall), or with a second connect, it fails at once (4100). An open window is not brought to
   * the front for it: only a window that had to be opened takes the focus.
   */
  async awaitApproval(request: ApprovalRequest): Promise<ApprovalChoices> {
    const waiter = this.decisions.add(waiterKey(request.ctx.origin, request.requestId));
    try {
      const others = { total: this.unlockWaiters.size, ofOrigin: this.unlockWaiters.countOf(request.ctx.origin) };
      const row = await this.deps.queue.findOrQueue(request.ctx, request.requestId, request.details, others, () =>
        this.assertNotCoolingDown(request.ctx.origin),
      );
      if (row.outcome) await this.deliver(row);
      // The request is queued: a window that failed to open is no reason to fail it (the popup opens it too).
      else await this.sync().catch(() => undefined);
    } catch (error) {
      waiter.fail(error);
    }
    return waiter.promise;
  }

  /** Resolves once the wallet is unlocked, opening the approval window's unlock form when it is locked. */
  async awaitUnlocked(ctx: PageContext): Promise<void> {
    const { wallet } = this.deps;
    if (await wallet.isUnlocked()) return;
    if (!(await wallet.hasWallet())) throw new SigilError(ErrorCode.unauthorized, 'Sigil is not set up yet.');
    this.assertNotCoolingDown(ctx.origin);
    // The caps hold while locked too: requests waiting for the unlock count with the queued ones.
    const queued = await this.deps.queue.waitingRows();
    const overCap = capError({
      total: queued.length + this.unlockWaiters.size,
      ofOrigin: queued.filter((row) => row.origin === ctx.origin).length + this.unlockWaiters.countOf(ctx.origin),
    });
    if (overCap) throw overCap;
    const unlocked = this.unlockWaiters.add(ctx);
    await this.sync().catch(() => undefined);
    // The person may have unlocked between the first check and the waiter being added.
    if (await wallet.isUnlocked()) await this.onUnlocked();
    return unlocked;
  }

  /**
   * The person's decision (ui_decide): recorded (so a request whose worker was stopped gets it when
   * re-sent), handed to the waiting request, and a rejected connection remembered. Returns how many
   * requests still wait.
   */
  async decide(id: string, decision: Decision, choices: ApprovalChoices = {}): Promise<number> {
    const row = await this.deps.queue.waitingRow(id);
    if (!row) throw noLongerWaiting();
    const outcome = await this.outcomeFor(row, decision, choices);
    const decided = await this.deps.queue.recordOutcome(id, outcome);
    if (!decided) throw noLongerWaiting();
    if (decision !== 'approve') this.cooldowns.start(row.origin);
    if (decision === 'reject' && row.details.method === 'sigil_connect') await this.deps.rejectSite(row.origin);
    await this.deliver(decided);
    // After the answer: blocking disconnects the site, which cancels its other waiting requests.
    if (decision === 'block') await this.deps.blockSite(row.origin);
    await this.sync();
    return this.pendingCount();
  }

  async pendingCount(): Promise<number> {
    return (await this.deps.queue.waitingRows()).length + this.unlockWaiters.size;
  }

  /** What the approval window lists: requests oldest first, and origins waiting only for the unlock. */
  async pendingViews(): Promise<{ requests: PendingView[]; waitingForUnlock: string[] }> {
    const rows = await this.deps.queue.waitingRows();
    return {
      requests: rows.map((row) => ({
        id: row.id,
        origin: row.origin,
        createdAt: row.createdAt,
        details: row.details,
        ...(row.embeddedIn === undefined ? {} : { embeddedIn: row.embeddedIn }),
      })),
      waitingForUnlock: this.unlockWaiters.origins(),
    };
  }

  /** The person asked to see the waiting requests: the window comes to the front if any wait. */
  async showApprovals(): Promise<number> {
    await this.sync({ focus: true });
    return this.pendingCount();
  }

  async onUnlocked(): Promise<void> {
    this.unlockWaiters.resolveAll();
    await this.sync();
  }

  /** Closing the approval window cancels everything waiting (4001) and starts the cooldown of every site that waited. */
  async onWindowRemoved(windowId: number): Promise<void> {
    if (!(await this.steps.run(() => this.deps.window.claimClosed(windowId)))) return;
    await this.turnDownAllWaiting();
  }

  private async turnDownAllWaiting(): Promise<void> {
    const rows = await this.deps.queue.waitingRows();
    for (const origin of new Set([...rows.map((row) => row.origin), ...this.unlockWaiters.origins()])) this.cooldowns.start(origin);
    this.unlockWaiters.reject(UNLOCK_WINDOW_CLOSED);
    await this.cancelWhere(() => true, WINDOW_CLOSED);
  }

  /** A disconnected (or blocked) site's waiting requests can no longer be approved, nor wait for the unlock. */
  onSiteDisconnected(origin: string): Promise<void> {
    this.unlockWaiters.reject(SITE_DISCONNECTED, (waiting) => waiting.origin === origin);
    return this.cancelWhere((row) => row.origin === origin, SITE_DISCONNECTED);
  }

  /**
   * A page's Port closed (navigation, tab closed, iframe removed): its requests leave the queue. A
   * site that withdrew a request the person was shown gets the cooldown, so a frame that asks and
   * disappears cannot open and close the window over and over.
   */
  async onPageGone(ctx: PageContext, requestIds: ReadonlySet<string>): Promise<void> {
    this.unlockWaiters.reject(PAGE_GONE, (waiting) => waiting.tabId === ctx.tabId && waiting.frameId === ctx.frameId);
    const gone: PendingOutcome = { decision: 'cancel', message: PAGE_GONE };
    for (const requestId of requestIds) this.decisions.settle(waiterKey(ctx.origin, requestId), gone);
    const { removed, undecided } = await this.deps.queue.removeRowsOf(ctx.origin, requestIds);
    if (undecided > 0) this.cooldowns.start(ctx.origin);
    if (removed > 0) await this.sync();
  }

  private async outcomeFor(row: PendingRequestRecord, decision: Decision, choices: ApprovalChoices): Promise<PendingOutcome> {
    if (decision === 'cancel') return { decision, message: CANCELLED_REQUEST };
    if (decision === 'reject')
      return { decision, message: row.details.method === 'sigil_connect' ? REJECTED_CONNECTION : REJECTED_REQUEST };
    if (decision === 'block') return { decision: 'reject', message: BLOCKED_SITE };
    if (!(await this.deps.wallet.isUnlocked())) throw new SigilError(ErrorCode.unauthorized, 'Unlock Sigil before approving a request.');
    return { decision, choices: await acceptChoices(row.details, choices, this.deps.wallet.verifyPassword) };
  }

  /** Hands a recorded outcome to this instance's waiters of the row; removes the row once someone got it. */
  private async deliver(row: PendingRequestRecord): Promise<void> {
    if (row.outcome && this.decisions.settle(waiterKey(row.origin, row.requestId), row.outcome)) await this.deps.queue.remove(row.id);
  }

  /** Cancels the waiting rows `select` picks; a request no waiter of this instance answers gets it when re-sent. */
  private async cancelWhere(select: (row: PendingRequestRecord) => boolean, message: string): Promise<void> {
    const outcome: PendingOutcome = { decision: 'cancel', message };
    for (const row of await this.deps.queue.recordOutcomeWhere(select, outcome)) {
      if (this.decisions.settle(waiterKey(row.origin, row.requestId), outcome)) await this.deps.queue.remove(row.id);
    }
    await this.sync();
  }

  /** 4001 at once while `origin` is in its cooldown. */
  private assertNotCoolingDown(origin: string): void {
    const left = this.cooldowns.remainingMs(origin);
    if (left > 0) throw coolingDown(Math.ceil(left / 1000));
  }

  /**
   * Keeps what the person sees in step with the queue: the badge, the open Sigil pages, and the
   * window (open while anything waits, closed when nothing does). `focus`: the person asked to see
   * it; a new request never brings an open window to the front (typing meant for a page must not
   * land in it), and a window that had to be opened takes the focus as any new window does.
   */
  private async sync(options: { focus?: boolean } = {}): Promise<void> {
    const closedByPerson = await this.steps.run(async () => {
      const count = await this.pendingCount();
      await this.deps.window.showCount(count);
      const state = count > 0 ? await this.deps.window.ensureOpen(options.focus === true) : await this.deps.window.close();
      this.deps.events.emit({ type: 'pendingChanged' });
      return state === 'closedByPerson';
    });
    if (closedByPerson) await this.turnDownAllWaiting();
  }
}
