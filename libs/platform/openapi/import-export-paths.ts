import { documentResponse, responseRef, type OpenApiPathItem } from './openapi-model';

const CSV = { 'text/csv': { schema: { type: 'string' as const } } };

/** `POST {prefix}/imports`, `GET {prefix}/imports/templates/{type}` and `GET {prefix}/exports/{type}` (CSV files). */
export function importExportPaths(prefix: string, types: string[]): Record<string, OpenApiPathItem> {
  const type = { name: 'type', in: 'path' as const, required: true, schema: { type: 'string' as const, enum: types } };
  return {
    [`${prefix}/imports`]: {
      post: {
        operationId: 'startImport',
        summary: 'Import a CSV file (multipart: file, type, validateOnly): 202 with the asyncoperations resource to poll',
        tags: ['asyncoperations'],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'type'],
                properties: {
                  file: { type: 'string', format: 'binary', description: 'UTF-8 (with or without BOM), comma or semicolon, the headers of the template' },
                  type: { type: 'string', enum: types },
                  validateOnly: { type: 'boolean', description: 'Check every row and write nothing' },
                },
              },
            },
          },
        },
        responses: {
          '202': documentResponse('The import, as an asynchronous operation', { $ref: '#/components/schemas/asyncoperationsDocument' }),
          '400': responseRef('badRequest'),
          '401': responseRef('unauthorized'),
          '403': { description: 'The caller may not create records of the type' },
          '413': { description: 'The file is larger than IMPORT_MAX_BYTES' },
        },
      },
    },
    [`${prefix}/imports/templates/{type}`]: {
      get: {
        operationId: 'getImportTemplate',
        summary: "A type's CSV template: its header and one example row",
        tags: ['asyncoperations'],
        parameters: [type],
        responses: { '200': { description: 'The template', content: CSV }, '401': responseRef('unauthorized'), '404': responseRef('notFound') },
      },
    },
    [`${prefix}/exports/{type}`]: {
      get: {
        operationId: 'exportCsv',
        summary: 'The records the list route answers for the same filter[…] and sort parameters, as a CSV file',
        tags: ['asyncoperations'],
        parameters: [type],
        responses: {
          '200': { description: 'The CSV file (UTF-8 with BOM, formula cells escaped)', content: CSV },
          '400': responseRef('badRequest'),
          '401': responseRef('unauthorized'),
          '403': { description: 'The caller may not view records of the type' },
          '404': responseRef('notFound'),
        },
      },
    },
  };
}
