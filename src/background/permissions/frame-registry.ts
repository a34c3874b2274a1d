/**
 * The page frames that talked to Sigil (a Port was opened from them), with the origin the browser
 * reported. Kept in storage.session so that events reach them after a worker restart.
 */
import browser from 'webextension-polyfill';
import type { PageContext } from '../sender';
import { SerialQueue } from '../vault/serial-queue';

export interface PageFrame {
  tabId: number;
  frameId: number;
  origin: string;
}

const FRAMES_KEY = 'sigil.pageFrames';
/** Oldest frames are forgotten past this many (tabs long closed, frames navigated away). */
const MAX_FRAMES = 500;
const writes = new SerialQueue();

const sameFrame = (a: PageFrame, b: PageFrame): boolean => a.tabId === b.tabId && a.frameId === b.frameId;

async function readFrames(): Promise<PageFrame[]> {
  const value = (await browser.storage.session.get(FRAMES_KEY))[FRAMES_KEY];
  return Array.isArray(value) ? (value as PageFrame[]) : [];
}

export function rememberFrame(ctx: PageContext): Promise<void> {
  const frame: PageFrame = { tabId: ctx.tabId, frameId: ctx.frameId, origin: ctx.origin };
  return writes.run(async () => {
    const frames = await readFrames();
    if (frames.some((known) => sameFrame(known, frame) && known.origin === frame.origin)) return;
    const next = [...frames.filter((known) => !sameFrame(known, frame)), frame].slice(-MAX_FRAMES);
    await browser.storage.session.set({ [FRAMES_KEY]: next });
  });
}

export function forgetFrame(frame: PageFrame): Promise<void> {
  return writes.run(async () => {
    const frames = await readFrames();
    const next = frames.filter((known) => !(sameFrame(known, frame) && known.origin === frame.origin));
    if (next.length !== frames.length) await browser.storage.session.set({ [FRAMES_KEY]: next });
  });
}

export async function framesOf(origins: ReadonlySet<string>): Promise<PageFrame[]> {
  return (await readFrames()).filter((frame) => origins.has(frame.origin));
}
