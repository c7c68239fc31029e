import { createTestApp } from '../harness/create-test-app';
import { HeaderCallerResolver } from '../harness/test-callers';
import { brokenManifest } from '../fixtures/broken/broken.manifest';
import { JSON_API } from './json-api-helpers';

describe('an internal error', () => {
  it('answers 500 with a correlation id (the request id) and nothing of the internals', async () => {
    const t = await createTestApp({ modules: [], extraModules: [brokenManifest], callerResolver: new HeaderCallerResolver() });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/admin/api/brokenthings', headers: { accept: JSON_API, 'x-test-organization': '1' } });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toBe(JSON_API);
      const [error] = response.json().errors;
      expect(error).toEqual({
        status: '500',
        title: 'internal server error',
        detail: 'An unexpected error occurred.',
        meta: { correlationId: response.headers['x-request-id'] },
      });
    } finally {
      await t.close();
    }
  });
});
