/**
 * The SQL of the customer-tree reads, shared by the query handlers and the hierarchy benchmark so that what is measured
 * is what runs. `path` holds the ids from the root down to the customer itself (GIN-indexed): a subtree is one index
 * lookup (`path @> ARRAY[id]`), ancestors and root are read from the customer's own row. Parameters: $1 organization,
 * $2 customer.
 */
export const CUSTOMER_VIEW_COLUMNS = `id::text AS id, organization_id::text AS "organizationId", name, parent_id::text AS "parentId",
  owner_id::text AS "ownerId", group_id::text AS "groupId", path[1]::text AS "rootId", lifetime_sales_value::text AS "lifetimeSalesValue",
  lifetime_paid_order_count AS "lifetimePaidOrderCount", subtree_lifetime_sales_value::text AS "subtreeLifetimeSalesValue"`;

// Ordered by the column (qualified: the select list's text alias "id" would sort as text).
export const CUSTOMER_SUBTREE_SQL = `SELECT ${CUSTOMER_VIEW_COLUMNS} FROM commerce.customer c
  WHERE c.organization_id = $1 AND c.path @> ARRAY[$2::bigint] ORDER BY c.id`;

export const CUSTOMER_ANCESTORS_SQL = `SELECT path[1:cardinality(path) - 1]::text[] AS ids FROM commerce.customer
  WHERE organization_id = $1 AND id = $2`;

export const CUSTOMER_ROOT_SQL = `SELECT path[1]::text AS "rootId" FROM commerce.customer WHERE organization_id = $1 AND id = $2`;

/**
 * Moves a customer ($2, whose path has $4 elements) with its whole subtree under the path $3 (the new parent's, empty
 * for a root; $5 is the new parent id): one UPDATE swaps the moved prefix of every path in the subtree.
 */
export const MOVE_SUBTREE_SQL = `UPDATE commerce.customer c
  SET path = $3::bigint[] || c.path[$4::int:],
      parent_id = CASE WHEN c.id = $2 THEN $5::bigint ELSE c.parent_id END,
      updated_at = CASE WHEN c.id = $2 THEN now() ELSE c.updated_at END
  WHERE c.organization_id = $1 AND c.path @> ARRAY[$2::bigint]`;
