/**
 * Results of page requests that changed the wallet (a new identity, a replaced key), kept for a
 * while in `storage.session`. If the worker stops after the write but before the reply reaches the
 * page, the content script re-sends the request with the same id; it then gets the same result
 * instead of a second approval and a second identity.
 */
import browser from 'webextension-polyfill';
import { SerialQueue } from '../vault/serial-queue';
import type { PageContext } from '../sender';

const STORAGE_KEY = 'sigil.completedPageRequests';
const KEEP_MS = 10 * 60 * 1000;

type Completed = Record<string, { at: number; result: unknown }>;

const queue = new SerialQueue();
const keyOf = (ctx: PageContext, requestId: string) => `${ctx.origin} ${ctx.tabId} ${ctx.frameId} ${requestId}`;

async function read(): Promise<Completed> {
  const stored = (await browser.storage.session.get(STORAGE_KEY))[STORAGE_KEY];
  return typeof stored === 'object' && stored !== null ? (stored as Completed) : {};
}

/** Runs `work` unless this request already completed, in which case its result is returned again. */
export async function runOnce<T>(ctx: PageContext, requestId: string, work: () => Promise<T>): Promise<T> {
  const key = keyOf(ctx, requestId);
  const done = (await read())[key];
  if (done) return done.result as T;
  const result = await work();
  await queue.run(async () => {
    const now = Date.now();
    const kept = Object.fromEntries(Object.entries(await read()).filter(([, entry]) => now - entry.at < KEEP_MS));
    await browser.storage.session.set({ [STORAGE_KEY]: { ...kept, [key]: { at: now, result } } });
  });
  return result;
}
