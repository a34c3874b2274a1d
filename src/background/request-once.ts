/**
 * Writes that happen once per request id. A request sent again (the UI's Port dropped, the page's
 * worker stopped) gets the stored result of the first run instead of a second write. The write
 * stores its result with `putRequestResult` inside its own transaction (see storage/request-results.ts).
 */
import type { PageContext } from './sender';
import { findRequestResult, RequestAlreadyCompleted, type SigilDatabase } from './storage';

/** Who asked: one of Sigil's own pages, with the id its client gave the request. */
export const uiRequestKey = (requestId: string): string => `ui ${requestId}`;

/** Who asked: a page frame (origin from the browser), with the content script's request id. */
export const pageRequestKey = (ctx: PageContext, requestId: string): string =>
  `page ${ctx.origin} ${ctx.tabId} ${ctx.frameId} ${requestId}`;

/** Runs `write` unless the request `key` already completed; then answers with what it answered. */
export async function writeOnce<T>(db: SigilDatabase, key: string, write: () => Promise<T>): Promise<T> {
  const done = await findRequestResult(db, key);
  if (done) return done.result as T;
  try {
    return await write();
  } catch (error) {
    if (error instanceof RequestAlreadyCompleted) return error.record.result as T;
    throw error;
  }
}
