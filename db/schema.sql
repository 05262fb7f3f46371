-- schema.sql: migration 1, the normalized sales model.
--
-- Applied once per database by ava_pg_schema_ensure(), inside a transaction
-- that also records it in schema_migrations. Keep it a plain list of DDL
-- statements with no parameters: it runs through PQexec.
--
-- Text is compared in byte order (COLLATE "C") everywhere, as KPI_SPEC.md
-- requires for "smallest" text, and so that 85123A and 85123a stay distinct
-- keys whatever the database locale is.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE countries (
  id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name  text COLLATE "C" NOT NULL UNIQUE CHECK (name <> '')
);

CREATE TABLE customers (
  customer_id  bigint PRIMARY KEY CHECK (customer_id >= 0)
);

CREATE TABLE products (
  stock_code  text COLLATE "C" PRIMARY KEY CHECK (stock_code <> ''),
  -- KPI_SPEC.md service codes (postage, fees...): not merchandise.
  is_service  boolean NOT NULL
);

-- One row per importer run that added something. A run that adds no line is
-- rolled back whole, so re-importing a file leaves no trace.
CREATE TABLE import_runs (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_name            text NOT NULL,
  started_at             timestamptz NOT NULL,
  finished_at            timestamptz,
  input_rows             bigint NOT NULL CHECK (input_rows >= 0),
  rejected               bigint NOT NULL CHECK (rejected >= 0),
  duplicates_dropped     bigint NOT NULL CHECK (duplicates_dropped >= 0),
  kept_lines             bigint NOT NULL CHECK (kept_lines >= 0),
  sale_lines             bigint NOT NULL CHECK (sale_lines >= 0),
  return_lines           bigint NOT NULL CHECK (return_lines >= 0),
  excluded_lines         bigint NOT NULL CHECK (excluded_lines >= 0),
  new_lines              bigint NOT NULL DEFAULT 0 CHECK (new_lines >= 0),
  already_present_lines  bigint NOT NULL DEFAULT 0 CHECK (already_present_lines >= 0),
  new_customers          integer NOT NULL DEFAULT 0 CHECK (new_customers >= 0),
  new_products           integer NOT NULL DEFAULT 0 CHECK (new_products >= 0),
  new_invoices           integer NOT NULL DEFAULT 0 CHECK (new_invoices >= 0),
  first_invoiced_at      timestamp,
  last_invoiced_at       timestamp,
  CHECK (kept_lines = sale_lines + return_lines + excluded_lines),
  CHECK (new_lines + already_present_lines IN (0, kept_lines)),
  CHECK (finished_at IS NULL OR finished_at >= started_at)
);

-- Customer and country belong to the invoice: in the source every line of an
-- invoice repeats them, and the importer refuses a file that disagrees.
CREATE TABLE invoices (
  invoice_no   text COLLATE "C" PRIMARY KEY CHECK (invoice_no <> ''),
  customer_id  bigint REFERENCES customers (customer_id),
  country_id   integer NOT NULL REFERENCES countries (id),
  -- From the first character: a digit is a regular invoice, C a
  -- cancellation, A a bad-debt adjustment.
  kind         text COLLATE "C" NOT NULL CHECK (kind IN ('regular', 'cancellation', 'adjustment', 'other'))
);

-- One row per kept line. Lines carry their own time: a few invoices span
-- more than one minute in the source.
CREATE TABLE invoice_lines (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_no     text COLLATE "C" NOT NULL REFERENCES invoices (invoice_no),
  stock_code     text COLLATE "C" NOT NULL REFERENCES products (stock_code),
  description    text COLLATE "C" NOT NULL,
  quantity       integer NOT NULL,
  invoiced_at    timestamp NOT NULL,
  unit_price     numeric(14, 4) NOT NULL,
  line_class     smallint NOT NULL CHECK (line_class IN (0, 1, 2)), -- sale, return, excluded
  import_run_id  bigint NOT NULL REFERENCES import_runs (id),
  -- With customer and country fixed per invoice, these six columns equal
  -- means all eight input fields equal: KPI_SPEC.md's duplicate, which the
  -- importer merges with ON CONFLICT DO NOTHING.
  CONSTRAINT invoice_lines_line_key
    UNIQUE (invoice_no, stock_code, description, quantity, unit_price, invoiced_at)
);

-- Every input row the cleaner refused, so that nothing is dropped silently.
CREATE TABLE rejected_rows (
  import_run_id  bigint NOT NULL REFERENCES import_runs (id),
  line           bigint NOT NULL CHECK (line >= 1),
  reason         text NOT NULL,
  PRIMARY KEY (import_run_id, line)
);
