/**
 * Checks of what Sigil hands to pages, done the way a relying party would: the core's own verifier
 * for auth tokens, with the documents the page can read through sigil_document.
 */
import { verifyAnyDocumentToken, verifyAuthToken, type VerifiedAuthToken } from '../../src/core';
import { sigilRequest } from './page-requests';
import type { ScriptablePage } from './ui-messages';

/**
 * The DID documents of `dids`, read by the page itself (they must be shared with its origin), each
 * taken from its signed document token only after the token verifies.
 */
export async function documentsSeenBy(page: ScriptablePage, dids: string[]): Promise<Map<string, unknown>> {
  const documents = new Map<string, unknown>();
  for (const did of dids) {
    const answer = await sigilRequest<{ token: string }>(page, 'sigil_document', { did });
    if (!answer.ok) throw new Error(`sigil_document ${did}: ${answer.code} ${answer.message}`);
    documents.set(did, (await verifyAnyDocumentToken(answer.result.token, { did })).document);
  }
  return documents;
}

type Resolve = Parameters<typeof verifyAuthToken>[1]['resolve'];

/** Verifies signature, expiry, audience and the user's delegation; throws the core's error otherwise. */
export function verifyToken(token: string, audience: string, documents: Map<string, unknown>): Promise<VerifiedAuthToken> {
  return verifyAuthToken(token, { audience, resolve: async (did) => (documents.get(did) ?? null) as Awaited<ReturnType<Resolve>> });
}

/**
 * Counts, in the page, how many answers the content script posts for each request id: a request
 * answered twice (a duplicate after a re-send) would show a count of 2.
 */
export function countAnswers(page: ScriptablePage): Promise<void> {
  return page.evaluate(() => {
    const counts = new Map<string, number>();
    (window as unknown as { __sigilAnswers: Map<string, number> }).__sigilAnswers = counts;
    window.addEventListener('message', (event) => {
      const data = event.data as { channel?: unknown; id?: unknown } | null;
      if (event.source !== window || data?.channel !== 'sigil:content-reply' || typeof data.id !== 'string') return;
      counts.set(data.id, (counts.get(data.id) ?? 0) + 1);
    });
  }, undefined);
}

export function answerCounts(page: ScriptablePage): Promise<{ requests: number; answers: number; maxPerRequest: number }> {
  return page.evaluate(() => {
    const counts = [...(window as unknown as { __sigilAnswers: Map<string, number> }).__sigilAnswers.values()];
    return { requests: counts.length, answers: counts.reduce((a, b) => a + b, 0), maxPerRequest: Math.max(0, ...counts) };
  }, undefined);
}
