import type { Caller, CallerResolver } from './caller';
import { JsonApiException } from './json-api-exception';

/** Until an authentication layer is configured, every resource request is refused with 401. */
export class UnauthenticatedCallerResolver implements CallerResolver {
  async resolve(): Promise<Caller> {
    throw JsonApiException.of(401, 'authentication exception', 'A valid access token is required.');
  }
}
