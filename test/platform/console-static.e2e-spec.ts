import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { FastifyInstance } from 'fastify';
import { registerConsoleRoutes } from '../../libs/platform/http/serve-console';

/** The console's files at /admin/: hashed assets cached long, client routes answered with index.html, the API left alone. */
describe('serving the console at /admin/', () => {
  let root: string;
  let fastify: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(join(tmpdir(), 'secret.txt'), 'outside');
    fastify = Fastify();
    fastify.get('/admin/api/accounts', async () => ({ data: [] }));
    registerConsoleRoutes(fastify, root);
    await fastify.ready();
  });
  afterAll(async () => {
    await fastify.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string) => fastify.inject({ method: 'GET', url });

  it('serves hashed assets for a year and the page without caching', async () => {
    const asset = await get('/admin/assets/main-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/admin/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect((await get('/admin/favicon.svg')).headers['cache-control']).toBe('no-cache');
    expect((await get('/admin')).headers.location).toBe('/admin/');
  });

  it('answers client routes with index.html, and missing files with 404', async () => {
    for (const url of ['/admin/accounts', '/admin/accounts/12/edit?tab=x', '/admin/sign-in']) {
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('id="root"');
    }
    expect((await get('/admin/assets/missing-1.js')).statusCode).toBe(404);
    expect((await get('/admin/missing.png')).statusCode).toBe(404);
  });

  it('never serves a file outside its folder', async () => {
    for (const url of ['/admin/../secret.txt', '/admin/%2e%2e/secret.txt', '/admin/assets/%2e%2e/%2e%2e/secret.txt']) {
      const response = await get(url);
      expect(response.body).not.toContain('outside');
    }
  });

  it('leaves /admin/api to the API: its routes answer, other paths are JSON:API 404s', async () => {
    expect((await get('/admin/api/accounts')).json()).toEqual({ data: [] });
    const missing = await get('/admin/api/nothing/here');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe('application/vnd.api+json');
    expect(missing.json().errors[0]).toMatchObject({ status: '404', title: 'not found http exception' });
  });
});
