import type { DataSource } from 'typeorm';
import type { JobDriver } from '../jobs/job-driver';
import { DATABASE_RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_TITLE } from '../json-api/json-api-exception';
import { jsonApiError } from './json-api-error';

const CHECK_TIMEOUT_MS = 2000;

export interface Readiness {
  ready: boolean;
  body: object;
}

/** Sent with a 503 from readiness, as with the 503 of any request while the database is down. */
export const READINESS_RETRY_AFTER = String(DATABASE_RETRY_AFTER_SECONDS);

/** Readiness = the database and the job queue both answer, each within a short timeout. */
export async function checkReadiness(dataSource: DataSource, driver: JobDriver): Promise<Readiness> {
  const [database, queue] = await Promise.all([
    check(() => dataSource.query('SELECT 1')),
    check(() => driver.ping()),
  ]);
  const checks = { database, queue: { driver: driver.kind, ...queue } };
  if (database.status === 'up' && queue.status === 'up') return { ready: true, body: { status: 'ok', checks } };
  const down = Object.entries(checks).filter(([, c]) => c.status !== 'up').map(([name]) => name);
  return {
    ready: false,
    body: jsonApiError(503, SERVICE_UNAVAILABLE_TITLE, `Not ready: ${down.join(' and ')} unavailable.`, { checks }),
  };
}

async function check(probe: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS))),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
