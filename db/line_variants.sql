-- line_variants.sql: migration 7, lines name their product variant.
--
-- Every line repeated its stock code and description, the widest part of
-- its row and of its line key: an import into an empty database spent most
-- of its time writing those bytes, once in the table and once in the key's
-- index, and again in the write-ahead log. A line now names the pair by its
-- product_variants id (variants.sql), which becomes the reference table of
-- every pair any line has, not only of those the product rollups sum. A
-- pair's id stays what it was; pairs without one get the next ids, in byte
-- order.
--
-- Lines keep their values. The line key is the same key with the pair as
-- its id, so it still means KPI_SPEC.md's duplicate. The foreign key to
-- products goes through the variant.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

INSERT INTO product_variants (id, stock_code, description)
SELECT (SELECT coalesce(max(id), 0) FROM product_variants) +
         row_number() OVER (ORDER BY stock_code, description),
       stock_code, description
  FROM (SELECT DISTINCT l.stock_code, l.description
          FROM invoice_lines l
         WHERE NOT EXISTS (SELECT FROM product_variants v
                            WHERE v.stock_code = l.stock_code AND v.description = l.description)) AS new;

ALTER TABLE product_variants
  ADD FOREIGN KEY (stock_code) REFERENCES products (stock_code);

CREATE TEMPORARY TABLE invoice_lines_v6 ON COMMIT DROP AS
SELECT l.invoiced_at, l.import_run_id, l.quantity, v.id AS variant_id, l.line_class, l.invoice_no,
       l.unit_price
  FROM invoice_lines l
  JOIN product_variants v ON v.stock_code = l.stock_code AND v.description = l.description
 ORDER BY l.invoice_no, v.id, l.quantity, l.unit_price, l.invoiced_at;

DROP TABLE invoice_lines;

-- Fixed-width columns first, as in lines.sql.
CREATE TABLE invoice_lines (
  invoiced_at    timestamp NOT NULL,
  import_run_id  bigint NOT NULL,
  quantity       integer NOT NULL,
  variant_id     integer NOT NULL,
  line_class     smallint NOT NULL CHECK (line_class IN (0, 1, 2)), -- sale, return, excluded
  invoice_no     text COLLATE "C" NOT NULL,
  unit_price     numeric(14, 4) NOT NULL
);

INSERT INTO invoice_lines
SELECT * FROM invoice_lines_v6;

ALTER TABLE invoice_lines
  ADD CONSTRAINT invoice_lines_line_key
    PRIMARY KEY (invoice_no, variant_id, quantity, unit_price, invoiced_at),
  ADD FOREIGN KEY (import_run_id) REFERENCES import_runs (id),
  ADD FOREIGN KEY (invoice_no) REFERENCES invoices (invoice_no),
  ADD FOREIGN KEY (variant_id) REFERENCES product_variants (id);

CREATE INDEX invoice_lines_brin_idx ON invoice_lines USING brin (invoiced_at, import_run_id);

-- After this file, ava_pg_schema_ensure() runs rollup_rebuild (queries.sql),
-- which reads the lines' variants: a database older than version 6, whose
-- product rollups variants.sql left empty, gets them there.
