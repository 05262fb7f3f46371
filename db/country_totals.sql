-- country_totals.sql: migration 8, product sums over all time per country.
--
-- A long date range in one country or a few summed most of that country's
-- month rows of product_month_sales (rollups.sql) per product. As for all
-- countries (product_totals.sql), kpi_top_products (queries.sql) reads such
-- a range as these all-time sums minus the months outside it. Derived data,
-- kept by the importer like the other rollup tables.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE product_country_sales_all (
  country_id   integer NOT NULL,
  variant_id   integer NOT NULL,
  units        bigint NOT NULL,
  revenue      numeric NOT NULL,
  n_lines      bigint NOT NULL,
  orders       bigint NOT NULL,
  PRIMARY KEY (country_id, variant_id)
);

-- A database with lines gets the rows from rollup_rebuild (queries.sql),
-- which ava_pg_schema_ensure() runs after this file.
