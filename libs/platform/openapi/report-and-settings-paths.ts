import { z } from 'zod';
import type { ModuleAction, ModuleEndpoint } from '../modules/module-manifest';
import type { SettingsSection } from '../settings/settings-section';
import { documentResponse, requestBody, responseRef, type JsonSchema, type OpenApiPathItem } from './openapi-model';

/** The routes that are not resources: module reports (`GET {prefix}/{path}`) and the settings sections. */
export function reportAndSettingsPaths(prefix: string, endpoints: ModuleEndpoint[], settings: SettingsSection[]) {
  const paths: Record<string, OpenApiPathItem> = {};
  const errors = { '400': responseRef('badRequest'), '401': responseRef('unauthorized'), '406': responseRef('notAcceptable') };
  for (const endpoint of endpoints) {
    const pathParameters = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path' as const, required: true, schema: { type: 'string' } }));
    paths[`${prefix}/${endpoint.path}`] = {
      get: {
        operationId: `get${endpoint.path.split(/[/{}]+/).filter(Boolean).map(capitalized).join('')}`,
        summary: endpoint.description,
        tags: ['reports'],
        ...(pathParameters.length > 0 ? { parameters: pathParameters } : {}),
        responses: {
          '200': documentResponse(
            endpoint.access ? `The ${endpoint.path} report (needs ${endpoint.access.permission} on ${endpoint.access.resource})` : `The ${endpoint.path} document`,
            { type: 'object' },
          ),
          ...errors,
        },
      },
    };
  }
  if (settings.length > 0) {
    paths[`${prefix}/settings`] = {
      get: {
        operationId: 'listSettings',
        summary: 'Every settings section of the caller\'s organization',
        tags: ['settings'],
        responses: { '200': documentResponse('The sections', { type: 'object', properties: { data: { type: 'array', items: { type: 'object' } } } }), ...errors },
      },
    };
  }
  for (const section of settings) {
    const attributes: JsonSchema = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries([
        ...Object.entries(section.fields).map(([key, field]) => {
          const { $schema: _dialect, ...schema } = z.toJSONSchema(field.schema, { io: 'input' }) as JsonSchema;
          return [key, { ...schema, description: field.description }];
        }),
        ...Object.entries(section.status?.fields ?? {}).map(([key, field]) => {
          const { $schema: _dialect, ...schema } = z.toJSONSchema(field.schema, { io: 'output' }) as JsonSchema;
          return [key, { ...schema, description: field.description, readOnly: true }];
        }),
      ]),
    };
    const document: JsonSchema = {
      type: 'object',
      required: ['data'],
      properties: { data: { type: 'object', required: ['type', 'id'], properties: { type: { const: 'settings' }, id: { const: section.name }, attributes } } },
    };
    paths[`${prefix}/settings/${section.name}`] = {
      get: { operationId: `get${capitalized(section.name)}Settings`, summary: section.description, tags: ['settings'], responses: { '200': documentResponse('The section', document), ...errors } },
      patch: {
        operationId: `update${capitalized(section.name)}Settings`,
        summary: `Change some ${section.name} settings (the others keep their values)`,
        tags: ['settings'],
        requestBody: requestBody(document),
        responses: { '200': documentResponse('The section after the change', document), ...errors, '409': responseRef('conflict') },
      },
    };
  }
  return paths;
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The modules' actions (no token; a JSON:API body in, a document with `meta` out): registration, password resets. */
export function actionPaths(prefix: string, actions: ModuleAction[]) {
  const paths: Record<string, OpenApiPathItem> = {};
  for (const action of actions) {
    const path = `${prefix}/${action.path}`;
    paths[path] = {
      ...paths[path],
      [action.method.toLowerCase()]: {
        operationId: `${action.method.toLowerCase()}${action.path.split(/[/{}]+/).filter(Boolean).map(capitalized).join('')}`,
        summary: action.description,
        tags: ['accounts'],
        ...(action.authenticated ? {} : { security: [] }),
        requestBody: requestBody({ type: 'object' }),
        responses: {
          '200': documentResponse('Done', { type: 'object', properties: { meta: { type: 'object' } } }),
          '201': documentResponse('Created', { type: 'object', properties: { meta: { type: 'object' } } }),
          '202': documentResponse('Accepted', { type: 'object', properties: { meta: { type: 'object' } } }),
          '400': responseRef('badRequest'),
        },
      },
    };
  }
  return paths;
}
