-- indexes.sql: migration 2, secondary indexes for the KPI queries.
--
-- Primary keys and the line key come with the tables (schema.sql). These are
-- the access paths of KPI_SPEC.md's filters (date range, countries, one
-- customer) and of the foreign keys, whose referenced rows PostgreSQL would
-- otherwise find by a full scan on delete.
--
-- The importer drops and rebuilds the invoice_lines indexes around a large
-- load (one sorted build beats half a million insertions), reading their
-- definitions back from the catalog: this file stays the only definition.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Date-range filters, the monthly series and cohorts; and the lines a run
-- added (audit). BRIN, not B-trees: lines arrive in time order within a file
-- and runs only append, so block ranges hold narrow ranges of both columns.
-- The index is a few pages and builds in one scan, where a B-tree on the
-- real file costs more than the rest of the load. A multi-column BRIN
-- answers a condition on either column alone.
CREATE INDEX invoice_lines_brin_idx ON invoice_lines USING brin (invoiced_at, import_run_id);

-- Lookups by invoice use the line key, whose first column is invoice_no. No
-- index on stock_code: KPI queries group all lines by it (a scan anyway), and
-- products are never deleted.

-- The one-customer and set-of-countries filters reach lines via invoices.
CREATE INDEX invoices_customer_idx ON invoices (customer_id);
CREATE INDEX invoices_country_idx ON invoices (country_id);
