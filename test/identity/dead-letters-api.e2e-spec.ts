import { Outbox, TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { FaultPlan } from '../fixtures/probe/fault-plan';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { TALLY_NOTES, TallyNotesJob } from '../fixtures/probe/tally-notes.job';
import { api, login, seedIdentities } from './auth-helpers';

describe('GET /admin/api/deadletters and retry', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest] });
    await seedIdentities(t);
  });
  afterAll(() => t.close());

  it('lists dead letters to administrators only, and retries one once', async () => {
    FaultPlan.failNext(TALLY_NOTES, 3);
    await t.get(Outbox).schedule(TallyNotesJob, { scope: 'api' });
    await t.drain();
    const admin = await login(t, 'admin@acme.test');

    const list = await api(t, admin, 'GET', '/admin/api/deadletters?filter[jobName]=probe.tally-notes');
    expect(list.status).toBe(200);
    expect(list.json.data).toHaveLength(1);
    const letter = list.json.data[0];
    expect(letter.attributes).toMatchObject({ jobName: TALLY_NOTES, jobKey: `${TALLY_NOTES}:api`, attempts: 3, data: { scope: 'api' }, retriedAt: null });

    expect((await api(t, await login(t, 'manager@acme.test'), 'GET', '/admin/api/deadletters')).status).toBe(403);
    expect((await api(t, await login(t, 'manager@acme.test'), 'POST', `/admin/api/deadletters/${letter.id}/retry`)).status).toBe(404);
    expect((await api(t, admin, 'PATCH', `/admin/api/deadletters/${letter.id}`, { data: { type: 'deadletters', id: letter.id } })).status).toBe(405);

    const retried = await api(t, admin, 'POST', `/admin/api/deadletters/${letter.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.json.data.attributes.retriedAt).toMatch(/Z$/);
    expect((await api(t, admin, 'POST', `/admin/api/deadletters/${letter.id}/retry`)).status).toBe(409);
    expect((await api(t, admin, 'POST', '/admin/api/deadletters/999/retry')).status).toBe(404);

    await t.drain();
    expect(await t.get(TransactionRunner).manager.query(`SELECT scope, runs FROM probe.tally`)).toEqual([{ scope: 'api', runs: 1 }]);
  });
});
