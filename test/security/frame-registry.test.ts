import { beforeEach, describe, expect, it, vi } from 'vitest';
import { admitFrame, type PageFrame } from '../../src/background/permissions/frame-admission';

/** storage.session, in memory (the registry's only store); and which origins are connected. */
const session = new Map<string, unknown>();
const connected = new Set<string>();

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      session: {
        get: async (key: string) => (session.has(key) ? { [key]: structuredClone(session.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [key, value] of Object.entries(items)) session.set(key, structuredClone(value));
        },
      },
    },
  },
}));

const registry = await import('../../src/background/permissions/frame-registry');
const { forgetFramePort, framesOf, MAX_FRAMES } = registry;
const rememberFrame = (ctx: { tabId: number; frameId: number; origin: string }, portId: string) =>
  registry.rememberFrame(ctx, portId, async () => new Set(connected));

const SITE = 'https://connected.example';
const FLOOD = 'https://flood.example';
const frame = (tabId: number, frameId: number, origin: string): PageFrame => ({ tabId, frameId, origin });

describe('admitFrame (the registry bound)', () => {
  const isConnected = (origin: string) => origin === SITE;

  it('adds a frame while there is room, replacing the entry of the same tab and frame', () => {
    const frames = [frame(1, 0, FLOOD), frame(2, 0, SITE)];
    expect(admitFrame(frames, frame(1, 0, SITE), isConnected, 3)).toEqual([frame(2, 0, SITE), frame(1, 0, SITE)]);
  });

  it('past the bound drops the oldest unconnected frame, never a connected one', () => {
    const frames = [frame(1, 0, SITE), frame(2, 0, FLOOD), frame(3, 0, FLOOD)];
    expect(admitFrame(frames, frame(4, 0, FLOOD), isConnected, 3)).toEqual([frame(1, 0, SITE), frame(3, 0, FLOOD), frame(4, 0, FLOOD)]);
  });

  it('does not add an unconnected frame when only connected frames are there', () => {
    const frames = [frame(1, 0, SITE), frame(2, 0, SITE)];
    expect(admitFrame(frames, frame(3, 0, FLOOD), isConnected, 2)).toEqual(frames);
  });

  it('makes room for a connected frame among connected ones by dropping the oldest', () => {
    const frames = [frame(1, 0, SITE), frame(2, 0, SITE)];
    expect(admitFrame(frames, frame(3, 0, SITE), isConnected, 2)).toEqual([frame(2, 0, SITE), frame(3, 0, SITE)]);
  });
});

describe('the frame registry', () => {
  beforeEach(() => {
    session.clear();
    connected.clear();
  });

  it('keeps a connected site reachable while more than 500 unconnected frames come and stay', async () => {
    connected.add(SITE);
    await rememberFrame({ tabId: 1, frameId: 0, origin: SITE }, 'site-port');
    for (let i = 0; i < MAX_FRAMES + 20; i++) await rememberFrame({ tabId: 2, frameId: i + 1, origin: FLOOD }, `flood-${i}`);
    expect(await framesOf(new Set([SITE]))).toEqual([{ tabId: 1, frameId: 0, origin: SITE, portId: 'site-port' }]);
    expect((await framesOf(new Set([FLOOD]))).length).toBe(MAX_FRAMES - 1);
  });

  it('forgets a frame when its Port closes, so frames that came and went take no room', async () => {
    for (let i = 0; i < MAX_FRAMES + 20; i++) {
      const ctx = { tabId: 2, frameId: i + 1, origin: FLOOD };
      await rememberFrame(ctx, `flood-${i}`);
      await forgetFramePort(ctx, `flood-${i}`);
    }
    expect(await framesOf(new Set([FLOOD]))).toEqual([]);
  });

  it('keeps the frame when an older Port of it closes after a newer one registered it', async () => {
    const ctx = { tabId: 1, frameId: 0, origin: SITE };
    await rememberFrame(ctx, 'first-document');
    await rememberFrame(ctx, 'after-reload');
    await forgetFramePort(ctx, 'first-document');
    expect(await framesOf(new Set([SITE]))).toEqual([{ ...ctx, portId: 'after-reload' }]);
  });
});
