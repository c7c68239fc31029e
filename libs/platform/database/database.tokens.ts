/** Nest injection token for the `DatabaseHandle` of the running process. */
export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');
