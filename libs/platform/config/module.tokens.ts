/** Nest injection token for the manifests of the enabled modules. */
export const MODULE_MANIFESTS = Symbol('MODULE_MANIFESTS');

/** Nest injection token for the platform's own job classes. */
export const PLATFORM_JOBS = Symbol('PLATFORM_JOBS');

/** Nest injection token for the platform's own calendar jobs (the nightly purge of asynchronous operations). */
export const PLATFORM_SCHEDULES = Symbol('PLATFORM_SCHEDULES');
