import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_PREFIX, JSON_API_MEDIA_TYPE } from '../json-api/api-name';
import { JsonApiException } from '../json-api/json-api-exception';

const CONSOLE_PREFIX = '/admin';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built console (`apps/console` → `dist/console`), found from the repository root whether run from `dist/` or the sources. */
export function consoleDirectory(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return join(folder, 'dist', 'console');
}

/**
 * The back-office console at `/admin/`: files under `assets/` carry a content hash in their name and are cached for a
 * year; any other path under `/admin/` that is no file is a client route and gets `index.html` (never cached, so a new
 * build is picked up at once). `/admin/api/…` stays the API's: a path there that no API route matched is a JSON:API 404.
 */
export function registerConsoleRoutes(fastify: FastifyInstance, root = consoleDirectory()): void {
  const indexPath = join(root, 'index.html');
  const sendIndex = (reply: FastifyReply) => {
    if (!existsSync(indexPath)) {
      return reply
        .status(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('The console is not built: run "npm run build" (or "npm start"), which builds it.');
    }
    return reply.header('content-type', CONTENT_TYPES['.html']).header('cache-control', 'no-cache').send(readFileSync(indexPath));
  };
  fastify.get(CONSOLE_PREFIX, async (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`, 301));
  fastify.get(`${CONSOLE_PREFIX}/*`, async (request, reply) => {
    // Fastify has decoded the wildcard already (decoding it again would turn an encoded `%` into a broken escape).
    const path = (request.params as { '*': string })['*'] ?? '';
    if (`${CONSOLE_PREFIX}/${path}`.startsWith(`${API_PREFIX.admin}/`) || `${CONSOLE_PREFIX}/${path}` === API_PREFIX.admin) {
      // The same answer as the API's own not-found handler, which this wildcard would otherwise shadow for GET.
      const { status, errors } = JsonApiException.notFound('The requested resource type does not exist.');
      return reply.status(status).header('content-type', JSON_API_MEDIA_TYPE).send(Buffer.from(JSON.stringify({ errors })));
    }
    const file = normalize(join(root, path));
    if (path !== '' && file.startsWith(root + sep) && isFile(file)) {
      const hashed = path.startsWith('assets/');
      return reply
        .header('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
        .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(await readFile(file));
    }
    // A missing hashed asset is a 404, not the page: a browser must not run HTML as a script.
    if (path.startsWith('assets/') || extname(path) !== '') return reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Not found');
    return sendIndex(reply);
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
