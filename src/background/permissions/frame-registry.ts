/**
 * The page frames that talked to Sigil (a Port was opened from them), with the origin the browser
 * reported. Kept in storage.session so that events reach them after a worker restart. A frame is
 * forgotten when its Port closes (the page went away) and when an event finds nobody there; the
 * list is bounded, and unconnected pages never push a connected site's frames out of it.
 */
import browser from 'webextension-polyfill';
import type { PageContext } from '../sender';
import { SerialQueue } from '../vault/serial-queue';
import { admitFrame, sameFrame, type PageFrame } from './frame-admission';

export type { PageFrame } from './frame-admission';

const FRAMES_KEY = 'sigil.pageFrames';
export const MAX_FRAMES = 500;
const writes = new SerialQueue();

async function readFrames(): Promise<PageFrame[]> {
  const value = (await browser.storage.session.get(FRAMES_KEY))[FRAMES_KEY];
  return Array.isArray(value) ? (value as PageFrame[]) : [];
}

/** The origins connected now; asked only when the registry is full. */
export type ConnectedOrigins = () => Promise<ReadonlySet<string>>;

export function rememberFrame(ctx: PageContext, portId: string, connectedOrigins: ConnectedOrigins): Promise<void> {
  const frame: PageFrame = { tabId: ctx.tabId, frameId: ctx.frameId, origin: ctx.origin, portId };
  return writes.run(async () => {
    const frames = await readFrames();
    let next: PageFrame[];
    if (frames.length < MAX_FRAMES || frames.some((known) => sameFrame(known, frame))) {
      next = [...frames.filter((known) => !sameFrame(known, frame)), frame];
    } else {
      const connected = await connectedOrigins();
      next = admitFrame(frames, frame, (origin) => connected.has(origin), MAX_FRAMES);
    }
    await browser.storage.session.set({ [FRAMES_KEY]: next });
  });
}

/** Forgets `frame` (as it was registered with that origin): an event found nobody there. */
export function forgetFrame(frame: PageFrame): Promise<void> {
  return removeWhere((known) => sameFrame(known, frame) && known.origin === frame.origin);
}

/** The Port `portId` of that frame closed: the frame is forgotten unless a newer Port registered it since. */
export function forgetFramePort(ctx: PageContext, portId: string): Promise<void> {
  return removeWhere((known) => known.tabId === ctx.tabId && known.frameId === ctx.frameId && known.portId === portId);
}

function removeWhere(matches: (frame: PageFrame) => boolean): Promise<void> {
  return writes.run(async () => {
    const frames = await readFrames();
    const next = frames.filter((known) => !matches(known));
    if (next.length !== frames.length) await browser.storage.session.set({ [FRAMES_KEY]: next });
  });
}

export async function framesOf(origins: ReadonlySet<string>): Promise<PageFrame[]> {
  return (await readFrames()).filter((frame) => origins.has(frame.origin));
}
