import type { ApiName } from './api-name';
import type { Caller } from './caller';
import type { ResourceInput } from './resource-input';

/**
 * A JSON:API resource, declared once by its module. The shared engine derives from it every route, the query
 * language (filters, sort, paging, include, sparse fieldsets), request validation, the documents it returns and the
 * OpenAPI description. Business rules stay in the module's command handlers (`writes`).
 */

/** Attribute data types. Money and decimals travel as strings ("100.0000"); datetimes as ISO-8601 UTC strings. */
export type AttributeType =
  | 'string' // short text (varchar)
  | 'text' // long text: not filterable or sortable by default
  | 'integer'
  | 'decimal' // exact decimal, serialized as a string
  | 'money' // exact decimal amount, serialized as a string
  | 'boolean'
  | 'datetime' // timestamptz, ISO-8601 UTC
  | 'date' // YYYY-MM-DD
  | 'enum' // one of `values`
  | 'json'; // free-form JSON object/array: not filterable or sortable

/** Filter operators (api.md A.2). */
export type FilterOperator =
  | 'eq'
  | 'neq'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'exists'
  | 'neq_or_null'
  | 'contains'
  | 'not_contains'
  | 'starts_with'
  | 'not_starts_with'
  | 'ends_with'
  | 'not_ends_with'
  | 'empty';

/** Short forms of the operators, e.g. `filter[id]>=5`, `filter[name]~abc`. */
export const OPERATOR_SYMBOLS: Record<string, FilterOperator> = {
  '=': 'eq',
  '!=': 'neq',
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
  '*': 'exists',
  '!*': 'neq_or_null',
  '~': 'contains',
  '!~': 'not_contains',
  '^': 'starts_with',
  '!^': 'not_starts_with',
  $: 'ends_with',
  '!$': 'not_ends_with',
};

export interface AttributeDefinition {
  type: AttributeType;
  /** Database column (default: the attribute name in snake_case). */
  column?: string;
  /**
   * An SQL expression on the table alias `r` read instead of a column (e.g. a contact's e-mails from their own table).
   * Only a module command (`writes`) can store such an attribute.
   */
  expression?: string;
  /** Must be given on create (and, if given on update, must not be empty). */
  required?: boolean;
  /** Computed or managed by the system (`createdAt`): accepted in a request body but silently ignored. */
  readOnly?: boolean;
  /** Longest and shortest accepted string. */
  maxLength?: number;
  minLength?: number;
  /** Accepted on writes but never returned (a password). */
  writeOnly?: boolean;
  /** An e-mail address (Symfony's Email constraint: "This value is not a valid email address."). */
  email?: boolean;
  /** Numbers: the inclusive bounds (Symfony's Range constraint: "This value should be between 0 and 100."). */
  range?: { min?: number; max?: number };
  /**
   * Further check of a well-typed value: null if it is fine, else the problem, as a message (a `form constraint`) or
   * with the title of the constraint it breaks (`{ constraint: 'range constraint', detail: '…' }`).
   */
  validate?: (value: unknown) => string | { constraint: string; detail: string } | null;
  /** Turns the accepted value into what is stored (e.g. hashes a password). */
  store?: (value: unknown) => Promise<unknown>;
  /** Allowed values of an `enum`. */
  values?: readonly string[];
  /**
   * Filterable: `true` gives the type's default operators (numbers, dates, money: eq neq lt lte gt gte exists
   * neq_or_null; strings, booleans, enums: eq neq exists neq_or_null); a list names them exactly (e.g. to switch on
   * `contains` for a name). Absent/false: not filterable.
   */
  filter?: boolean | readonly FilterOperator[];
  /**
   * A trigram index (`gin_trgm_ops`) on the column serves `contains`, `starts_with` and `ends_with`: a list filtered so
   * and ordered by id takes its matches from the index first (see `RecordReader.list`).
   */
  trigramIndexed?: boolean;
  /**
   * A string attribute "filterable with arrays" (Oro's term, e.g. `externalId`): commas in a filter value mean OR, as
   * for numbers. Other strings take a comma as part of the value.
   */
  filterLists?: boolean;
  /**
   * For a list attribute (e-mails as `[{email}]`): an SQL expression on the table alias `r` giving a text array of the
   * values a filter matches. `eq` then means "any of them is one of the values given", `exists` "the list is not empty"
   * (Oro's `filter[emails]`). Name its operators in `filter`.
   */
  filterValues?: string;
  /**
   * A plain text column with an index on (organization, column): records looked up by many of its values at once (a
   * CSV import's identities and named parents) are found by one index probe per value, whatever the table's size.
   */
  equalityIndexed?: boolean;
  sort?: boolean;
  description?: string;
}

export interface RelationshipDefinition {
  /** Target resource type, e.g. `users`. */
  type: string;
  cardinality: 'one' | 'many';
  /** To-one: the foreign-key column on this resource's table (default: `<name>_id` in snake_case). */
  column?: string;
  /**
   * To-one: an SQL expression on the table alias `r` giving the target id, read instead of a column (e.g. an
   * opportunity's account, through its customer association). Only a module command (`writes`) can set it.
   */
  expression?: string;
  /** To-many through a join table: `table`, the column pointing to this resource and the one pointing to the target. */
  through?: { table: string; from: string; to: string };
  /** To-many where the target's table points back here (children → parent): the target's column. */
  inverseColumn?: string;
  required?: boolean;
  /** May be left out on create (the module fills it in), but never set to null ("This value should not be blank."). */
  notNull?: boolean;
  /** Exposed but not writable through this resource (405 on its relationship-modifying routes). */
  readOnly?: boolean;
  /** `filter[owner]=5`, and for to-many "contains any". */
  filter?: boolean;
  /**
   * A to-one whose target may be of several types (an opportunity's `customer`: a business customer or a commerce
   * customer). `discriminator` is an SQL expression on the table alias `r` whose value picks the target's type in
   * `types` (value → resource type); `expression` (or the column) gives its id. A record whose discriminator maps to no
   * loaded type has no target. Another module's extension may add types: a relationship of the same name that is
   * polymorphic too, without a discriminator; a value of one of its types goes to that module's commands.
   */
  polymorphic?: { discriminator?: string; types: Record<string, string> };
  description?: string;
}

/** The resource types a relationship may point to (several for a polymorphic to-one). */
export function targetTypesOf(relationship: RelationshipDefinition): string[] {
  return relationship.polymorphic ? [...new Set(Object.values(relationship.polymorphic.types))] : [relationship.type];
}

export type { ApiName };

export type ResourceOperation =
  | 'list'
  | 'get'
  | 'create'
  | 'update'
  | 'delete'
  | 'deleteList'
  | 'getRelationship'
  | 'updateRelationship'
  | 'addRelationship'
  | 'deleteRelationship';

export interface ResourceDefinition {
  /** JSON:API type: plural, lowercase, no separators (`accounts`, `customerusers`). */
  type: string;
  /** Schema-qualified table, e.g. `crm.account`. Reads are set-based SQL on it. */
  table: string;
  /** Where it is mounted: `/admin/api/{type}`, `/api/{type}`, or both. */
  apis: readonly ApiName[];
  /** Id column (default `id`); ids are strings in documents. */
  idColumn?: string;
  /**
   * `integer` (default): a bigint id. `text`: a fixed key such as an enum value (`1_of_5`), for read-only lists whose
   * ids are names rather than numbers.
   */
  idType?: 'integer' | 'text';
  attributes: Record<string, AttributeDefinition>;
  relationships?: Record<string, RelationshipDefinition>;
  /** Operations offered (default: all). Others answer 405 with `Allow`. */
  operations?: readonly ResourceOperation[];
  /**
   * The column holding the record's organization (default `organization_id`; `id` for organizations themselves; null
   * for records that belong to no organization). Every query is scoped to the caller's organization through it.
   */
  organizationColumn?: string | null;
  /**
   * Storefront resources: SQL expressions over the row `r` giving its frontend owner, for the storefront levels — the
   * customer user (level user; left out for customer-owned records) and the customer (department, corporate).
   */
  frontendOwner?: {
    customerUser?: string;
    customer: string;
    /** Rows the storefront never shows, whatever the level (roles that are not self-managed and public, inactive consents). */
    onlyWhere?: string;
    /**
     * Rows any level that allows VIEW or EDIT reaches, wherever their owner (predefined roles, which have no customer:
     * everyone sees them, and an edit makes a copy of them).
     */
    alsoVisible?: string;
  };
  /** Column of the owning user, for the "own" access level. */
  ownerColumn?: string;
  /** Every user may read the records it owns, whatever its roles grant (its own asynchronous operations). */
  ownerMayView?: boolean;
  /**
   * The module's commands that carry the business rules of writes, sent on the command bus inside the request's
   * transaction (a command for `create` returns the new record's id). Without them, fields are stored as given.
   */
  writes?: {
    create?: (input: ResourceInput, caller: Caller) => object;
    /**
     * Many new records at once, with the same rules as `create` (a CSV import's set-based path): the command answers
     * their ids in the order of the inputs, and refuses the whole list (the importer then writes them one by one).
     * Inputs carry attributes and to-one relationships only.
     */
    createMany?: (inputs: ResourceInput[], caller: Caller) => object;
    update?: (id: string, input: ResourceInput, caller: Caller) => object;
    delete?: (ids: string[], caller: Caller) => object;
    /** The update command may answer the id of a copy that took the change instead (the answer then shows the copy). */
    updateMayCopy?: boolean;
  };
  /** `meta=title`: the attribute (or SQL expression on the table alias `r`) giving a record's label. */
  title?: string;
  description?: string;
}

export function defineResource<R extends ResourceDefinition>(definition: R): R {
  return definition;
}

/**
 * Relationships that a module adds to another module's resource (e.g. the integration's `account` on `customers`),
 * served like the resource's own. Their values are the extending module's to store: after the resource's own write,
 * in the same transaction, the engine sends the extension's command with the extension's part of the input.
 */
export interface ResourceExtension {
  /** The extended resource type. */
  type: string;
  relationships: Record<string, RelationshipDefinition>;
  /**
   * Before the resource's own write: a query (sent on the query bus) answering relationships of the resource itself
   * that the extension's input implies, used where the client left them out (e.g. an opportunity's `account` from the
   * commerce customer it is for).
   */
  prepare?: (input: ResourceInput, caller: Caller) => object | undefined;
  writes?: {
    created?: (id: string, input: ResourceInput, caller: Caller) => object | undefined;
    /** After a `createMany`: one command for all the new records (else `created` is sent for each). */
    createdMany?: (ids: string[], inputs: ResourceInput[], caller: Caller) => object | undefined;
    updated?: (id: string, input: ResourceInput, caller: Caller) => object | undefined;
  };
}

export function defineResourceExtension(extension: ResourceExtension): ResourceExtension {
  return extension;
}

/** The column scoping a resource to an organization, or null. */
export function organizationColumnOf(resource: ResourceDefinition): string | null {
  return resource.organizationColumn === undefined ? 'organization_id' : resource.organizationColumn;
}

const INTEGER_ID = /^\d{1,18}$/;
const TEXT_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Whether `id` has the shape of the resource's ids (so that it can be compared with its id column at all). */
export function isResourceId(resource: Pick<ResourceDefinition, 'idType'> | undefined, id: string): boolean {
  return (resource?.idType === 'text' ? TEXT_ID : INTEGER_ID).test(id);
}

/** The SQL type of the resource's ids. */
export function idSqlType(resource: Pick<ResourceDefinition, 'idType'> | undefined): 'bigint' | 'text' {
  return resource?.idType === 'text' ? 'text' : 'bigint';
}

/** snake_case column name of a camelCase field. */
export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The operators a filterable attribute accepts. */
export function filterOperators(attribute: AttributeDefinition): readonly FilterOperator[] {
  if (!attribute.filter) return [];
  if (Array.isArray(attribute.filter)) return attribute.filter;
  switch (attribute.type) {
    case 'integer':
    case 'decimal':
    case 'money':
    case 'datetime':
    case 'date':
      return ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'exists', 'neq_or_null'];
    case 'string':
    case 'boolean':
    case 'enum':
      return ['eq', 'neq', 'exists', 'neq_or_null'];
    default:
      return [];
  }
}

/** Ranges (`a..b`) and lists (`a,b`) are refused for strings, texts and booleans (api.md A.2). */
export function acceptsRanges(type: AttributeType): boolean {
  return ['integer', 'decimal', 'money', 'datetime', 'date'].includes(type);
}
