import type { MigrationInterface, QueryRunner } from 'typeorm';

const TIMESTAMPS = `created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()`;
const ADDRESS_FIELDS = `
  label varchar(255),
  name_prefix varchar(255),
  first_name varchar(255),
  middle_name varchar(255),
  last_name varchar(255),
  name_suffix varchar(255),
  organization varchar(255),
  street varchar(500),
  street2 varchar(500),
  city varchar(255),
  postal_code varchar(255),
  country_code char(2),
  region_code varchar(16),
  region_text varchar(255),
  phone varchar(255),
  is_primary boolean NOT NULL DEFAULT false`;

/**
 * The Commerce tables: customers (with their tree), groups, ratings, payment terms, tax codes, customer users and their
 * roles, addresses of customers and of customer users, and orders. Back-office users are referenced by id only.
 */
export class CommerceCustomersUsersOrders1763900002000 implements MigrationInterface {
  name = 'CommerceCustomersUsersOrders1763900002000';

  async up(q: QueryRunner): Promise<void> {
    // Oro ships the internal ratings as an enum; ours are fixed values (they are demo data in Oro).
    await q.query(`
      CREATE TABLE commerce.customer_rating (
        id varchar(32) PRIMARY KEY,
        name varchar(255) NOT NULL,
        priority int NOT NULL,
        is_default boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      INSERT INTO commerce.customer_rating (id, name, priority)
      SELECT n || '_of_5', n || ' of 5', n FROM generate_series(1, 5) AS n`);
    await q.query(`
      CREATE TABLE commerce.payment_term (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        label varchar(255) NOT NULL,
        ${TIMESTAMPS},
        UNIQUE (organization_id, label)
      )`);
    await q.query(`
      CREATE TABLE commerce.customer_tax_code (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        code varchar(255) NOT NULL,
        description text,
        ${TIMESTAMPS},
        UNIQUE (organization_id, code)
      )`);
    await q.query(`
      CREATE TABLE commerce.customer_group (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        name varchar(255) NOT NULL,
        payment_term_id bigint REFERENCES commerce.payment_term ON DELETE SET NULL,
        tax_code_id bigint REFERENCES commerce.customer_tax_code ON DELETE SET NULL,
        is_anonymous boolean NOT NULL DEFAULT false,
        ${TIMESTAMPS}
      )`);
    await q.query(`CREATE UNIQUE INDEX customer_group_one_anonymous_idx ON commerce.customer_group (organization_id) WHERE is_anonymous`);
    await q.query(`
      INSERT INTO commerce.customer_group (organization_id, name, is_anonymous)
      SELECT id, 'Non-Authenticated Visitors', true FROM platform.organization`);

    // path = the ids from the root down to the customer itself: ancestors, root and subtree are index lookups.
    await q.query(`
      CREATE TABLE commerce.customer (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        name varchar(255) NOT NULL,
        parent_id bigint REFERENCES commerce.customer ON DELETE SET NULL,
        path bigint[] NOT NULL DEFAULT '{}',
        group_id bigint REFERENCES commerce.customer_group ON DELETE SET NULL,
        internal_rating_id varchar(32) REFERENCES commerce.customer_rating ON DELETE SET NULL,
        payment_term_id bigint REFERENCES commerce.payment_term ON DELETE SET NULL,
        tax_code_id bigint REFERENCES commerce.customer_tax_code ON DELETE SET NULL,
        external_id varchar(36),
        lifetime_sales_value numeric(19, 4) NOT NULL DEFAULT 0,
        ${TIMESTAMPS},
        UNIQUE (organization_id, external_id)
      )`);
    await q.query(`CREATE INDEX customer_organization_name_idx ON commerce.customer (organization_id, name)`);
    await q.query(`CREATE INDEX customer_parent_idx ON commerce.customer (parent_id)`);
    await q.query(`CREATE INDEX customer_path_idx ON commerce.customer USING gin (path)`);
    await q.query(`CREATE INDEX customer_group_idx ON commerce.customer (group_id)`);
    await q.query(`
      CREATE TABLE commerce.customer_sales_representative (
        customer_id bigint NOT NULL REFERENCES commerce.customer ON DELETE CASCADE,
        user_id bigint NOT NULL,
        PRIMARY KEY (customer_id, user_id)
      )`);

    await q.query(`
      CREATE TABLE commerce.customer_user_role (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        customer_id bigint REFERENCES commerce.customer ON DELETE SET NULL,
        role varchar(255) NOT NULL,
        label varchar(255) NOT NULL,
        self_managed boolean NOT NULL DEFAULT false,
        public boolean NOT NULL DEFAULT true,
        ${TIMESTAMPS},
        UNIQUE (organization_id, role)
      )`);
    await q.query(`CREATE UNIQUE INDEX customer_user_role_label_idx ON commerce.customer_user_role (organization_id, label, coalesce(customer_id, 0))`);
    await q.query(`
      CREATE TABLE commerce.customer_user_role_permission (
        role_id bigint NOT NULL REFERENCES commerce.customer_user_role ON DELETE CASCADE,
        entity text NOT NULL,
        permission text NOT NULL,
        access_level text NOT NULL CHECK (access_level IN ('none', 'user', 'department', 'corporate', 'full')),
        PRIMARY KEY (role_id, entity, permission)
      )`);
    await q.query(`
      CREATE TABLE commerce.customer_user (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        customer_id bigint NOT NULL REFERENCES commerce.customer,
        email varchar(255) NOT NULL,
        email_lowercase varchar(255) NOT NULL,
        name_prefix varchar(255),
        first_name varchar(255) NOT NULL,
        middle_name varchar(255),
        last_name varchar(255) NOT NULL,
        name_suffix varchar(255),
        birthday date,
        enabled boolean NOT NULL DEFAULT true,
        confirmed boolean NOT NULL DEFAULT true,
        is_guest boolean NOT NULL DEFAULT false,
        auth_status text NOT NULL DEFAULT 'active' CHECK (auth_status IN ('active', 'reset')),
        password_hash text,
        last_login timestamptz,
        login_count int NOT NULL DEFAULT 0,
        ${TIMESTAMPS}
      )`);
    await q.query(`CREATE INDEX customer_user_email_idx ON commerce.customer_user (organization_id, email_lowercase)`);
    await q.query(`CREATE INDEX customer_user_customer_idx ON commerce.customer_user (customer_id)`);
    await q.query(`
      CREATE TABLE commerce.customer_user_to_role (
        customer_user_id bigint NOT NULL REFERENCES commerce.customer_user ON DELETE CASCADE,
        role_id bigint NOT NULL REFERENCES commerce.customer_user_role,
        PRIMARY KEY (customer_user_id, role_id)
      )`);
    await q.query(`CREATE INDEX customer_user_to_role_role_idx ON commerce.customer_user_to_role (role_id)`);
    await q.query(`
      CREATE TABLE commerce.customer_user_sales_representative (
        customer_user_id bigint NOT NULL REFERENCES commerce.customer_user ON DELETE CASCADE,
        user_id bigint NOT NULL,
        PRIMARY KEY (customer_user_id, user_id)
      )`);

    for (const [table, ownerColumn, ownerTable] of [
      ['customer_address', 'customer_id', 'customer'],
      ['customer_user_address', 'customer_user_id', 'customer_user'],
    ]) {
      await q.query(`
        CREATE TABLE commerce.${table} (
          id bigserial PRIMARY KEY,
          organization_id bigint NOT NULL,
          owner_id bigint,
          ${ownerColumn} bigint NOT NULL REFERENCES commerce.${ownerTable} ON DELETE CASCADE,
          ${ADDRESS_FIELDS},
          ${TIMESTAMPS}
        )`);
      await q.query(`CREATE INDEX ${table}_owner_idx ON commerce.${table} (${ownerColumn})`);
      // The frontend owner is repeated on the type rows so that "one default per type per owner" is a unique index.
      await q.query(`
        CREATE TABLE commerce.${table}_type (
          address_id bigint NOT NULL REFERENCES commerce.${table} ON DELETE CASCADE,
          ${ownerColumn} bigint NOT NULL REFERENCES commerce.${ownerTable} ON DELETE CASCADE,
          type text NOT NULL CHECK (type IN ('billing', 'shipping')),
          is_default boolean NOT NULL DEFAULT false,
          PRIMARY KEY (address_id, type)
        )`);
      await q.query(`CREATE UNIQUE INDEX ${table}_type_one_default_idx ON commerce.${table}_type (${ownerColumn}, type) WHERE is_default`);
    }

    await q.query(`
      CREATE TABLE commerce.order (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        identifier varchar(255) NOT NULL,
        customer_id bigint NOT NULL REFERENCES commerce.customer,
        customer_user_id bigint REFERENCES commerce.customer_user,
        currency char(3) NOT NULL,
        subtotal numeric(19, 4) NOT NULL DEFAULT 0,
        total numeric(19, 4) NOT NULL DEFAULT 0,
        base_subtotal numeric(19, 4),
        internal_status text NOT NULL DEFAULT 'open' CHECK (internal_status IN ('open', 'pending', 'processing', 'closed', 'cancelled')),
        payment_status text CHECK (payment_status IN ('full', 'partially', 'invoiced', 'authorized', 'authorized_partially', 'declined',
          'pending', 'canceled', 'canceled_partially', 'refunded', 'refunded_partially')),
        ${TIMESTAMPS},
        UNIQUE (organization_id, identifier)
      )`);
    await q.query(`CREATE INDEX order_customer_idx ON commerce.order (customer_id, created_at DESC)`);
    await q.query(`CREATE INDEX order_customer_user_idx ON commerce.order (customer_user_id)`);
    // Exactly the rows a customer's lifetime sales value sums, so recomputation reads only the index.
    await q.query(`
      CREATE INDEX order_lifetime_idx ON commerce.order (customer_id) INCLUDE (base_subtotal)
      WHERE payment_status = 'full' AND internal_status <> 'cancelled'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'order', 'customer_user_address_type', 'customer_user_address', 'customer_address_type', 'customer_address',
      'customer_user_sales_representative', 'customer_user_to_role', 'customer_user', 'customer_user_role_permission',
      'customer_user_role', 'customer_sales_representative', 'customer', 'customer_group', 'customer_tax_code', 'payment_term',
      'customer_rating',
    ]) {
      await q.query(`DROP TABLE commerce.${table}`);
    }
  }
}
