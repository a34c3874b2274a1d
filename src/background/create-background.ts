/**
 * The composition root: builds every controller once, with what it needs. Browser-free: index.ts
 * passes the browser's APIs, unit tests pass in-memory ones.
 */
import type { WalletState } from '../shared/ui-api';
import { ApprovalQueue, ApprovalsController, ApprovalWindow } from './approvals';
import { withCachedReads } from './cached-reads';
import type { WalletEvents } from './events';
import { EntityStore, IdentitiesController, Keyring, Registrar, type IdentityContext } from './identities';
import { createPageHandlers } from './page-handlers';
import { PageRouter } from './page-router';
import { PermissionsController, RateLimiter, SiteEvents, type FrameDirectory } from './permissions';
import type { AlarmApi, BadgeApi, Fetch, HostAccess, SendToFrame, WindowApi } from './platform';
import { getSetting, type SigilDatabase } from './storage';
import { createUiHandlers } from './ui-handlers';
import { UiRouter } from './ui-router';
import { AutoLockPolicy, SeedDrafts, Vault, VaultSession, type KdfParams, type SessionStore } from './vault';
import { WalletController } from './wallet/wallet-controller';

export interface BackgroundPlatform {
  db: SigilDatabase;
  /** storage.session: the vault key while unlocked, the seed draft, the approval window's id. */
  sessionStore: SessionStore;
  alarms: AlarmApi;
  windows: WindowApi;
  badge: BadgeApi;
  sendToFrame: SendToFrame;
  frames: FrameDirectory;
  fetch: Fetch;
  /** Whether Sigil may reach an origin without CORS (the resolver's). */
  hostAccess: HostAccess;
  events: WalletEvents;
  /** Wall-clock time (ms since epoch). */
  now: () => number;
  /** Monotonic time in ms, for the rate limit. */
  monotonicNow: () => number;
  newId: () => string;
  /** The approval page's URL. */
  approvalUrl: string;
  about: { version: string; browser: WalletState['browser']; startedAt: number };
  /** Argon2id cost; the vault's default when left out (tests pass a cheap one). */
  kdf?: KdfParams;
}

export interface Background {
  wallet: WalletController;
  identities: IdentitiesController;
  permissions: PermissionsController;
  approvals: ApprovalsController;
  siteEvents: SiteEvents;
  registrar: Registrar;
  pageRouter: PageRouter;
  uiRouter: UiRouter;
}

export async function createBackground(platform: BackgroundPlatform): Promise<Background> {
  const { events, now } = platform;
  // The one writer of the database: its hot reads are served from memory (cached-reads.ts).
  const db = withCachedReads(platform.db);
  const vault = new Vault(db, { now, ...(platform.kdf ? { kdf: platform.kdf } : {}) });
  const keyring = new Keyring(vault);
  let wallet: WalletController | null = null;
  const session = new VaultSession(platform.sessionStore, {
    autoLock: new AutoLockPolicy(await getSetting(db, 'autoLock')),
    now,
    // Found expired by a read before the alarm fired: the same consequences as an alarm lock.
    onExpired: () => wallet?.onSessionExpired(),
  });
  wallet = new WalletController({
    db,
    vault,
    session,
    drafts: new SeedDrafts(platform.sessionStore),
    alarms: platform.alarms,
    events,
    keys: keyring,
  });
  const entities = new EntityStore(db);
  const registrar = new Registrar({
    db,
    entities,
    keyring,
    currentVaultKey: () => wallet.currentVaultKey(),
    events,
    fetch: platform.fetch,
    alarms: platform.alarms,
    hostAccess: platform.hostAccess,
    now,
  });
  const context: IdentityContext = { db, wallet, keyring, entities, registrar, events, fetch: platform.fetch, now };
  const identities = new IdentitiesController(context);
  const permissions = new PermissionsController(db, events, now);
  const approvals = new ApprovalsController({
    queue: new ApprovalQueue(db, now, platform.newId),
    window: new ApprovalWindow({ windows: platform.windows, badge: platform.badge, store: platform.sessionStore, url: platform.approvalUrl }),
    wallet: {
      isUnlocked: () => wallet.isUnlocked(),
      hasWallet: () => wallet.hasWallet(),
      verifyPassword: (password) => wallet.verifyPassword(password),
    },
    rejectSite: (origin) => permissions.reject(origin),
    blockSite: (origin) => permissions.block(origin),
    events,
    monotonicNow: platform.monotonicNow,
  });
  const siteEvents = new SiteEvents({ db, permissions, frames: platform.frames, send: platform.sendToFrame, startedAt: now() });

  approvals.listenTo(events);
  siteEvents.listenTo(events);
  events.on((event) => {
    // Entities created while no resolver was reachable get registered at the next chance.
    if (event.type === 'unlock') identities.registerPending();
  });

  await registrar.resume();

  const pageHandlers = createPageHandlers({ db, identities, permissions, approvals, siteEvents, walletVersion: platform.about.version, now });
  const uiHandlers = createUiHandlers({ db, wallet, identities, registrar, approvals, permissions, about: platform.about, now });
  return {
    wallet,
    identities,
    permissions,
    approvals,
    siteEvents,
    registrar,
    pageRouter: new PageRouter(pageHandlers, new RateLimiter(platform.monotonicNow)),
    uiRouter: new UiRouter(uiHandlers, () => wallet.recordActivity()),
  };
}
