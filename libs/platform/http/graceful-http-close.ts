import type { FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { JsonApiException } from '../json-api/json-api-exception';
import { sendErrorDocument } from '../json-api/http/error-reply';

/** How long a client is asked to wait before retrying on another replica (or this one, restarted). */
const RETRY_AFTER_SECONDS = 1;

/** The API's Fastify, or the worker's (whose logger type differs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFastify = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, any>;

/**
 * The HTTP side of a graceful stop. `drain()` stops accepting connections, closes the idle keep-alive ones at once and
 * waits for the requests in flight: their answers carry `Connection: close`, so each connection ends with its last
 * answer instead of idling until the keep-alive timeout. A request that still arrives on an open connection meanwhile
 * gets a JSON:API 503 (and `Connection: close`). Install it before the routes, so that its hooks run first.
 */
export class GracefulHttpClose {
  private closing = false;

  constructor(private readonly fastify: AnyFastify) {
    fastify.addHook('onRequest', (_request, reply, done) => {
      if (!this.closing) return done();
      void sendErrorDocument(
        reply.header('connection', 'close'),
        JsonApiException.serviceUnavailable('The server is shutting down. Please send the request again.', RETRY_AFTER_SECONDS),
      );
    });
    fastify.addHook('onSend', async (_request, reply) => {
      if (this.closing) reply.header('connection', 'close');
    });
  }

  get isClosing(): boolean {
    return this.closing;
  }

  async drain(): Promise<void> {
    this.closing = true;
    const server = this.fastify.server;
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // An answer already on its way when the stop began may leave its connection idle but open: sweep those too.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    try {
      await closed;
    } finally {
      clearInterval(sweep);
    }
  }
}
