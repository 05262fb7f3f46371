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
-- after a bulk load one in-memory sort each. The import's ANALYZE runs
-- sample 3,000 rows per table instead of 30,000: a fifth of the time of an
-- import into an empty database went to statistics, whose coarser form
-- plans the KPI queries just as well; autovacuum refines them after the
-- commit, as the import's rows count as changes since that ANALYZE.
SELECT set_config('maintenance_work_mem', '256MB', true),
       set_config('work_mem', '64MB', true),
       set_config('default_statistics_target', '10', true)

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
-- Whether the lines table is empty, and whether every table the import
-- adds to is.
SELECT NOT EXISTS (SELECT FROM invoice_lines),
       NOT EXISTS (SELECT FROM invoice_lines) AND NOT EXISTS (SELECT FROM invoices) AND
         NOT EXISTS (SELECT FROM products) AND NOT EXISTS (SELECT FROM customers) AND
         NOT EXISTS (SELECT FROM countries)

-- name: import_copy_new_countries
-- Into an empty database: the reference tables need no staging, no
-- conflict check and no merge.
COPY countries (name) FROM STDIN

-- name: import_copy_new_customers
COPY customers (customer_id) FROM STDIN

-- name: import_copy_new_products
COPY products (stock_code, is_service) FROM STDIN

-- name: import_copy_new_invoices
COPY invoices (invoice_no, customer_id, country_id, kind) FROM STDIN

-- name: import_table_ddl
-- How to drop and rebuild the constraints and indexes of table $1 around a
-- bulk load, read from the catalog so that the migrations stay the only
-- definitions. With $2 false the primary and unique keys stay: a merge needs
-- them as ON CONFLICT arbiters. Rows come in rebuild order: keys and indexes
-- first, then the foreign keys, whose checks are then one join each instead
-- of one lookup per row.
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

-- name: import_truncate_lines
-- The table is empty (checked under the import lock), and so are the
-- variants that only lines and their rollups use; truncating them in this
-- transaction allows COPY FREEZE, so the new rows need no later vacuum pass
-- to become visible to index-only scans and no hint-bit writes on first read.
TRUNCATE invoice_lines, product_variants

-- name: import_copy_variants
-- Into the truncated table: the pairs of the file's lines, numbered by the
-- importer in byte order, as migration 7 numbers them.
COPY product_variants (id, stock_code, description) FROM STDIN (FORMAT binary, FREEZE)

-- name: import_copy_lines
-- Binary: the server then parses no times and numerics (a fifth of the
-- COPY's time on the real file).
COPY invoice_lines (invoice_no, variant_id, quantity,
                    invoiced_at, unit_price, line_class, import_run_id)
FROM STDIN (FORMAT binary, FREEZE)

-- name: import_create_line_staging
CREATE TEMPORARY TABLE stage_lines (
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
COPY stage_lines (invoice_no, stock_code, description, quantity,
                  invoiced_at, unit_price, line_class, import_run_id)
FROM STDIN (FORMAT binary)

-- name: import_insert_variants
-- The staged pairs of stock code and description without an id get the
-- next ids (the import lock is held), in byte order.
INSERT INTO product_variants (id, stock_code, description)
SELECT (SELECT coalesce(max(id), 0) FROM product_variants) +
         row_number() OVER (ORDER BY stock_code, description),
       stock_code, description
  FROM (SELECT DISTINCT s.stock_code, s.description
          FROM stage_lines s
         WHERE NOT EXISTS (SELECT FROM product_variants v
                            WHERE v.stock_code = s.stock_code AND v.description = s.description)) AS new

-- name: import_merge_lines
-- The staged lines come in line key order (the importer sends them so),
-- which the variants' ids follow for pairs numbered together.
INSERT INTO invoice_lines (invoice_no, variant_id, quantity,
                           invoiced_at, unit_price, line_class, import_run_id)
SELECT s.invoice_no, v.id, s.quantity, s.invoiced_at,
       s.unit_price, s.line_class, s.import_run_id
  FROM stage_lines s
  JOIN product_variants v ON v.stock_code = s.stock_code AND v.description = s.description
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

-- name: rollup_create_temp
-- The working tables of a rollup refresh; PQexec, no parameters.
CREATE TEMPORARY TABLE touched_invoices (
  invoice_no  text COLLATE "C" PRIMARY KEY
) ON COMMIT DROP;
CREATE TEMPORARY TABLE product_delta (
  day          date NOT NULL,
  country_id   integer NOT NULL,
  variant_id   integer NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL
) ON COMMIT DROP

-- name: rollup_touched_invoices
-- The invoices run $1 added lines to: the rollup rows to recompute. Lines
-- are only ever added, so no other invoice changed.
INSERT INTO touched_invoices (invoice_no)
SELECT DISTINCT invoice_no
  FROM invoice_lines
 WHERE import_run_id = $1::bigint

-- name: rollup_analyze_touched
ANALYZE touched_invoices

-- name: rollup_delete_invoice_totals
DELETE FROM invoice_month_totals t
 USING touched_invoices x
 WHERE t.invoice_no = x.invoice_no

-- name: rollup_insert_invoice_totals
INSERT INTO invoice_month_totals (invoice_no, month, line_class, customer_id, country_id,
                                  amount, units, n_lines, first_at, last_at, only_row)
SELECT l.invoice_no,
       (extract(year FROM l.invoiced_at) * 12 + extract(month FROM l.invoiced_at) - 1)::integer,
       l.line_class, i.customer_id, i.country_id,
       sum(l.quantity * l.unit_price), sum(l.quantity), count(*),
       min(l.invoiced_at), max(l.invoiced_at),
       count(*) OVER (PARTITION BY l.invoice_no, l.line_class) = 1
  FROM touched_invoices x
  JOIN invoice_lines l ON l.invoice_no = x.invoice_no
  JOIN invoices i ON i.invoice_no = x.invoice_no
 WHERE l.line_class IN (0, 1)
 GROUP BY 1, 2, 3, 4, 5

-- name: rollup_product_delta
-- Per day, country, product and description: what the touched invoices'
-- merchandise sale lines add to the product rollups, times $1 (1 or -1).
-- With $2 (a run id), only the lines of earlier runs: with -1, what those
-- invoices added before. Invoices in split_invoices are left out. An invoice
-- is one order of a product, counted on the row of the smallest of its
-- descriptions for it, so that a product's rows add up to its orders.
INSERT INTO product_delta (day, country_id, variant_id, units, revenue, n_lines, orders)
SELECT day, country_id, variant_id, sum(units), sum(revenue), sum(n_lines), sum(orders)
  FROM (SELECT min(l.invoiced_at)::date AS day, i.country_id, v.id AS variant_id,
               $1::integer * sum(l.quantity) AS units,
               $1::integer * sum(l.quantity * l.unit_price) AS revenue,
               $1::integer * count(*) AS n_lines,
               $1::integer * (row_number() OVER (PARTITION BY i.invoice_no, v.stock_code
                                                  ORDER BY v.description) = 1)::integer AS orders
          FROM touched_invoices x
          JOIN invoices i ON i.invoice_no = x.invoice_no
          JOIN invoice_lines l ON l.invoice_no = x.invoice_no
          JOIN product_variants v ON v.id = l.variant_id
          JOIN products p ON p.stock_code = v.stock_code
         WHERE l.line_class = 0
           AND NOT p.is_service
           AND ($2::bigint IS NULL OR l.import_run_id <> $2::bigint)
           AND NOT EXISTS (SELECT FROM split_invoices s WHERE s.invoice_no = x.invoice_no)
         GROUP BY i.invoice_no, v.id) AS per_invoice
 GROUP BY 1, 2, 3

-- name: rollup_insert_split_invoices
-- Touched invoices whose sale lines now fall on more than one day. Once
-- split, an invoice stays split: lines are never removed.
INSERT INTO split_invoices (invoice_no)
SELECT l.invoice_no
  FROM touched_invoices x
  JOIN invoice_lines l ON l.invoice_no = x.invoice_no
 WHERE l.line_class = 0
 GROUP BY l.invoice_no
HAVING min(l.invoiced_at)::date <> max(l.invoiced_at)::date
ON CONFLICT (invoice_no) DO NOTHING

-- name: rollup_apply_product_delta
-- PQexec, no parameters. The delta has up to two rows per key (before and
-- after): sum them, per day, month, month for all countries and all time; then
-- UPDATE and INSERT rather than INSERT ... ON CONFLICT: on the first, large
-- import, two joins beat a conflict check per row.
CREATE TEMPORARY TABLE product_day_delta ON COMMIT DROP AS
SELECT day, country_id, variant_id,
       sum(units) AS units, sum(revenue) AS revenue, sum(n_lines) AS n_lines, sum(orders) AS orders
  FROM product_delta
 GROUP BY 1, 2, 3;
CREATE TEMPORARY TABLE product_month_delta ON COMMIT DROP AS
SELECT (extract(year FROM day) * 12 + extract(month FROM day) - 1)::integer AS month,
       country_id, variant_id,
       sum(units) AS units, sum(revenue) AS revenue, sum(n_lines) AS n_lines, sum(orders) AS orders
  FROM product_day_delta
 GROUP BY 1, 2, 3;
CREATE TEMPORARY TABLE product_country_all_delta ON COMMIT DROP AS
SELECT country_id, variant_id,
       sum(units) AS units, sum(revenue) AS revenue, sum(n_lines) AS n_lines, sum(orders) AS orders
  FROM product_month_delta
 GROUP BY 1, 2;
CREATE TEMPORARY TABLE product_month_all_delta ON COMMIT DROP AS
SELECT month, variant_id,
       sum(units) AS units, sum(revenue) AS revenue, sum(n_lines) AS n_lines, sum(orders) AS orders
  FROM product_month_delta
 GROUP BY 1, 2;
CREATE TEMPORARY TABLE product_all_delta ON COMMIT DROP AS
SELECT variant_id,
       sum(units) AS units, sum(revenue) AS revenue, sum(n_lines) AS n_lines, sum(orders) AS orders
  FROM product_month_all_delta
 GROUP BY 1;
ANALYZE product_day_delta, product_month_delta, product_country_all_delta, product_month_all_delta,
        product_all_delta;

UPDATE product_day_sales t
   SET units = t.units + d.units, revenue = t.revenue + d.revenue,
       n_lines = t.n_lines + d.n_lines, orders = t.orders + d.orders
  FROM product_day_delta d
 WHERE t.day = d.day AND t.country_id = d.country_id AND t.variant_id = d.variant_id;
INSERT INTO product_day_sales
SELECT d.* FROM product_day_delta d
 WHERE NOT EXISTS (SELECT FROM product_day_sales t
                    WHERE t.day = d.day AND t.country_id = d.country_id AND t.variant_id = d.variant_id);

UPDATE product_month_sales t
   SET units = t.units + d.units, revenue = t.revenue + d.revenue,
       n_lines = t.n_lines + d.n_lines, orders = t.orders + d.orders
  FROM product_month_delta d
 WHERE t.month = d.month AND t.country_id = d.country_id AND t.variant_id = d.variant_id;
INSERT INTO product_month_sales
SELECT d.* FROM product_month_delta d
 WHERE NOT EXISTS (SELECT FROM product_month_sales t
                    WHERE t.month = d.month AND t.country_id = d.country_id AND t.variant_id = d.variant_id);

UPDATE product_country_sales_all t
   SET units = t.units + d.units, revenue = t.revenue + d.revenue,
       n_lines = t.n_lines + d.n_lines, orders = t.orders + d.orders
  FROM product_country_all_delta d
 WHERE t.country_id = d.country_id AND t.variant_id = d.variant_id;
INSERT INTO product_country_sales_all
SELECT d.* FROM product_country_all_delta d
 WHERE NOT EXISTS (SELECT FROM product_country_sales_all t
                    WHERE t.country_id = d.country_id AND t.variant_id = d.variant_id);

UPDATE product_month_sales_all t
   SET units = t.units + d.units, revenue = t.revenue + d.revenue,
       n_lines = t.n_lines + d.n_lines, orders = t.orders + d.orders
  FROM product_month_all_delta d
 WHERE t.month = d.month AND t.variant_id = d.variant_id;
INSERT INTO product_month_sales_all
SELECT d.* FROM product_month_all_delta d
 WHERE NOT EXISTS (SELECT FROM product_month_sales_all t
                    WHERE t.month = d.month AND t.variant_id = d.variant_id);

UPDATE product_sales_all t
   SET units = t.units + d.units, revenue = t.revenue + d.revenue,
       n_lines = t.n_lines + d.n_lines, orders = t.orders + d.orders
  FROM product_all_delta d
 WHERE t.variant_id = d.variant_id;
INSERT INTO product_sales_all
SELECT d.* FROM product_all_delta d
 WHERE NOT EXISTS (SELECT FROM product_sales_all t WHERE t.variant_id = d.variant_id)

-- name: rollup_rebuild
-- PQexec, no parameters. Recomputes every rollup table from all the lines:
-- after the migrations on a database that has lines, and for an import
-- into an empty database whose sums the importer could not compute, where
-- this costs a fraction of the delta path's joins. The product rows are the
-- same sums as rollup_product_delta's with sign 1.
SET LOCAL work_mem = '256MB';
ANALYZE invoice_lines, invoices, product_variants;
TRUNCATE invoice_month_totals, split_invoices, product_day_sales,
         product_month_sales, product_country_sales_all, product_month_sales_all,
         product_sales_all;

INSERT INTO split_invoices (invoice_no)
SELECT invoice_no
  FROM invoice_lines
 WHERE line_class = 0
 GROUP BY invoice_no
HAVING min(invoiced_at)::date <> max(invoiced_at)::date;

INSERT INTO invoice_month_totals (invoice_no, month, line_class, customer_id, country_id,
                                  amount, units, n_lines, first_at, last_at, only_row)
SELECT l.invoice_no,
       (extract(year FROM l.invoiced_at) * 12 + extract(month FROM l.invoiced_at) - 1)::integer,
       l.line_class, i.customer_id, i.country_id,
       sum(l.quantity * l.unit_price), sum(l.quantity), count(*),
       min(l.invoiced_at), max(l.invoiced_at),
       count(*) OVER (PARTITION BY l.invoice_no, l.line_class) = 1
  FROM invoice_lines l
  JOIN invoices i ON i.invoice_no = l.invoice_no
 WHERE l.line_class IN (0, 1)
 GROUP BY 1, 2, 3, 4, 5;

INSERT INTO product_day_sales (day, country_id, variant_id, units, revenue, n_lines, orders)
SELECT day, country_id, variant_id, sum(units), sum(revenue), sum(n_lines), sum(orders)
  FROM (SELECT min(l.invoiced_at)::date AS day, i.country_id, v.id AS variant_id,
               sum(l.quantity) AS units, sum(l.quantity * l.unit_price) AS revenue,
               count(*) AS n_lines,
               (row_number() OVER (PARTITION BY i.invoice_no, v.stock_code
                                   ORDER BY v.description) = 1)::integer AS orders
          FROM invoice_lines l
          JOIN invoices i ON i.invoice_no = l.invoice_no
          JOIN product_variants v ON v.id = l.variant_id
          JOIN products p ON p.stock_code = v.stock_code
         WHERE l.line_class = 0
           AND NOT p.is_service
           AND NOT EXISTS (SELECT FROM split_invoices s WHERE s.invoice_no = l.invoice_no)
         GROUP BY i.invoice_no, v.id) AS per_invoice
 GROUP BY 1, 2, 3;

INSERT INTO product_month_sales (month, country_id, variant_id, units, revenue, n_lines, orders)
SELECT (extract(year FROM day) * 12 + extract(month FROM day) - 1)::integer,
       country_id, variant_id,
       sum(units), sum(revenue), sum(n_lines), sum(orders)
  FROM product_day_sales
 GROUP BY 1, 2, 3;

INSERT INTO product_country_sales_all (country_id, variant_id, units, revenue, n_lines, orders)
SELECT country_id, variant_id, sum(units), sum(revenue), sum(n_lines), sum(orders)
  FROM product_month_sales
 GROUP BY 1, 2;

INSERT INTO product_month_sales_all (month, variant_id, units, revenue, n_lines, orders)
SELECT month, variant_id, sum(units), sum(revenue), sum(n_lines), sum(orders)
  FROM product_month_sales
 GROUP BY 1, 2;

INSERT INTO product_sales_all (variant_id, units, revenue, n_lines, orders)
SELECT variant_id, sum(units), sum(revenue), sum(n_lines), sum(orders)
  FROM product_month_sales_all
 GROUP BY 1

-- name: import_country_ids
-- For the rollup rows the importer computes itself (bulk path).
SELECT id, name FROM countries

-- name: import_product_services
SELECT p.stock_code, p.is_service
  FROM stage_products s
  JOIN products p ON p.stock_code = s.stock_code

-- name: rollup_truncate
-- The bulk path: the importer computes the rows of an import into an empty
-- database (ava-pg-rollup-rows.c, the same sums as rollup_rebuild) and
-- copies them in. Truncating in this transaction allows COPY FREEZE.
TRUNCATE invoice_month_totals, split_invoices, product_day_sales,
         product_month_sales, product_country_sales_all, product_month_sales_all,
         product_sales_all

-- name: rollup_copy_split_invoices
COPY split_invoices (invoice_no) FROM STDIN (FREEZE)

-- name: rollup_copy_invoice_totals
COPY invoice_month_totals (invoice_no, month, line_class, customer_id, country_id,
                           amount, units, n_lines, first_at, last_at, only_row)
FROM STDIN (FREEZE)

-- name: rollup_copy_product_day
COPY product_day_sales (day, country_id, variant_id, units, revenue, n_lines, orders)
FROM STDIN (FORMAT binary, FREEZE)

-- name: rollup_copy_product_month
COPY product_month_sales (month, country_id, variant_id, units, revenue, n_lines, orders)
FROM STDIN (FORMAT binary, FREEZE)

-- name: rollup_copy_product_country_all
COPY product_country_sales_all (country_id, variant_id, units, revenue, n_lines, orders)
FROM STDIN (FORMAT binary, FREEZE)

-- name: rollup_copy_product_month_all
COPY product_month_sales_all (month, variant_id, units, revenue, n_lines, orders)
FROM STDIN (FORMAT binary, FREEZE)

-- name: rollup_copy_product_all
COPY product_sales_all (variant_id, units, revenue, n_lines, orders)
FROM STDIN (FORMAT binary, FREEZE)

-- name: rollup_analyze
-- The bulk path, after the copies: COPY FREEZE already marked the pages
-- all-visible, so statistics are all that rollup_vacuum would add, and
-- they are cheaper taken here, in the import transaction.
ANALYZE invoice_month_totals, split_invoices, product_day_sales,
        product_month_sales, product_country_sales_all, product_month_sales_all,
        product_sales_all, product_variants

-- name: import_analyze_lines
-- The bulk path, after the COPY and before the index builds: what
-- rollup_rebuild does first, for the planner's sake. It also records the
-- table's size, from which PostgreSQL plans parallel index builds.
ANALYZE invoice_lines, invoices

-- name: rollup_delete_empty_products
-- Rows whose lines all went (their invoice became split).
DELETE FROM product_day_sales WHERE n_lines = 0;
DELETE FROM product_month_sales WHERE n_lines = 0;
DELETE FROM product_country_sales_all WHERE n_lines = 0;
DELETE FROM product_month_sales_all WHERE n_lines = 0;
DELETE FROM product_sales_all WHERE n_lines = 0

-- name: rollup_vacuum
-- After the commit, outside any transaction: marks the rewritten pages
-- all-visible, so the first dashboard does not pay for setting hint bits,
-- and refreshes the planner's statistics.
VACUUM (ANALYZE) invoice_month_totals, split_invoices, product_day_sales,
                 product_month_sales, product_country_sales_all, product_month_sales_all,
                 product_sales_all, product_variants

-- name: engine_session
-- Once per pooled connection. Timestamps are zone-less shop time: no
-- timestamptz is used, but a UTC session keeps any conversion inert. ISO
-- dates are what ava_timestamp_parse() reads. JIT compilation costs more
-- than the few milliseconds these queries run, and the engine runs six
-- queries at once: parallel workers would only compete with them.
SELECT set_config('TimeZone', 'UTC', false),
       set_config('DateStyle', 'ISO, YMD', false),
       set_config('statement_timeout', $1::text, false),
       set_config('jit', 'off', false),
       set_config('max_parallel_workers_per_gather', '0', false)

-- name: engine_test_sleep
SELECT pg_sleep($1::double precision)

-- name: kpi_chunks
-- (A fragment, included by the kpi_* statements that follow.) Parameters:
-- $1 from and $2 to (timestamp or NULL), $3 countries (text[] or NULL), $4
-- customer (bigint or NULL). The invoice_month_totals rows the date range
-- takes whole, plus the rows it cuts recomputed from their lines: one row
-- per invoice, month and line class (0 sale, 1 return), as the offline
-- engine's chunks.
chunks AS (
  SELECT t.invoice_no, t.month, t.line_class, t.customer_id, t.country_id,
         t.amount, t.units, t.n_lines, t.first_at, t.last_at, t.only_row
    FROM invoice_month_totals t
   WHERE t.first_at >= coalesce($1::timestamp, '-infinity')
     AND t.last_at < coalesce($2::timestamp, 'infinity')
     AND ($3::text[] IS NULL OR t.country_id IN (SELECT id FROM countries WHERE name = ANY ($3::text[])))
     AND ($4::bigint IS NULL OR t.customer_id = $4::bigint)
  UNION ALL
  -- A row lies within one month, so a row a bound cuts starts in that
  -- bound's month: an index range, and then its lines by the line key.
  SELECT t.invoice_no, t.month, t.line_class, t.customer_id, t.country_id,
         cut.amount, cut.units, cut.n_lines, cut.first_at, cut.last_at, t.only_row
    FROM invoice_month_totals t
   CROSS JOIN LATERAL (
         SELECT sum(l.quantity * l.unit_price) AS amount, sum(l.quantity) AS units,
                count(*) AS n_lines, min(l.invoiced_at) AS first_at, max(l.invoiced_at) AS last_at
           FROM invoice_lines l
          WHERE l.invoice_no = t.invoice_no
            AND l.line_class = t.line_class
            AND l.invoiced_at >= coalesce($1::timestamp, '-infinity')
            AND l.invoiced_at < coalesce($2::timestamp, 'infinity')
            AND (extract(year FROM l.invoiced_at) * 12 + extract(month FROM l.invoiced_at) - 1)::integer = t.month) AS cut
   WHERE ((t.first_at >= date_trunc('month', $1::timestamp) AND t.first_at < $1::timestamp AND t.last_at >= $1::timestamp) OR
          (t.first_at >= date_trunc('month', $2::timestamp) AND t.first_at < $2::timestamp AND t.last_at >= $2::timestamp))
     AND ($3::text[] IS NULL OR t.country_id IN (SELECT id FROM countries WHERE name = ANY ($3::text[])))
     AND ($4::bigint IS NULL OR t.customer_id = $4::bigint)
     AND cut.n_lines > 0
)

-- name: kpi_overview
-- gross, orders, customers, units, returns
WITH
-- include: kpi_chunks
-- One pass over the chunks: referenced once, the CTE is inlined rather than
-- materialized and scanned twice.
SELECT coalesce(sum(amount) FILTER (WHERE line_class = 0), 0),
       count(*) FILTER (WHERE line_class = 0 AND only_row) +
         count(DISTINCT invoice_no) FILTER (WHERE line_class = 0 AND NOT only_row),
       count(DISTINCT customer_id) FILTER (WHERE line_class = 0),
       coalesce(sum(units) FILTER (WHERE line_class = 0), 0),
       coalesce(-sum(amount) FILTER (WHERE line_class = 1), 0)
  FROM chunks

-- name: kpi_monthly_revenue
-- month, gross, orders, returns: every month from the first to the last
-- with a sale, zero filled; returns outside those months are not shown.
WITH
-- include: kpi_chunks
, per_month AS (
  -- One pass over the chunks; this small CTE is what is read twice.
  SELECT month, sum(amount) FILTER (WHERE line_class = 0) AS gross,
         count(*) FILTER (WHERE line_class = 0) AS orders,
         -sum(amount) FILTER (WHERE line_class = 1) AS returns
    FROM chunks
   GROUP BY month
)
SELECT g.month, coalesce(p.gross, 0), coalesce(p.orders, 0), coalesce(p.returns, 0)
  FROM (SELECT min(month) AS first, max(month) AS last FROM per_month WHERE orders > 0) AS b
 CROSS JOIN generate_series(b.first, b.last) AS g (month)
  LEFT JOIN per_month p ON p.month = g.month
 ORDER BY g.month

-- name: kpi_top_customers
-- $5 limit. customer, revenue, orders, units, first, last, country (the one
-- with most sale lines, ties to the smallest name).
WITH
-- include: kpi_chunks
, sales AS (
  SELECT * FROM chunks WHERE line_class = 0 AND customer_id IS NOT NULL
), shared_orders AS (
  -- Invoices with rows in several months, counted apart: a count(DISTINCT)
  -- over all the rows would sort them per customer, a fifth of the time.
  SELECT customer_id, count(DISTINCT invoice_no) AS orders
    FROM sales
   WHERE NOT only_row
   GROUP BY customer_id
), top AS (
  SELECT s.customer_id, sum(s.amount) AS revenue,
         count(*) FILTER (WHERE s.only_row) + coalesce(min(o.orders), 0) AS orders,
         sum(s.units) AS units, min(s.first_at) AS first_at, max(s.last_at) AS last_at
    FROM sales s
    LEFT JOIN shared_orders o ON o.customer_id = s.customer_id
   GROUP BY s.customer_id
   ORDER BY revenue DESC, s.customer_id
   LIMIT $5::bigint
), country AS (
  SELECT DISTINCT ON (s.customer_id) s.customer_id, c.name
    FROM sales s
    JOIN countries c ON c.id = s.country_id
   WHERE s.customer_id IN (SELECT customer_id FROM top)
   GROUP BY s.customer_id, c.name
   ORDER BY s.customer_id, sum(s.n_lines) DESC, c.name
)
SELECT t.customer_id, t.revenue, t.orders, t.units, t.first_at, t.last_at, c.name
  FROM top t
  JOIN country c ON c.customer_id = t.customer_id
 ORDER BY t.revenue DESC, t.customer_id

-- name: kpi_by_country
-- country, revenue, total revenue (for the share), orders, customers.
WITH
-- include: kpi_chunks
, per_country AS (
  -- One pass over the chunks.
  SELECT country_id, sum(amount) AS revenue,
         count(*) FILTER (WHERE only_row) +
           count(DISTINCT invoice_no) FILTER (WHERE NOT only_row) AS orders,
         count(DISTINCT customer_id) AS customers
    FROM chunks
   WHERE line_class = 0
   GROUP BY country_id
)
SELECT c.name, p.revenue, (SELECT sum(revenue) FROM per_country),
       p.orders, p.customers
  FROM per_country p
  JOIN countries c ON c.id = p.country_id
 ORDER BY p.revenue DESC, c.name

-- name: kpi_cohorts
-- cohort, offset, size, active. A cohort is a customer's first month with a
-- sale; offsets run to the last month with any sale, zeros included.
-- One pass over the chunks: per customer and month with a sale, the
-- customer's cohort and the last month (rows without a customer count only
-- for that). A cohort's size is its active customers at offset 0.
WITH
-- include: kpi_chunks
, sale_months AS (
  SELECT customer_id, month,
         min(month) OVER (PARTITION BY customer_id) AS cohort,
         max(month) OVER () AS last
    FROM chunks
   WHERE line_class = 0
   GROUP BY customer_id, month
), counts AS (
  SELECT cohort, month - cohort AS k, count(*) AS active, min(last) AS last
    FROM sale_months
   WHERE customer_id IS NOT NULL
   GROUP BY 1, 2
)
SELECT s.cohort, o.k, s.active, coalesce(n.active, 0)
  FROM counts s
 CROSS JOIN generate_series(0, s.last - s.cohort) AS o (k)
  LEFT JOIN counts n ON n.cohort = s.cohort AND n.k = o.k
 WHERE s.k = 0
 ORDER BY s.cohort, o.k

-- name: kpi_product_days
-- For the month of each bound of a top-products range, $1-$2 and $3-$4
-- (dates): the first day with product rollup rows and the day after the
-- last, from the ends of the primary key; then the first month with rows
-- and the month after the last; NULL for none. The engine chooses how to
-- read the range by how many of these days and months hold data.
SELECT (SELECT min(day) FROM product_day_sales WHERE day >= $1::date AND day < $2::date)::timestamp,
       ((SELECT max(day) FROM product_day_sales WHERE day >= $1::date AND day < $2::date) + 1)::timestamp,
       (SELECT min(day) FROM product_day_sales WHERE day >= $3::date AND day < $4::date)::timestamp,
       ((SELECT max(day) FROM product_day_sales WHERE day >= $3::date AND day < $4::date) + 1)::timestamp,
       (SELECT min(month) FROM product_month_sales_all),
       (SELECT max(month) + 1 FROM product_month_sales_all)

-- name: kpi_top_products
-- $1-$4 as kpi_chunks; the parts of the date range, computed by the engine:
-- $5-$6 the whole months [from, to) (integers, year * 12 + month - 1; the
-- smallest and largest integer for no bound), $7-$8
-- and $9-$10 the whole days outside them (dates), $11-$12 and $13-$14 the
-- cut days (timestamps); $15 rank by revenue (else units), $16 limit; $17-$18
-- and $19-$20 the whole days to take away from the months (dates), where a
-- bound lies late in its month; $21 whether to read the whole months as all
-- time minus the months outside them (no customer filter).
-- Merchandise only. stock code, description, units, revenue, orders.
WITH country_ids AS (
  SELECT id FROM countries WHERE name = ANY ($3::text[])
), lines AS (
  -- One customer: its lines, whatever the range.
  SELECT l.invoice_no, l.variant_id, l.quantity, l.unit_price
    FROM invoices i
    JOIN invoice_lines l ON l.invoice_no = i.invoice_no
   WHERE $4::bigint IS NOT NULL
     AND i.customer_id = $4::bigint
     AND ($3::text[] IS NULL OR i.country_id IN (SELECT id FROM country_ids))
     AND l.line_class = 0
     AND l.invoiced_at >= coalesce($1::timestamp, '-infinity')
     AND l.invoiced_at < coalesce($2::timestamp, 'infinity')
  UNION ALL
  -- The days a bound cuts, in every country: their lines, by time.
  SELECT l.invoice_no, l.variant_id, l.quantity, l.unit_price
    FROM invoice_lines l
   WHERE $4::bigint IS NULL AND $3::text[] IS NULL
     AND ((l.invoiced_at >= $11::timestamp AND l.invoiced_at < $12::timestamp) OR
          (l.invoiced_at >= $13::timestamp AND l.invoiced_at < $14::timestamp))
     AND l.line_class = 0
     AND NOT EXISTS (SELECT FROM split_invoices s WHERE s.invoice_no = l.invoice_no)
  UNION ALL
  -- In some countries: their invoices with sales that start on those days,
  -- found by their rollup rows (an invoice outside split_invoices lies
  -- within one day), then their lines by the line key. Reading the days'
  -- lines by time and then their invoices took twice as long.
  SELECT l.invoice_no, l.variant_id, l.quantity, l.unit_price
    FROM invoice_month_totals t
    JOIN invoice_lines l ON l.invoice_no = t.invoice_no
   WHERE $4::bigint IS NULL AND $3::text[] IS NOT NULL
     AND t.line_class = 0
     AND ((t.first_at >= date_trunc('day', $11::timestamp) AND t.first_at < $12::timestamp) OR
          (t.first_at >= date_trunc('day', $13::timestamp) AND t.first_at < $14::timestamp))
     AND t.country_id IN (SELECT id FROM country_ids)
     AND NOT EXISTS (SELECT FROM split_invoices s WHERE s.invoice_no = t.invoice_no)
     AND l.line_class = 0
     AND ((l.invoiced_at >= $11::timestamp AND l.invoiced_at < $12::timestamp) OR
          (l.invoiced_at >= $13::timestamp AND l.invoiced_at < $14::timestamp))
  UNION ALL
  -- Invoices over several days, which the rollups leave out.
  SELECT l.invoice_no, l.variant_id, l.quantity, l.unit_price
    FROM split_invoices s
    JOIN invoices i ON i.invoice_no = s.invoice_no
    JOIN invoice_lines l ON l.invoice_no = s.invoice_no
   WHERE $4::bigint IS NULL
     AND ($3::text[] IS NULL OR i.country_id IN (SELECT id FROM country_ids))
     AND l.line_class = 0
     AND l.invoiced_at >= coalesce($1::timestamp, '-infinity')
     AND l.invoiced_at < coalesce($2::timestamp, 'infinity')
), parts AS (
  -- The whole months: all time minus the months outside them...
  SELECT variant_id, units, revenue, n_lines, orders
    FROM product_sales_all
   WHERE $3::text[] IS NULL AND $4::bigint IS NULL AND $21::boolean
  UNION ALL
  SELECT variant_id, -units, -revenue, -n_lines, -orders
    FROM product_month_sales_all
   WHERE $3::text[] IS NULL AND $4::bigint IS NULL AND $21::boolean
     AND (month < $5::integer OR month >= $6::integer)
  UNION ALL
  -- ...or the months themselves.
  SELECT variant_id, units, revenue, n_lines, orders
    FROM product_month_sales_all
   WHERE $3::text[] IS NULL AND $4::bigint IS NULL AND NOT $21::boolean
     AND month >= $5::integer AND month < $6::integer
  UNION ALL
  -- The same for countries.
  SELECT variant_id, units, revenue, n_lines, orders
    FROM product_country_sales_all
   WHERE $3::text[] IS NOT NULL AND $4::bigint IS NULL AND $21::boolean
     AND country_id IN (SELECT id FROM country_ids)
  UNION ALL
  SELECT variant_id, -units, -revenue, -n_lines, -orders
    FROM product_month_sales
   WHERE $3::text[] IS NOT NULL AND $4::bigint IS NULL AND $21::boolean
     AND (month < $5::integer OR month >= $6::integer)
     AND country_id IN (SELECT id FROM country_ids)
  UNION ALL
  SELECT variant_id, units, revenue, n_lines, orders
    FROM product_month_sales
   WHERE $3::text[] IS NOT NULL AND $4::bigint IS NULL AND NOT $21::boolean
     AND month >= $5::integer AND month < $6::integer
     AND country_id IN (SELECT id FROM country_ids)
  UNION ALL
  SELECT variant_id, units, revenue, n_lines, orders
    FROM product_day_sales
   WHERE $4::bigint IS NULL
     AND ((day >= $7::date AND day < $8::date) OR (day >= $9::date AND day < $10::date))
     AND ($3::text[] IS NULL OR country_id IN (SELECT id FROM country_ids))
  UNION ALL
  SELECT variant_id, -units, -revenue, -n_lines, -orders
    FROM product_day_sales
   WHERE $4::bigint IS NULL
     AND ((day >= $17::date AND day < $18::date) OR (day >= $19::date AND day < $20::date))
     AND ($3::text[] IS NULL OR country_id IN (SELECT id FROM country_ids))
), per_variant AS (
  -- Summed on the integer key first: the text of a few thousand pairs is
  -- then joined once, not to every rollup row.
  SELECT variant_id, sum(units) AS units, sum(revenue) AS revenue, sum(n_lines) AS n_lines, sum(orders) AS orders
    FROM parts
   GROUP BY variant_id
), per_description AS (
  SELECT v.stock_code, v.description, p.units, p.revenue, p.n_lines, p.orders
    FROM per_variant p
    JOIN product_variants v ON v.id = p.variant_id
  UNION ALL
  SELECT v.stock_code, v.description, sum(l.quantity), sum(l.quantity * l.unit_price), count(*),
         (row_number() OVER (PARTITION BY l.invoice_no, v.stock_code ORDER BY v.description) = 1)::integer
    FROM lines l
    JOIN product_variants v ON v.id = l.variant_id
    JOIN products p ON p.stock_code = v.stock_code
   WHERE NOT p.is_service
   GROUP BY l.invoice_no, v.id
), top AS (
  -- Without lines in the range once the days taken away cancel out.
  SELECT stock_code, sum(units) AS units, sum(revenue) AS revenue, sum(orders) AS orders
    FROM per_description
   GROUP BY stock_code
  HAVING sum(n_lines) > 0
   ORDER BY CASE WHEN $15::boolean THEN sum(revenue) ELSE sum(units) END DESC, stock_code
   LIMIT $16::bigint
), description AS (
  SELECT DISTINCT ON (stock_code) stock_code, description
    FROM per_description
   WHERE description <> '' AND stock_code IN (SELECT stock_code FROM top)
   GROUP BY stock_code, description
  HAVING sum(n_lines) > 0
   ORDER BY stock_code, sum(n_lines) DESC, description
)
SELECT t.stock_code, coalesce(d.description, ''), t.units, t.revenue, t.orders
  FROM top t
  LEFT JOIN description d ON d.stock_code = t.stock_code
 ORDER BY CASE WHEN $15::boolean THEN t.revenue ELSE t.units END DESC, t.stock_code
