/** The rule that keeps the frame registry bounded without letting unconnected pages push connected sites out. */

export interface PageFrame {
  tabId: number;
  frameId: number;
  origin: string;
  /** The Port this frame was last seen on; a closing Port forgets the frame only if it is still that one. */
  portId?: string;
}

export const sameFrame = (a: PageFrame, b: PageFrame): boolean => a.tabId === b.tabId && a.frameId === b.frameId;

/**
 * `frames` with `frame` added (replacing the entry for the same tab and frame) and, past `max`
 * entries, the oldest frames of origins that are not connected dropped first. Frames of connected
 * origins are dropped only when nothing else is left to drop, and a frame of an unconnected origin
 * is then not added at all: only connected sites receive events, so they keep their places.
 */
export function admitFrame(
  frames: readonly PageFrame[],
  frame: PageFrame,
  isConnected: (origin: string) => boolean,
  max: number,
): PageFrame[] {
  const next = [...frames.filter((known) => !sameFrame(known, frame)), frame];
  let excess = next.length - max;
  if (excess <= 0) return next;
  const kept: PageFrame[] = [];
  for (const known of next) {
    if (excess > 0 && !isConnected(known.origin)) excess -= 1;
    else kept.push(known);
  }
  // Only connected frames are left (a new unconnected frame was dropped above): the oldest go.
  return kept.slice(-max);
}
