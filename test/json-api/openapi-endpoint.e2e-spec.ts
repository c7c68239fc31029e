import { createTestApp } from '../harness/create-test-app';
import { validateOpenApi } from '../harness/openapi-validator';
import { probeManifest } from '../fixtures/probe/probe.manifest';

describe('OpenAPI documents served by the running application', () => {
  it.each([
    ['crm with the probe module', ['crm'], true],
    ['commerce without it', ['commerce'], false],
  ])('%s: valid OpenAPI 3.1, listing exactly the loaded resources', async (_name, modules, withProbe) => {
    const t = await createTestApp({ modules, extraModules: withProbe ? [probeManifest] : [] });
    try {
      for (const url of ['/admin/api/doc/openapi.json', '/api/doc/openapi.json']) {
        const response = await t.app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(200);
        const document = response.json();
        expect(document.openapi).toBe('3.1.0');
        expect(await validateOpenApi(document)).toEqual({ valid: true });
      }
      const admin = (await t.app.inject({ method: 'GET', url: '/admin/api/doc/openapi.json' })).json();
      const paths = Object.keys(admin.paths);
      expect(paths).toEqual(expect.arrayContaining(['/admin/api/users', '/admin/api/roles', '/admin/api/organizations', '/admin/api/deadletters']));
      expect(paths.includes('/admin/api/widgets')).toBe(withProbe);
      // Reports and settings sections of the loaded modules only.
      const crm = modules.includes('crm');
      expect(paths.includes('/admin/api/opportunityforecast')).toBe(crm);
      expect(paths.includes('/admin/api/search')).toBe(crm);
      expect(paths.includes('/admin/api/settings/sales')).toBe(crm);
      expect(paths.includes('/admin/api/settings/customer')).toBe(!crm);
      expect(paths).toContain('/admin/api/settings/currency');
      expect(admin.paths['/admin/api/settings/currency'].patch.requestBody.content['application/vnd.api+json'].schema.properties.data.properties.attributes.properties.baseCurrency)
        .toMatchObject({ type: 'string', pattern: '^[A-Z]{3}$' });
      const storefront = (await t.app.inject({ method: 'GET', url: '/api/doc/openapi.json' })).json();
      expect(Object.keys(storefront.paths).every((p) => p.startsWith('/api/'))).toBe(true);
      expect(Object.keys(storefront.paths).includes('/api/widgets')).toBe(withProbe);
      expect(JSON.stringify(admin.components.schemas.usersAttributes)).not.toContain('passwordHash');

      const page = await t.app.inject({ method: 'GET', url: '/admin/api/doc' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('/admin/api/doc/openapi.json');
      // The reference's script is served here, not from another host.
      expect(page.body).not.toMatch(/src="https?:/);
      const script = await t.app.inject({ method: 'GET', url: '/admin/api/doc/reference.js' });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toContain('text/javascript');
    } finally {
      await t.close();
    }
  });
});
