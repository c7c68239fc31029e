/** The OpenAPI 3.1 shapes our documents use, and the small builders shared by every path generator. */
import { JSON_API_MEDIA_TYPE } from '../json-api/api-name';

/** A JSON Schema (2020-12 dialect, as OpenAPI 3.1 uses it). */
export type JsonSchema = Record<string, unknown>;

export type Reference = { $ref: string };

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'header' | 'path';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
  /** The operators a filter parameter accepts (an extension: the same list the query parser applies). */
  'x-operators'?: string[];
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiRequestBody {
  required: boolean;
  content: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses: Record<string, OpenApiResponse | Reference>;
  /** `[]`: no token needed (the document's default asks for one). */
  security?: Record<string, string[]>[];
}

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>> & { parameters?: OpenApiParameter[] };

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: OpenApiInfo;
  servers: { url: string }[];
  security: Record<string, string[]>[];
  /** One per resource type; `x-module` names the module that declares it (a role can grant on a whole module). */
  tags: { name: string; description?: string; 'x-module'?: string }[];
  paths: Record<string, OpenApiPathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

export function responseRef(name: string): Reference {
  return { $ref: `#/components/responses/${name}` };
}

export function requestBody(schema: JsonSchema): OpenApiRequestBody {
  return { required: true, content: { [JSON_API_MEDIA_TYPE]: { schema } } };
}

export function documentResponse(description: string, schema: JsonSchema): OpenApiResponse {
  return { description, content: { [JSON_API_MEDIA_TYPE]: { schema } } };
}
