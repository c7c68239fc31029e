import { JSON_API_MEDIA_TYPE } from '../api-name';
import { JsonApiException } from '../json-api-exception';

/**
 * Content negotiation of api.md A.1: 406 when Accept lists the JSON:API media type only with parameters, or accepts
 * nothing we can send; 415 when a body is sent in another media type.
 */
export function checkMediaTypes(method: string, headers: Record<string, string | string[] | undefined>, hasBody: boolean): void {
  const accept = headerValue(headers.accept);
  if (accept && !acceptsJsonApi(accept)) {
    throw JsonApiException.of(406, 'not acceptable http exception', `Only "${JSON_API_MEDIA_TYPE}" (without parameters) can be returned.`);
  }
  if (hasBody && ['POST', 'PATCH', 'DELETE'].includes(method)) {
    const contentType = headerValue(headers['content-type']);
    const [mediaType, ...parameters] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
    if (mediaType !== JSON_API_MEDIA_TYPE) {
      throw JsonApiException.of(415, 'unsupported media type http exception', `The request body must be sent as "${JSON_API_MEDIA_TYPE}".`);
    }
    if (parameters.some((p) => p && !p.startsWith('charset='))) {
      throw JsonApiException.of(415, 'unsupported media type http exception', `The "${JSON_API_MEDIA_TYPE}" media type must be sent without parameters.`);
    }
  }
}

function acceptsJsonApi(accept: string): boolean {
  const ranges = accept.split(',').map((r) => r.trim().toLowerCase());
  return ranges.some((range) => {
    const [type, ...params] = range.split(';').map((p) => p.trim());
    if (type === JSON_API_MEDIA_TYPE) return params.every((p) => p.startsWith('q='));
    return type === '*/*' || type === 'application/*';
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
