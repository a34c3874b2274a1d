/**
 * A whole background built by the composition root on in-memory stand-ins: fake-indexeddb, an
 * in-memory storage.session, and recording fakes for alarms, windows, the badge and tab messages.
 * Real crypto throughout; Argon2id with cheap parameters.
 */
import type { Runtime } from 'webextension-polyfill';
import { withCachedReads } from '../../src/background/cached-reads';
import { createBackground, type Background, type BackgroundPlatform } from '../../src/background/create-background';
import { WalletEvents, type WalletEvent } from '../../src/background/events';
import type { PageFrame } from '../../src/background/permissions/frame-admission';
import type { PageContext } from '../../src/background/sender';
import type { SigilDatabase } from '../../src/background/storage';
import type { UiMessage, UiRequest, UiResponse } from '../../src/shared/ui-api';
import { FAST_KDF, MemorySessionStore, openTestDb } from '../vault/helpers';

export { FAST_KDF, MemorySessionStore, openTestDb };

export const PASSWORD = 'correct horse battery staple';
/** The reference seed of ../shared/vectors. */
export const VECTOR_SEED_HEX = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
export const OTHER_SEED_HEX = 'f0e0d0c0b0a090807060504030201000ffeeddccbbaa99887766554433221100';
export const SITE = 'https://app.example';
export const SITE_CTX: PageContext = { origin: SITE, tabId: 7, frameId: 0 };

export class FakeAlarms {
  readonly alarms = new Map<string, number>();
  create(name: string, info: { when: number }): void {
    this.alarms.set(name, info.when);
  }
  async clear(name: string): Promise<boolean> {
    return this.alarms.delete(name);
  }
}

export class FakeWindows {
  readonly open = new Set<number>();
  created = 0;
  private nextId = 100;
  async get(windowId: number): Promise<unknown> {
    if (!this.open.has(windowId)) throw new Error('No window with id');
    return { id: windowId };
  }
  async create(): Promise<{ id?: number }> {
    const id = this.nextId++;
    this.open.add(id);
    this.created += 1;
    return { id };
  }
  async update(): Promise<unknown> {
    return {};
  }
  async remove(windowId: number): Promise<void> {
    this.open.delete(windowId);
  }
}

export class FakeBadge {
  text = '';
  async setBadgeBackgroundColor(): Promise<void> {}
  async setBadgeText(details: { text: string }): Promise<void> {
    this.text = details.text;
  }
}

export class FakeFrames {
  readonly frames: PageFrame[] = [];
  readonly sent: { tabId: number; frameId: number; message: unknown }[] = [];
  async framesOf(origins: ReadonlySet<string>): Promise<PageFrame[]> {
    return this.frames.filter((frame) => origins.has(frame.origin));
  }
  async forgetFrame(frame: PageFrame): Promise<void> {
    const index = this.frames.findIndex((known) => known.tabId === frame.tabId && known.frameId === frame.frameId);
    if (index >= 0) this.frames.splice(index, 1);
  }
  readonly send = async (tabId: number, message: unknown, options: { frameId: number }): Promise<unknown> => {
    this.sent.push({ tabId, frameId: options.frameId, message });
    return true;
  };
}

/** What a background runs on; a second background built on the same platform is a restarted worker. */
export interface TestPlatform {
  db: SigilDatabase;
  sessionStore: MemorySessionStore;
  alarms: FakeAlarms;
  windows: FakeWindows;
  badge: FakeBadge;
  frames: FakeFrames;
  clock: { now: number };
  /** What the resolver answers to POST /1.0/register; every body posted is kept. */
  resolver: { status: number; posted: { url: string; body: string }[] };
  /** When set, the background uses this instead of the recording fake (e.g. the real fetch, for a real resolver). */
  fetch?: BackgroundPlatform['fetch'];
  /** Origin patterns the browser granted host access to. */
  hostAccess: Set<string>;
}

export async function newPlatform(): Promise<TestPlatform> {
  return {
    // The background's own view of the database (see cached-reads.ts), so a test's direct writes are seen as a worker's.
    db: withCachedReads(await openTestDb()),
    sessionStore: new MemorySessionStore(),
    alarms: new FakeAlarms(),
    windows: new FakeWindows(),
    badge: new FakeBadge(),
    frames: new FakeFrames(),
    clock: { now: Date.UTC(2026, 0, 1) },
    resolver: { status: 503, posted: [] },
    hostAccess: new Set(),
  };
}

export interface TestBackground extends Background {
  platform: TestPlatform;
  events: WalletEvents;
  /** Every wallet event emitted so far. */
  emitted: WalletEvent[];
  /** Sends a UI message as the popup does (a fresh request id unless one is given). */
  ui<M extends UiMessage>(type: M, payload: UiRequest<M>, requestId?: string): Promise<UiResponse<M>>;
}

let ids = 0;
export const newRequestId = (): string => `request-${++ids}`;

/** Builds a background (a worker's lifetime) on `platform`. */
export async function startBackground(platform?: TestPlatform): Promise<TestBackground> {
  const p = platform ?? (await newPlatform());
  const events = new WalletEvents();
  const emitted: WalletEvent[] = [];
  events.on((event) => emitted.push(event));
  const config: BackgroundPlatform = {
    db: p.db,
    sessionStore: p.sessionStore,
    alarms: p.alarms,
    windows: p.windows,
    badge: p.badge,
    sendToFrame: p.frames.send,
    frames: p.frames,
    fetch:
      p.fetch ??
      (async (url, init) => {
        p.resolver.posted.push({ url: url.href, body: String(init.body) });
        return new Response(null, { status: p.resolver.status });
      }),
    hostAccess: { contains: async (pattern) => p.hostAccess.has(pattern) },
    events,
    now: () => p.clock.now,
    monotonicNow: () => p.clock.now,
    newId: () => crypto.randomUUID(),
    approvalUrl: 'chrome-extension://sigil/approve.html',
    about: { version: '1.0.0', browser: 'chrome', startedAt: p.clock.now },
    kdf: FAST_KDF,
  };
  const background = await createBackground(config);
  return {
    ...background,
    platform: p,
    events,
    emitted,
    ui: (type, payload, requestId) =>
      background.uiRouter.route(type, payload, requestId ?? newRequestId()) as Promise<UiResponse<typeof type>>,
  };
}

/** A set-up, unlocked wallet on the vector seed, with a User "Alice" delegating to an Agent. */
export async function walletWithUserAndAgent(platform?: TestPlatform) {
  const bg = await startBackground(platform);
  await bg.ui('ui_createWallet', { password: PASSWORD, seed: { source: 'hex', hex: VECTOR_SEED_HEX }, label: 'Vectors' });
  const { user, agent } = await bg.ui('ui_createUserAndAgent', {
    user: { label: 'Alice', keyName: 'alice' },
    agent: { label: "Alice's agent", keyName: 'alice-agent' },
  });
  return { bg, user, agent };
}

/** Connects SITE sharing `dids`, as if the person had approved it. */
export async function connectSite(bg: Background, dids: string[]): Promise<void> {
  await bg.permissions.connect(SITE, dids);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(work: Promise<unknown>): Promise<{ code?: number | string; message: string }> {
  try {
    await work;
  } catch (error) {
    return error as { code?: number | string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** Lets pending promise callbacks (and fake-indexeddb's timers) run. */
export const settle = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await settle(5);
  }
}

/** A runtime Port as the browser hands it to the background: messages in, replies recorded. */
export class FakePort {
  readonly posted: unknown[] = [];
  disconnected = false;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly sender: Runtime.MessageSender,
  ) {}

  readonly onMessage = { addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener) };
  readonly onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };

  postMessage(message: unknown): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(message);
  }

  disconnect(): void {
    this.disconnected = true;
  }

  /** The page or UI side sends a message. */
  send(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }

  /** The other side went away. */
  close(): void {
    this.disconnected = true;
    for (const listener of this.disconnectListeners) listener();
  }

  /** The reply to request `id`, once it arrives. */
  async replyTo(id: string): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
    let reply: unknown;
    await until(() => (reply = this.posted.find((m) => (m as { id?: string }).id === id)) !== undefined);
    return reply as { result?: unknown; error?: { code: number; message: string } };
  }

  asPort(): Runtime.Port {
    return this as unknown as Runtime.Port;
  }
}
