/**
 * The UI's data layer: the one query-key factory and the shared queries. Views read through
 * these hooks rather than calling TanStack Query or the ports themselves.
 */
export { DEFAULT_IDENTITY, IdentityScope, useIdentity } from "./identity.js";
export { type QueryKeys, queryKeys } from "./keys.js";
export { ME_STALE_MS, useMe, type UseMeOptions } from "./useMe.js";
