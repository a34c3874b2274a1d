/**
 * Per-origin permissions (DESIGN §3): which entities each origin sees, standing token grants,
 * remembered rejections, the sites list, events for pages, and the per-origin rate limit.
 */
export {
  PermissionsController,
  MAX_GRANT_MINUTES,
  grantInTransaction,
  shareInTransaction,
  toSharedEntity,
  type StandingGrant,
} from './permissions-controller';
export { notConnected, notShared } from './errors';
export { SiteEvents, type FrameDirectory } from './site-events';
export { RateLimiter, BURST_REQUESTS, REQUESTS_PER_SECOND } from './rate-limit';
