/**
 * Whether the build checked the bundled rules and word lists (`src/rules/bundle-defines.ts`). Where it
 * did, a page trusts them as bundled: checking them with zod in every page took about 50 ms of each
 * page's first scan (docs/speed.md). The background checks them again once when it starts.
 */
declare const __FAIR_EXIT_DATA_CHECKED__: boolean | undefined;

export const CHECKED_AT_BUILD = typeof __FAIR_EXIT_DATA_CHECKED__ === 'boolean' && __FAIR_EXIT_DATA_CHECKED__;

/** The name the build defines to `true` once it has checked the data. */
export const DATA_CHECKED_GLOBAL = '__FAIR_EXIT_DATA_CHECKED__';
