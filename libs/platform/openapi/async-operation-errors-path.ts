import { documentResponse, responseRef, type JsonSchema, type OpenApiPathItem } from './openapi-model';

const ERROR_OBJECT: JsonSchema = {
  type: 'object',
  required: ['type', 'id', 'attributes'],
  properties: {
    type: { const: 'asyncoperationerrors' },
    id: { type: 'string', description: '"{operation}-{chunk}-{n}"' },
    attributes: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        title: { type: 'string' },
        detail: { type: 'string' },
        source: { type: ['object', 'null'], properties: { pointer: { type: 'string' } } },
      },
    },
  },
};

/** `GET {prefix}/asyncoperations/{id}/errors`: the records an asynchronous operation refused. */
export function asyncOperationErrorsPath(prefix: string): Record<string, OpenApiPathItem> {
  return {
    [`${prefix}/asyncoperations/{id}/errors`]: {
      get: {
        operationId: 'getAsyncOperationErrors',
        summary: 'The records an asynchronous operation refused, with the pointer into the body that was sent',
        tags: ['asyncoperations'],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'page[number]', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          { name: 'page[size]', in: 'query', schema: { type: 'integer', minimum: -1, default: 10 } },
        ],
        responses: {
          '200': documentResponse('A page of errors', { type: 'object', properties: { data: { type: 'array', items: ERROR_OBJECT }, links: { type: 'object' } } }),
          '400': responseRef('badRequest'),
          '401': responseRef('unauthorized'),
          '404': responseRef('notFound'),
        },
      },
    },
  };
}
