/** A validated create/update body: attribute values ready for SQL, relationship target ids. */
export interface ResourceInput {
  id?: string;
  attributes: Record<string, unknown>;
  relationships: Record<string, string | null | string[]>;
  /** The type of each polymorphic to-one given (its target may be of several types). */
  relationshipTypes?: Record<string, string>;
  /** `meta.upsert`: true (match on id) or the attribute names to match on. */
  upsert?: true | string[];
}
