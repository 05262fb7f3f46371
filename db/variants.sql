-- variants.sql: migration 6, product rollups keyed by integers.
--
-- The product rollup tables (rollups.sql, product_totals.sql) repeated a
-- stock code and a description in every row and key. They now name the
-- pair by a small integer: rows and keys shrink, the import copies and
-- indexes less, and top-products (queries.sql) groups its tens of
-- thousands of rollup rows on an integer, reading the text of the few
-- thousand pairs once. Derived data like the tables it keys; the importer
-- gives new pairs the next ids under its lock.
--
-- The tables are created empty: after this file, ava_pg_schema_ensure()
-- fills them with rollup_rebuild (queries.sql), in the same transaction.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE product_variants (
  id           integer PRIMARY KEY,
  stock_code   text COLLATE "C" NOT NULL,
  description  text COLLATE "C" NOT NULL,
  UNIQUE (stock_code, description)
);

DROP TABLE product_day_sales, product_month_sales, product_month_sales_all, product_sales_all;

CREATE TABLE product_day_sales (
  day          date NOT NULL,
  country_id   integer NOT NULL,
  variant_id   integer NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (day, country_id, variant_id)
);

CREATE TABLE product_month_sales (
  month        integer NOT NULL, -- year * 12 + month - 1
  country_id   integer NOT NULL,
  variant_id   integer NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (month, country_id, variant_id)
);

CREATE TABLE product_month_sales_all (
  month        integer NOT NULL,
  variant_id   integer NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (month, variant_id)
);

CREATE TABLE product_sales_all (
  variant_id   integer PRIMARY KEY,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL
);
