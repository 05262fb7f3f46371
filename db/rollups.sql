-- rollups.sql: migration 3, aggregate tables for the KPI queries.
--
-- The KPIs of KPI_SPEC.md read sums of sale and return lines. Summing half a
-- million lines per query takes about a second; these tables hold the same
-- sums at a coarser grain, so that a dashboard reads a few tens of thousands
-- of rows. They are derived data: the importer maintains them in the import
-- transaction (ava-pg-importer.c, refresh_rollups), for the invoices a run
-- touched. The queries (queries.sql, kpi_*) use a rollup row only where the
-- filters take it whole, and go back to the lines for whatever a date bound
-- cuts, so that every figure stays exact for any date range.
--
-- Money is numeric, like unit_price: sums of numeric(14,4) are exact. No
-- foreign keys: the rows are derived from lines that have them, and are
-- rewritten by the importer alone.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

-- The sale lines (line_class 0) and the return lines (1) of one invoice in
-- one month, added up. An invoice has one customer and one country, copied
-- here so that the filters need no join. Every KPI but top-products reads
-- this (25,000 rows for the real file's 536,641 lines). A row is taken whole
-- when [first_at, last_at] lies inside the date range, and recomputed from
-- its lines when a bound falls inside it.
CREATE TABLE invoice_month_totals (
  invoice_no   text COLLATE "C" NOT NULL,
  month        integer NOT NULL, -- year * 12 + month - 1, as in ava-timestamp.h
  line_class   smallint NOT NULL CHECK (line_class IN (0, 1)),
  customer_id  bigint,
  country_id   integer NOT NULL,
  amount       numeric NOT NULL, -- sum of quantity * unit_price
  units        bigint NOT NULL,
  n_lines      bigint NOT NULL CHECK (n_lines > 0),
  first_at     timestamp NOT NULL,
  last_at      timestamp NOT NULL,
  -- The invoice has no other row of this class (no lines in another
  -- month): its orders count as rows, without a count(DISTINCT).
  only_row     boolean NOT NULL,
  PRIMARY KEY (invoice_no, month, line_class)
);

CREATE INDEX invoice_month_totals_customer_idx ON invoice_month_totals (customer_id);
CREATE INDEX invoice_month_totals_first_at_idx ON invoice_month_totals (first_at);

-- Invoices whose sale lines fall on more than one day (none in the real
-- file, but nothing forbids one that spans midnight). The product rollups
-- leave them out, and top-products reads their lines instead: a product's
-- orders are distinct invoices, which add up across days only when an
-- invoice lies within one day.
CREATE TABLE split_invoices (
  invoice_no  text COLLATE "C" PRIMARY KEY
);

-- Merchandise sale lines per day, country, product and description: what
-- top-products needs for whole days. "orders" counts distinct invoices; an
-- invoice with several descriptions of one product counts on the row of
-- the smallest one, so that the rows of a product add up to its orders.
CREATE TABLE product_day_sales (
  day          date NOT NULL,
  country_id   integer NOT NULL,
  stock_code   text COLLATE "C" NOT NULL,
  description  text COLLATE "C" NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (day, country_id, stock_code, description)
);

-- The same per calendar month, for the whole months of a date range: a
-- fifth of the day table's rows.
CREATE TABLE product_month_sales (
  month        integer NOT NULL, -- year * 12 + month - 1
  country_id   integer NOT NULL,
  stock_code   text COLLATE "C" NOT NULL,
  description  text COLLATE "C" NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (month, country_id, stock_code, description)
);

-- The same for all countries at once: what an unfiltered dashboard reads,
-- half the rows of the table above.
CREATE TABLE product_month_sales_all (
  month        integer NOT NULL,
  stock_code   text COLLATE "C" NOT NULL,
  description  text COLLATE "C" NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (month, stock_code, description)
);

-- A database upgraded from version 2 may already have lines:
-- ava_pg_schema_ensure() fills the tables with rollup_rebuild (queries.sql)
-- after the last migration that adds a rollup table, in the same
-- transaction.
