import { documentResponse, responseRef, type OpenApiPathItem } from './openapi-model';

const CSV = { 'text/csv': { schema: { type: 'string' as const } } };

/**
 * `POST {prefix}/imports`, `GET {prefix}/imports/templates/{type}`, `GET {prefix}/exports/{type}` (CSV files), and the
 * asynchronous export: `POST {prefix}/exports` and its file at `GET {prefix}/asyncoperations/{id}/file`.
 */
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
    [`${prefix}/exports`]: {
      post: {
        operationId: 'startExport',
        summary: "Export a type's records to a CSV file in the background: 202 with the asyncoperations resource to poll, then GET its file",
        tags: ['asyncoperations'],
        requestBody: {
          required: true,
          content: {
            'application/vnd.api+json': {
              schema: {
                type: 'object',
                required: ['data'],
                properties: {
                  data: {
                    type: 'object',
                    required: ['type', 'attributes'],
                    properties: {
                      type: { const: 'exports' },
                      attributes: {
                        type: 'object',
                        required: ['entityType'],
                        additionalProperties: false,
                        properties: {
                          entityType: { type: 'string', enum: types },
                          filter: {
                            type: 'object',
                            description: 'The list route\'s filter[…] parameters as JSON: {"name": "A"}, {"id": ["1", "2"]}, {"name": {"starts_with": "A"}}',
                            additionalProperties: true,
                          },
                          sort: { type: 'string', description: 'The list route\'s sort parameter, e.g. "-createdAt,name"' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '202': documentResponse('The export, as an asynchronous operation', { $ref: '#/components/schemas/asyncoperationsDocument' }),
          '400': responseRef('badRequest'),
          '401': responseRef('unauthorized'),
          '403': { description: 'The caller may not view records of the type' },
          '409': { description: 'The data type is not "exports"' },
        },
      },
    },
    [`${prefix}/asyncoperations/{id}/file`]: {
      get: {
        operationId: 'getExportFile',
        summary: "A finished export's CSV file (its owner and administrators only)",
        tags: ['asyncoperations'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The CSV file (UTF-8 with BOM, formula cells escaped), as an attachment', content: CSV },
          '401': responseRef('unauthorized'),
          '404': responseRef('notFound'),
          '409': { description: 'The export has not finished yet' },
        },
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
