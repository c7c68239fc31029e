/**
 * The role permission matrix: resource × VIEW/CREATE/EDIT/DELETE/ASSIGN with an access level in each cell, read from
 * a role's `permissions` attribute and written back as a whole (one PATCH). Back-office roles and customer-user roles
 * store their grants differently; both become the same matrix here.
 */
export const PERMISSIONS = ['VIEW', 'CREATE', 'EDIT', 'DELETE', 'ASSIGN'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Row key → permission → level; a missing cell is "not granted by this row". */
export type Matrix = Map<string, Map<Permission, string>>;

export interface MatrixKind {
  /** The levels a row offers, lowest first. */
  levels: (row: string) => readonly string[];
  parse: (raw: unknown) => Matrix;
  serialize: (matrix: Matrix) => unknown[];
}

const BACK_OFFICE_LEVELS = ['none', 'own', 'organization'] as const;

function raise(matrix: Matrix, row: string, permission: Permission, level: string, order: readonly string[]): void {
  const cells = matrix.get(row) ?? new Map<Permission, string>();
  const current = cells.get(permission);
  if (current === undefined || order.indexOf(level) > order.indexOf(current)) cells.set(permission, level);
  matrix.set(row, cells);
}

function grantsOf(raw: unknown): Array<Record<string, unknown>> {
  const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
}

/**
 * Back-office roles (`roles.permissions`): grants `{resource, permission, level}` where resource is a type, a whole
 * module (`module:crm`) or everything (`*`) and permission may be `*`. A `*` permission fills the row; a row whose
 * five cells agree is written back as one `*` grant, so the predefined roles keep their shape.
 */
export const backOfficeMatrix: MatrixKind = {
  levels: () => BACK_OFFICE_LEVELS,
  parse(raw) {
    const matrix: Matrix = new Map();
    for (const grant of grantsOf(raw)) {
      const resource = String(grant.resource);
      const permissions = grant.permission === '*' ? PERMISSIONS : PERMISSIONS.filter((p) => p === grant.permission);
      for (const permission of permissions) raise(matrix, resource, permission, String(grant.level), BACK_OFFICE_LEVELS);
    }
    return matrix;
  },
  serialize(matrix) {
    const grants: Array<{ resource: string; permission: string; level: string }> = [];
    for (const [resource, cells] of matrix) {
      const levels = PERMISSIONS.map((p) => cells.get(p));
      if (levels.every((level) => level !== undefined && level === levels[0])) grants.push({ resource, permission: '*', level: levels[0]! });
      else for (const permission of PERMISSIONS) if (cells.has(permission)) grants.push({ resource, permission, level: cells.get(permission)! });
    }
    return grants;
  },
};

/**
 * The storefront entities a customer-user role grants on and the levels each offers (the commerce module's contract,
 * echoed by the API in its error messages): a permission left out is none.
 */
export const STOREFRONT_ENTITY_LEVELS: Record<string, readonly string[]> = {
  customers: ['none', 'department', 'corporate'],
  customeraddresses: ['none', 'department', 'corporate'],
  customerusers: ['none', 'department', 'corporate'],
  customeruseraddresses: ['none', 'user', 'department', 'corporate'],
  customeruserroles: ['none', 'department', 'corporate'],
  orders: ['none', 'user', 'department', 'corporate'],
};

/** Customer-user roles (`customeruserroles.permissions`): `{entity, permission, accessLevel}`, one per pair. */
export const storefrontMatrix: MatrixKind = {
  levels: (row) => STOREFRONT_ENTITY_LEVELS[row] ?? ['none'],
  parse(raw) {
    const matrix: Matrix = new Map(Object.keys(STOREFRONT_ENTITY_LEVELS).map((entity) => [entity, new Map()]));
    for (const grant of grantsOf(raw)) {
      const entity = String(grant.entity);
      const permission = PERMISSIONS.find((p) => p === grant.permission);
      if (permission) raise(matrix, entity, permission, String(grant.accessLevel), STOREFRONT_ENTITY_LEVELS[entity] ?? []);
    }
    return matrix;
  },
  serialize(matrix) {
    const grants: Array<{ entity: string; permission: string; accessLevel: string }> = [];
    for (const [entity, cells] of matrix) {
      for (const permission of PERMISSIONS) {
        const level = cells.get(permission);
        if (level !== undefined && level !== 'none') grants.push({ entity, permission, accessLevel: level });
      }
    }
    return grants;
  },
};

/** Back-office grants on these are checked like resource types, but the document does not list them as resources. */
export const PERMISSION_ONLY_RESOURCES: readonly string[] = ['settings'];

/**
 * The rows a back-office role's matrix shows: everything (`*`, always first), then the whole modules and then the
 * resource types it grants on or that were added to it ("Add resource"), each sorted by their label.
 */
export function backOfficeRows(matrix: Matrix, added: readonly string[], label: (row: string) => string): string[] {
  const rows = [...new Set([...matrix.keys(), ...added])].filter((row) => row !== '*');
  const byLabel = (a: string, b: string) => label(a).localeCompare(label(b));
  return ['*', ...rows.filter((row) => row.startsWith('module:')).sort(byLabel), ...rows.filter((row) => !row.startsWith('module:')).sort(byLabel)];
}

/**
 * What "Add resource" offers a back-office role: the loaded modules (the platform's own types are granted one by one)
 * and the resource types served here (with `settings`) that have no row yet, modules first, each sorted by label.
 */
export function addableRows(shown: readonly string[], served: Iterable<string>, modules: ReadonlyMap<string, string>, label: (row: string) => string): string[] {
  const present = new Set(shown);
  const byLabel = (a: string, b: string) => label(a).localeCompare(label(b));
  const moduleRows = [...new Set([...modules.values()].filter((module) => module !== 'platform'))].map((module) => `module:${module}`);
  const types = [...new Set([...served, ...PERMISSION_ONLY_RESOURCES])];
  return [...moduleRows.sort(byLabel), ...types.sort(byLabel)].filter((row) => !present.has(row));
}

/** The matrix with one cell changed (undefined: the row no longer grants that permission). */
export function withCell(matrix: Matrix, row: string, permission: Permission, level: string | undefined): Matrix {
  const next: Matrix = new Map([...matrix].map(([key, cells]) => [key, new Map(cells)]));
  const cells = next.get(row) ?? new Map<Permission, string>();
  if (level === undefined) cells.delete(permission);
  else cells.set(permission, level);
  next.set(row, cells);
  return next;
}
