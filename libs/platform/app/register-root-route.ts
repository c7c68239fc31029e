import type { FastifyInstance } from 'fastify';

/** Where `GET /` sends a browser: the back-office console. */
export const CONSOLE_PATH = '/admin/';

/** `GET /` (and HEAD) redirects to the console rather than answering with the framework's "Cannot GET /" body. */
export function registerRootRoute(fastify: FastifyInstance): void {
  fastify.get('/', (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
}
