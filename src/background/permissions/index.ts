/**
 * Per-origin permissions (DESIGN §3): which entities each origin sees, standing token grants,
 * remembered rejections, the sites list. Every function takes the browser-reported origin.
 */
export { connectedEntities, entitiesToOffer, isConnected, isSharedWith, shareWith } from './shared-entities';
export { addStandingGrant, hasStandingGrant, MAX_GRANT_MINUTES } from './standing-grants';
export { connectSite, connectedSites, disconnectSite, isRejectedSite, listSites, rejectSite, revokeSite } from './sites';
export { notConnected, notShared } from './errors';
export { rememberFrame } from './frame-registry';
export { forwardWalletEventsToSites, notifySiteEntities } from './site-events';
export { takeRequestAllowance } from './rate-limit';
