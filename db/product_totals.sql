-- product_totals.sql: migration 5, product sums over all time.
--
-- An unfiltered dashboard asks top-products for every month: summing the
-- month rows of product_month_sales_all (rollups.sql) per product took a
-- third of that dashboard's server time. This table holds those sums once,
-- a tenth of the rows; kpi_top_products (queries.sql) reads it when the date
-- range is unbounded on both sides and no other filter applies. Derived
-- data, kept by the importer like the other rollup tables.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE product_sales_all (
  stock_code   text COLLATE "C" NOT NULL,
  description  text COLLATE "C" NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (stock_code, description)
);

-- A database upgraded from an older version may already have lines: after
-- this file, ava_pg_schema_ensure() fills the rollup tables with
-- rollup_rebuild (queries.sql), in the same transaction.
