/** Validates a document against the OpenAPI 3.1 schema ({ valid: true } or the errors). */
export async function validateOpenApi(document: object): Promise<{ valid: boolean; errors?: unknown }> {
  // The validator is ESM-only; a real dynamic import (which swc would turn into require) loads it.
  const importEsm = new Function('specifier', 'return import(specifier)') as (
    specifier: string,
  ) => Promise<{ Validator: new () => { validate(doc: object): Promise<{ valid: boolean; errors?: unknown }> } }>;
  const { Validator } = await importEsm('@seriousme/openapi-schema-validator');
  return new Validator().validate(document);
}
