/**
 * The resolver a development build uses by default (`scripts/build.mjs` defines it: the one
 * `npm start` runs); empty in release builds and outside a build (unit tests), where no resolver
 * is set until the person chooses one.
 */
declare const __SIGIL_DEV_RESOLVER__: string | undefined;

export const DEV_RESOLVER_URL: string = typeof __SIGIL_DEV_RESOLVER__ === 'string' ? __SIGIL_DEV_RESOLVER__ : '';
