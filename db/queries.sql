-- queries.sql: the named statements of the PostgreSQL layer.
--
-- Each statement starts at a "-- name: <name>" line and runs to the next one;
-- ava_pg_sql_get() looks them up by name. Values are always bound parameters
-- ($1...) or COPY data, never text pasted into a statement.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

-- name: schema_lock
-- Serializes migrations between concurrent first starts of the app.
SELECT pg_advisory_xact_lock(hashtext('org.avastrolytics.schema'))

-- name: schema_create_migrations
CREATE TABLE IF NOT EXISTS schema_migrations (
  version     integer PRIMARY KEY CHECK (version > 0),
  applied_at  timestamptz NOT NULL DEFAULT now()
)

-- name: schema_applied_versions
SELECT version FROM schema_migrations ORDER BY version

-- name: schema_has_migrations
SELECT to_regclass('schema_migrations') IS NOT NULL

-- name: schema_version
SELECT coalesce(max(version), 0) FROM schema_migrations

-- name: schema_record_version
INSERT INTO schema_migrations (version) VALUES ($1::integer)

-- name: import_lock
-- One import at a time: the merge counts what is already present, and the
-- bulk path changes the invoice_lines indexes.
SELECT pg_advisory_xact_lock(hashtext('org.avastrolytics.import'))

-- name: import_settings
-- Local to the import transaction. More sort memory makes the index builds
-- after a bulk load one in-memory sort each.
SELECT set_config('maintenance_work_mem', '256MB', true),
       set_config('work_mem', '64MB', true)

-- name: import_create_staging
CREATE TEMPORARY TABLE stage_invoices (
  invoice_no   text COLLATE "C" NOT NULL PRIMARY KEY,
  customer_id  bigint,
  country      text COLLATE "C" NOT NULL,
  kind         text NOT NULL
) ON COMMIT DROP;
CREATE TEMPORARY TABLE stage_products (
  stock_code  text COLLATE "C" NOT NULL PRIMARY KEY,
  is_service  boolean NOT NULL
) ON COMMIT DROP

-- name: import_copy_invoices
COPY stage_invoices (invoice_no, customer_id, country, kind) FROM STDIN

-- name: import_copy_products
COPY stage_products (stock_code, is_service) FROM STDIN

-- name: import_find_conflict
-- An invoice stored with another customer or country than the file says.
SELECT s.invoice_no, i.customer_id, c.name, s.customer_id, s.country
  FROM stage_invoices s
  JOIN invoices i ON i.invoice_no = s.invoice_no
  JOIN countries c ON c.id = i.country_id
 WHERE i.customer_id IS DISTINCT FROM s.customer_id
    OR c.name <> s.country
 ORDER BY s.invoice_no
 LIMIT 1

-- name: import_insert_countries
INSERT INTO countries (name)
SELECT DISTINCT country FROM stage_invoices ORDER BY country
ON CONFLICT (name) DO NOTHING

-- name: import_insert_customers
INSERT INTO customers (customer_id)
SELECT DISTINCT customer_id FROM stage_invoices
 WHERE customer_id IS NOT NULL
 ORDER BY customer_id
ON CONFLICT (customer_id) DO NOTHING

-- name: import_insert_products
INSERT INTO products (stock_code, is_service)
SELECT stock_code, is_service FROM stage_products ORDER BY stock_code
ON CONFLICT (stock_code) DO NOTHING

-- name: import_insert_invoices
INSERT INTO invoices (invoice_no, customer_id, country_id, kind)
SELECT s.invoice_no, s.customer_id, c.id, s.kind
  FROM stage_invoices s
  JOIN countries c ON c.name = s.country
 ORDER BY s.invoice_no
ON CONFLICT (invoice_no) DO NOTHING

-- name: import_insert_run
INSERT INTO import_runs (source_name, started_at, input_rows, rejected,
                         duplicates_dropped, kept_lines, sale_lines,
                         return_lines, excluded_lines, first_invoiced_at,
                         last_invoiced_at)
VALUES ($1, now(), $2::bigint, $3::bigint, $4::bigint, $5::bigint, $6::bigint,
        $7::bigint, $8::bigint, $9::timestamp, $10::timestamp)
RETURNING id

-- name: import_lines_empty
SELECT NOT EXISTS (SELECT FROM invoice_lines)

-- name: import_table_ddl
-- How to drop and rebuild the constraints and indexes of table $1 around a
-- bulk load, read from the catalog so that schema.sql and indexes.sql stay
-- the only definitions. With $2 false the primary and unique keys stay: a
-- merge needs them as ON CONFLICT arbiters. Rows come in rebuild order: keys
-- and indexes first, then the foreign keys, whose checks are then one join
-- each instead of one lookup per row.
SELECT drop_sql, create_sql
  FROM (SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS drop_sql,
               format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,
                      pg_get_constraintdef(oid)) AS create_sql,
               CASE contype WHEN 'f' THEN 2 ELSE 0 END AS step,
               conname::text AS name
          FROM pg_constraint
         WHERE conrelid = $1::regclass
           AND (contype = 'f' OR (contype IN ('p', 'u') AND $2::boolean))
        UNION ALL
        SELECT format('DROP INDEX %s', indexrelid::regclass),
               pg_get_indexdef(indexrelid),
               1,
               indexrelid::regclass::text
          FROM pg_index
         WHERE indrelid = $1::regclass
           AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = indexrelid)) AS ddl
 ORDER BY step, name

-- name: import_reserve_line_ids
-- Takes a block of $1 ids from the identity sequence and returns its last id.
-- Sequences ignore rollbacks: a failed import leaves a gap, nothing worse.
SELECT setval(pg_get_serial_sequence('invoice_lines', 'id'),
              nextval(pg_get_serial_sequence('invoice_lines', 'id')) + $1::bigint - 1)

-- name: import_truncate_lines
-- The table is empty (checked under the import lock); truncating it in this
-- transaction allows COPY FREEZE, so the new rows need no later vacuum pass
-- to become visible to index-only scans and no hint-bit writes on first read.
TRUNCATE invoice_lines

-- name: import_copy_lines
COPY invoice_lines (id, invoice_no, stock_code, description, quantity,
                    invoiced_at, unit_price, line_class, import_run_id)
FROM STDIN (FREEZE)

-- name: import_create_line_staging
CREATE TEMPORARY TABLE stage_lines (
  id           bigint NOT NULL,
  invoice_no   text COLLATE "C" NOT NULL,
  stock_code   text COLLATE "C" NOT NULL,
  description  text COLLATE "C" NOT NULL,
  quantity     integer NOT NULL,
  invoiced_at  timestamp NOT NULL,
  unit_price   numeric(14, 4) NOT NULL,
  line_class   smallint NOT NULL,
  import_run_id bigint NOT NULL
) ON COMMIT DROP

-- name: import_copy_staged_lines
COPY stage_lines (id, invoice_no, stock_code, description, quantity,
                  invoiced_at, unit_price, line_class, import_run_id)
FROM STDIN

-- name: import_merge_lines
INSERT INTO invoice_lines (id, invoice_no, stock_code, description, quantity,
                           invoiced_at, unit_price, line_class, import_run_id)
OVERRIDING SYSTEM VALUE
SELECT id, invoice_no, stock_code, description, quantity, invoiced_at,
       unit_price, line_class, import_run_id
  FROM stage_lines
 ORDER BY id
ON CONFLICT ON CONSTRAINT invoice_lines_line_key DO NOTHING

-- name: import_copy_rejected
COPY rejected_rows (import_run_id, line, reason) FROM STDIN

-- name: import_finish_run
UPDATE import_runs
   SET finished_at = clock_timestamp(),
       new_lines = $2::bigint,
       already_present_lines = $3::bigint,
       new_customers = $4::integer,
       new_products = $5::integer,
       new_invoices = $6::integer
 WHERE id = $1::bigint
