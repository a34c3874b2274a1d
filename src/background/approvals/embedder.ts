import type { PageContext } from '../sender';

/**
 * The top-level page's origin when the request comes from a frame of another origin (null when the
 * browser did not say which page embeds it); undefined when the request comes from the top-level
 * page itself or a frame of the same origin. The approval card names it (issue 12 item 10).
 */
export function embedderOf(ctx: PageContext): string | null | undefined {
  if (ctx.frameId === 0 || ctx.topOrigin === undefined || ctx.topOrigin === ctx.origin) return undefined;
  return ctx.topOrigin;
}
