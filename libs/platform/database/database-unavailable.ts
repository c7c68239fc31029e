/** Socket-level failures of the driver: nothing answers (yet) at the database's address. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or not taking connections: class 08 (connection exception), 57P01–57P03
 * (administrator/crash shutdown, cannot connect now), 53300 (too many connections).
 */
const SERVER_CODES = /^(08...|57P0[123]|53300)$/;

/** What node-postgres and its pool throw (as plain Errors, with no code) when a connection is lost or not granted. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'terminating connection',
  'the database system is',
];

/**
 * TypeORM's errors for a query on a transaction whose connection was already let go: what a request in a transaction
 * gets when the connection under it was dropped (the original error came first, on the same connection).
 */
const CONNECTION_GONE_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * True when the error says the database cannot be reached right now (refused, dropped, pool timeout, shutting down or
 * starting up), as opposed to a query the database refused. TypeORM copies the driver error's fields onto its
 * `QueryFailedError` and keeps it as `driverError`, so both are looked at.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && (NETWORK_CODES.has(code) || SERVER_CODES.test(code))) return true;
    if (typeof e.name === 'string' && CONNECTION_GONE_ERRORS.has(e.name)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (DRIVER_MESSAGES.some((m) => message.includes(m))) return true;
    if (e.errors instanceof Array && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = (e.driverError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}
