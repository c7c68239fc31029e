import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { JSON_API_MEDIA_TYPE } from '../json-api/api-name';
import { refusalTitle } from '../json-api/http/error-reply';
import { jsonApiError } from './json-api-error';

/** What Node's HTTP parser refuses before Fastify sees a request, as status and detail. */
function refusal(code: string | undefined): [number, string] {
  switch (code) {
    // Node counts the request line in the header size, so a URL that is too long lands here too.
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'The request headers (or the URL) are too large.'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'The request was not received in time.'];
    default:
      return [400, 'The request is not a valid HTTP request.'];
  }
}

/**
 * Fastify's `clientErrorHandler`: the parser's refusals (oversized headers or URL, malformed requests, timeouts) are
 * answered with a JSON:API error document instead of Fastify's own body, and the connection is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = refusal(error.code);
  const body = JSON.stringify(jsonApiError(status, refusalTitle(status), detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${JSON_API_MEDIA_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
