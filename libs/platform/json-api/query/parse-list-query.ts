/**
 * Parses the raw query string of a JSON:API request (filters, sort, paging, include, sparse fieldsets, meta) into a
 * validated ListQuery, following Oro's conventions (api.md A.2). Pure: no I/O, never throws, reports every problem.
 */
import { NUL_CHARACTER_DETAIL, containsNulCharacter } from '../../database/nul-character';
import { isCalendarDate, isIsoDate } from '../calendar-date';
import {
  OPERATOR_SYMBOLS,
  acceptsRanges,
  isResourceId,
  type AttributeType,
  type FilterOperator,
  type RelationshipDefinition,
  type ResourceDefinition,
} from '../resource-definition';
import { filterField, type FilterField, type FilterValueKind } from './filter-fields';
import type {
  FilterCondition,
  FilterValueItem,
  ListQuery,
  QueryError,
  QueryParseOptions,
  QueryParseResult,
  ResourceLookup,
  SortField,
} from './list-query';

const TITLE = {
  filter: 'filter constraint',
  sort: 'sort constraint',
  value: 'value constraint',
  unexpected: 'unexpected value exception',
} as const;
type Title = (typeof TITLE)[keyof typeof TITLE];

const MAX_STRING_LENGTH = 1000;
const MAX_INCLUDE_DEPTH = 3;
/** Longer values are shortened when echoed back in an error detail. */
const MAX_ECHO_LENGTH = 100;
/** Ids are bigint columns: a larger id would make the database fail instead of answering 400. */
const MAX_ID = 9223372036854775807n;

const ALL_OPERATORS: ReadonlySet<string> = new Set<FilterOperator>([
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'exists',
  'neq_or_null',
  'contains',
  'not_contains',
  'starts_with',
  'not_starts_with',
  'ends_with',
  'not_ends_with',
  'empty',
]);
const RANGE_OPERATORS: ReadonlySet<FilterOperator> = new Set<FilterOperator>(['eq', 'neq']);
const BOOLEAN_OPERATORS: ReadonlySet<FilterOperator> = new Set<FilterOperator>(['exists', 'empty']);

/** Longest first, so that `<=` is not read as `<` followed by the value `=5`. */
const SYMBOLS = Object.keys(OPERATOR_SYMBOLS).sort((a, b) => b.length - a.length);

/** `filter` followed by its bracket groups; whatever follows must be an operator symbol. */
const FILTER_KEY = /^filter(?:\[[^[\]]*\])*/;
const FILTER_NAME = /^filter\[([^[\]]+)\](?:\[([^[\]]+)\])?$/;
const FIELDS_NAME = /^fields\[([^[\]]+)\]$/;

// ---------------------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------------------

export function parseListQuery(
  rawQueryString: string,
  resource: ResourceDefinition,
  lookup: ResourceLookup,
  options: QueryParseOptions,
): QueryParseResult {
  const context = createContext(resource, lookup, options);
  for (const part of rawQueryString.split('&')) {
    if (part !== '') handlePart(part, context);
  }
  if (context.errors.length > 0) return { ok: false, errors: context.errors };
  return { ok: true, query: buildQuery(context) };
}

// ---------------------------------------------------------------------------------------------------------------------
// Parsing context
// ---------------------------------------------------------------------------------------------------------------------

interface Context {
  resource: ResourceDefinition;
  /** Finds a resource by type, the main resource included. */
  resolve: (type: string) => ResourceDefinition | undefined;
  options: QueryParseOptions;
  errors: QueryError[];
  /** Parameter names already given (duplicates are refused). */
  seenParameters: Set<string>;
  /** `field operator` pairs already given (the same filter twice is refused; different operators are AND-ed). */
  seenFilters: Set<string>;
  filters: FilterCondition[];
  sort?: SortField[];
  page: { number?: number; size?: number };
  include: string[];
  fields: Record<string, string[]>;
  meta: string[];
}

function createContext(resource: ResourceDefinition, lookup: ResourceLookup, options: QueryParseOptions): Context {
  return {
    resource,
    resolve: (type) => {
      if (type === resource.type) return resource;
      const found = lookup(type);
      // Guards against lookups backed by plain objects, where `constructor` or `toString` would "exist".
      return found?.type === type ? found : undefined;
    },
    options,
    errors: [],
    seenParameters: new Set(),
    seenFilters: new Set(),
    filters: [],
    page: {},
    include: [],
    fields: {},
    meta: [],
  };
}

function fail(context: Context, title: Title, detail: string, parameter: string): void {
  context.errors.push({ status: '400', title, detail, source: { parameter } });
}

/** Records a parameter name; false (with an error) when it was already given. */
function firstOccurrence(context: Context, name: string, title: Title): boolean {
  if (context.seenParameters.has(name)) {
    fail(context, title, `The parameter "${name}" is given more than once.`, name);
    return false;
  }
  context.seenParameters.add(name);
  return true;
}

function buildQuery(context: Context): ListQuery {
  return {
    filters: context.filters,
    sort: context.sort ?? [{ field: 'id', direction: 'asc' }],
    page: { number: context.page.number ?? 1, size: context.page.size ?? context.options.defaultPageSize },
    include: context.include,
    fields: context.fields,
    meta: context.meta,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Splitting and dispatching parameters
// ---------------------------------------------------------------------------------------------------------------------

interface RawParameter {
  /** The name as the client wrote it (decoded), e.g. `filter[id]`, `page[size]`, `sort`. */
  name: string;
  /** `=`, or for filters the operator symbol (`>=`, `~`, ...); empty when the parameter has no value at all. */
  symbol: string;
  value: string;
}

type Family = 'filter' | 'sort' | 'page' | 'include' | 'fields' | 'meta';

function familyOf(name: string): Family | undefined {
  if (name.startsWith('filter')) return 'filter';
  if (name.startsWith('page')) return 'page';
  if (name.startsWith('fields')) return 'fields';
  if (name === 'sort' || name === 'include' || name === 'meta') return name;
  return undefined;
}

const LIST_ONLY_TITLES: Partial<Record<Family, Title>> = {
  filter: TITLE.filter,
  sort: TITLE.sort,
  page: TITLE.value,
};

function handlePart(part: string, context: Context): void {
  const decoded = decodeParameter(part);
  const parameter = splitParameter(decoded.text);
  const family = familyOf(parameter.name);
  if (family === undefined) return; // other parameters belong to someone else (e.g. tracking); they are ignored
  const { name } = parameter;
  if (decoded.malformed) {
    fail(context, TITLE.unexpected, `The parameter "${name}" is not correctly percent-encoded.`, name);
    return;
  }
  const listOnlyTitle = LIST_ONLY_TITLES[family];
  if (listOnlyTitle !== undefined && context.options.mode === 'single') {
    fail(context, listOnlyTitle, `The parameter "${name}" is not supported for this request.`, name);
    return;
  }
  switch (family) {
    case 'filter':
      return handleFilter(parameter, context);
    case 'sort':
      return handleSort(parameter, context);
    case 'page':
      return handlePage(parameter, context);
    case 'include':
      return handleInclude(parameter, context);
    case 'fields':
      return handleFields(parameter, context);
    case 'meta':
      return handleMeta(parameter, context);
  }
}

/** `+` is a space in query strings; a malformed escape is reported, decoded leniently only to name the parameter. */
function decodeParameter(part: string): { text: string; malformed: boolean } {
  const spaced = part.replace(/\+/g, ' ');
  try {
    return { text: decodeURIComponent(spaced), malformed: false };
  } catch {
    return { text: decodeLeniently(spaced), malformed: true };
  }
}

function decodeLeniently(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function splitParameter(text: string): RawParameter {
  return text.startsWith('filter') ? splitFilterParameter(text) : splitAtEquals(text);
}

function splitAtEquals(text: string): RawParameter {
  const at = text.indexOf('=');
  if (at < 0) return { name: text, symbol: '', value: '' };
  return { name: text.slice(0, at), symbol: '=', value: text.slice(at + 1) };
}

/** Filters carry their operator between name and value (`filter[id]>=5`), so `=` is not where the name ends. */
function splitFilterParameter(text: string): RawParameter {
  const key = FILTER_KEY.exec(text)?.[0] ?? 'filter';
  const rest = text.slice(key.length);
  if (rest === '') return { name: key, symbol: '', value: '' };
  const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
  if (symbol !== undefined) return { name: key, symbol, value: rest.slice(symbol.length) };
  return splitAtEquals(text); // malformed: the name then never matches FILTER_NAME
}

// ---------------------------------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------------------------------

type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };
type ScalarParser<T> = (text: string) => Parsed<T>;
type Scalar = string | number | boolean;

interface ValueSyntax {
  parse: ScalarParser<Scalar>;
  /** Comma-separated alternatives are accepted (otherwise a comma is part of the value). */
  lists: boolean;
  /** Set for ordered types: `eq`/`neq` then accept inclusive ranges `a..b`. */
  range?: ScalarParser<string | number>;
}


function handleFilter(parameter: RawParameter, context: Context): void {
  const { name, symbol, value } = parameter;
  const match = FILTER_NAME.exec(name);
  const fieldName: string | undefined = match?.[1];
  const operatorName: string | undefined = match?.[2];
  if (fieldName === undefined || (operatorName !== undefined && symbol !== '=' && symbol !== '')) {
    const expectedForm = '"filter[<field>]" or "filter[<field>][<operator>]"';
    const detail = `The parameter "${name}" is not a valid filter: expected ${expectedForm}.`;
    return fail(context, TITLE.filter, detail, name);
  }
  const field = filterField(fieldName, context.resource, context.resolve);
  if (field === undefined) return fail(context, TITLE.filter, `Filter "${name}" is not supported.`, name);

  const operator = operatorName ?? OPERATOR_SYMBOLS[symbol === '' ? '=' : symbol];
  if (!isFilterOperator(operator) || !field.operators.includes(operator)) {
    return fail(context, TITLE.filter, `The operator "${operator}" is not supported for the filter "${name}".`, name);
  }
  const filterKey = `${fieldName} ${operator}`;
  if (context.seenFilters.has(filterKey)) {
    return fail(context, TITLE.filter, `The filter "${name}" is given more than once.`, name);
  }
  context.seenFilters.add(filterKey);

  const values = parseFilterValues(value, operator, syntaxOf(field));
  if (!values.ok) {
    for (const detail of values.details) fail(context, TITLE.unexpected, detail, name);
    return;
  }
  context.filters.push({ field: fieldName, target: field.target, operator, values: values.items, parameter: name });
}

function isFilterOperator(name: string): name is FilterOperator {
  return ALL_OPERATORS.has(name);
}

/** How the values of a filter are read, from what the filter table says it takes. */
function syntaxOf(field: FilterField): ValueSyntax {
  const parse = valueParser(field.value);
  return { parse, lists: field.lists, range: field.ranges ? (parse as ScalarParser<string | number>) : undefined };
}

function valueParser(value: FilterValueKind): ScalarParser<Scalar> {
  if (value.kind === 'id') return parseId;
  if (value.kind === 'text-id') return (text) => (isResourceId({ idType: 'text' }, text) ? ok(text) : expected('identifier', text));
  const { attribute } = value;
  if (acceptsRanges(attribute.type)) return orderedParser(attribute.type);
  if (attribute.type === 'enum') return enumParser(attribute.values ?? []);
  if (attribute.type === 'boolean') return parseBoolean;
  return parseString;
}

function orderedParser(type: AttributeType): ScalarParser<string | number> {
  switch (type) {
    case 'integer':
      return parseInteger;
    case 'datetime':
      return parseDateTime;
    case 'date':
      return parseDate;
    default:
      return (text) => parseDecimal(text, type);
  }
}

type ValuesResult = { ok: true; items: FilterValueItem[] } | { ok: false; details: string[] };

function parseFilterValues(raw: string, operator: FilterOperator, syntax: ValueSyntax): ValuesResult {
  if (BOOLEAN_OPERATORS.has(operator)) {
    // `filter[name]*` alone asks for "exists".
    const parsed = raw === '' ? ok(true) : parseBoolean(raw);
    if (!parsed.ok) return { ok: false, details: [parsed.detail] };
    return { ok: true, items: [{ kind: 'value', value: parsed.value }] };
  }
  if (raw === '') return { ok: false, details: ['The filter value must not be empty.'] };

  const range = RANGE_OPERATORS.has(operator) ? syntax.range : undefined;
  const items: FilterValueItem[] = [];
  const details: string[] = [];
  for (const text of syntax.lists ? raw.split(',') : [raw]) {
    const item = parseValueItem(text, syntax.parse, range);
    if (item.ok) items.push(item.value);
    else details.push(item.detail);
  }
  return details.length > 0 ? { ok: false, details } : { ok: true, items };
}

function parseValueItem(
  text: string,
  parse: ScalarParser<Scalar>,
  range: ScalarParser<string | number> | undefined,
): Parsed<FilterValueItem> {
  const separator = range === undefined ? -1 : text.indexOf('..');
  if (range !== undefined && separator >= 0) {
    const from = range(text.slice(0, separator));
    if (!from.ok) return from;
    const to = range(text.slice(separator + 2));
    if (!to.ok) return to;
    return ok({ kind: 'range', from: from.value, to: to.value });
  }
  const parsed = parse(text);
  return parsed.ok ? ok({ kind: 'value', value: parsed.value }) : parsed;
}

// ---------------------------------------------------------------------------------------------------------------------
// Scalar values
// ---------------------------------------------------------------------------------------------------------------------

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function expected(what: string, given: string): Parsed<never> {
  return { ok: false, detail: `Expected ${what} value. Given "${echo(given)}".` };
}

function echo(text: string): string {
  return text.length > MAX_ECHO_LENGTH ? `${text.slice(0, MAX_ECHO_LENGTH)}…` : text;
}

/** Ids stay strings (they are strings in documents) but must be positive bigint values without leading zeros. */
function parseId(text: string): Parsed<string> {
  return /^[1-9]\d{0,18}$/.test(text) && BigInt(text) <= MAX_ID ? ok(text) : expected('positive integer', text);
}

function parseInteger(text: string): Parsed<number> {
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  // `+ 0` turns `-0` into 0.
  return Number.isSafeInteger(value) ? ok(value + 0) : expected('integer', text);
}

function parseDecimal(text: string, type: AttributeType): Parsed<string> {
  return /^-?\d+(\.\d+)?$/.test(text) ? ok(text) : expected(type, text);
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'no']);

function parseBoolean(text: string): Parsed<boolean> {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return expected('boolean', text);
}

function parseString(text: string): Parsed<string> {
  if (containsNulCharacter(text)) return { ok: false, detail: NUL_CHARACTER_DETAIL };
  if (text.length <= MAX_STRING_LENGTH) return ok(text);
  return {
    ok: false,
    detail: `Expected string value of at most ${MAX_STRING_LENGTH} characters. Given ${text.length} characters.`,
  };
}

function enumParser(values: readonly string[]): ScalarParser<string> {
  const allowed = values.map((value) => `"${value}"`).join(', ');
  return (text) =>
    values.includes(text) ? ok(text) : { ok: false, detail: `Expected one of ${allowed}. Given "${echo(text)}".` };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function parseDate(text: string): Parsed<string> {
  return isIsoDate(text) ? ok(text) : expected('date', text);
}

/** A date alone is midnight UTC, a time without zone is UTC; the result is normalized to `toISOString()`. */
function parseDateTime(text: string): Parsed<string> {
  const match = DATE_TIME.exec(text);
  if (match === null) return expected('datetime', text);
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const valid =
    isCalendarDate(Number(year), Number(month), Number(day)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    isZoneOffset(zone);
  if (!valid) return expected('datetime', text);
  const milliseconds = fraction.padEnd(3, '0');
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${milliseconds}${zone}`);
  // A zone offset can move 0001-01-01 into year 0, which PostgreSQL does not have.
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 ? expected('datetime', text) : ok(date.toISOString());
}

function isZoneOffset(zone: string): boolean {
  return zone === 'Z' || (Number(zone.slice(1, 3)) <= 23 && Number(zone.slice(4, 6)) <= 59);
}

// ---------------------------------------------------------------------------------------------------------------------
// Sort, paging, include, sparse fieldsets, meta
// ---------------------------------------------------------------------------------------------------------------------

function handleSort({ name, value }: RawParameter, context: Context): void {
  if (!firstOccurrence(context, name, TITLE.sort) || value === '') return;
  const sort: SortField[] = [];
  for (const item of value.split(',')) {
    const descending = item.startsWith('-');
    const field = descending ? item.slice(1) : item;
    const problem = sortFieldProblem(field, context.resource, sort);
    if (problem !== undefined) fail(context, TITLE.sort, problem, name);
    else sort.push({ field, direction: descending ? 'desc' : 'asc' });
  }
  context.sort = sort;
}

function sortFieldProblem(field: string, resource: ResourceDefinition, sort: SortField[]): string | undefined {
  if (field === '') return 'The sort field must not be empty.';
  if (field !== 'id' && ownEntry(resource.attributes, field)?.sort !== true) {
    return `Sorting by "${field}" field is not supported.`;
  }
  if (sort.some((existing) => existing.field === field)) return `Sorting by "${field}" field is given more than once.`;
  return undefined;
}

function handlePage({ name, value }: RawParameter, context: Context): void {
  if (name !== 'page[number]' && name !== 'page[size]') {
    return fail(context, TITLE.value, `The parameter "${name}" is not supported.`, name);
  }
  if (!firstOccurrence(context, name, TITLE.value)) return;
  const parsed = parseInteger(value);
  if (!parsed.ok) return fail(context, TITLE.unexpected, parsed.detail, name);
  const problem = name === 'page[number]' ? pageNumberProblem(parsed.value) : pageSizeProblem(parsed.value, context.options.maxPageSize);
  if (problem !== undefined) return fail(context, TITLE.value, problem, name);
  if (name === 'page[number]') context.page.number = parsed.value;
  else context.page.size = parsed.value;
}

function pageNumberProblem(number: number): string | undefined {
  return number < 1 ? 'The value should be greater than or equals to 1.' : undefined;
}

/** -1 asks for all records (the engine caps it at the maximum); a larger page than the maximum is refused. */
function pageSizeProblem(size: number, max = Number.MAX_SAFE_INTEGER): string | undefined {
  if (size < -1) return 'The value should be greater than or equals to -1.';
  if (size > max) return `The value should be less than or equals to ${max}.`;
  return size === 0 ? 'The value should not be equal to 0.' : undefined;
}

function handleInclude({ name, value }: RawParameter, context: Context): void {
  if (!firstOccurrence(context, name, TITLE.value) || value === '') return;
  for (const path of unique(value.split(','))) {
    const problem = includePathProblem(path, context);
    if (problem !== undefined) fail(context, TITLE.value, problem, name);
    else context.include.push(path);
  }
}

function includePathProblem(path: string, context: Context): string | undefined {
  const segments = path.split('.');
  if (segments.length > MAX_INCLUDE_DEPTH) {
    return `The include path "${path}" is too deep (at most ${MAX_INCLUDE_DEPTH} levels).`;
  }
  let current: ResourceDefinition | undefined = context.resource;
  for (const segment of segments) {
    const relationship: RelationshipDefinition | undefined =
      current === undefined ? undefined : ownEntry(current.relationships, segment);
    // The target must be loaded too: the engine has to render the included resources.
    current = relationship === undefined ? undefined : context.resolve(relationship.type);
    if (current === undefined) return `The relationship "${path}" does not exist.`;
  }
  return undefined;
}

function handleFields({ name, value }: RawParameter, context: Context): void {
  const type = FIELDS_NAME.exec(name)?.[1];
  if (type === undefined) return fail(context, TITLE.value, `The parameter "${name}" is not supported.`, name);
  if (!firstOccurrence(context, name, TITLE.value)) return;
  const target = context.resolve(type);
  if (target === undefined) return fail(context, TITLE.value, `Unknown resource type "${type}".`, name);

  const fields: string[] = [];
  for (const field of value === '' ? [] : unique(value.split(','))) {
    if (isResourceField(target, field)) fields.push(field);
    else fail(context, TITLE.value, `The field "${field}" does not exist in "${type}".`, name);
  }
  context.fields[type] = fields;
}

function isResourceField(resource: ResourceDefinition, field: string): boolean {
  return ownEntry(resource.attributes, field) !== undefined || ownEntry(resource.relationships, field) !== undefined;
}

function handleMeta({ name, value }: RawParameter, context: Context): void {
  if (!firstOccurrence(context, name, TITLE.value) || value === '') return;
  for (const property of unique(value.split(','))) {
    if (property === 'title' && context.resource.title) context.meta.push(property);
    else fail(context, TITLE.value, `The meta property "${property}" is not supported.`, name);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------------

/** Own entries only: `filter[constructor]` must not find `Object.prototype.constructor`. */
function ownEntry<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
