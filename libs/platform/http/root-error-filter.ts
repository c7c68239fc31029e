import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { errorToException, sendErrorDocument } from '../json-api/http/error-reply';

/**
 * Errors outside the JSON:API scopes (the health and metrics controllers, routes that do not exist, bodies Fastify
 * refuses before any route runs: bad JSON, too large, unknown media type) become JSON:API error documents too, rather
 * than Nest's or Fastify's own bodies. Nest hands this filter its not-found and error handlers' errors as well.
 */
@Catch()
export class RootErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Pick<Logger, 'error'>) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    void sendErrorDocument(reply, errorToException(error, http.getRequest<FastifyRequest>(), this.logger));
  }
}
