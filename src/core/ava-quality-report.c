/* ava-quality-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-quality-report.h"
#include "ava-timestamp.h"

static void
rejected_row_clear (gpointer data)
{
  AvaRejectedRow *row = data;

  g_free (row->reason);
}

AvaQualityReport *
ava_quality_report_new (const char *source_name)
{
  AvaQualityReport *self = g_new0 (AvaQualityReport, 1);

  self->source_name = g_strdup (source_name);
  self->rejected_rows = g_array_new (FALSE, FALSE, sizeof (AvaRejectedRow));
  g_array_set_clear_func (self->rejected_rows, rejected_row_clear);

  return self;
}

void
ava_quality_report_free (AvaQualityReport *self)
{
  if (self == NULL)
    return;

  g_free (self->source_name);
  g_array_unref (self->rejected_rows);
  g_free (self);
}

/* Takes ownership of @reason. */
void
ava_quality_report_add_rejected (AvaQualityReport *self,
                                 guint64           line,
                                 char             *reason)
{
  AvaRejectedRow row = { line, reason };

  g_array_append_val (self->rejected_rows, row);
  self->rejected++;
}

static void
add_timestamp_member (JsonBuilder *builder,
                      const char  *name,
                      gboolean     present,
                      gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (present)
    {
      g_autofree char *text = ava_timestamp_format (value);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

/* Adds the report's members to an object the caller has begun, so that
 * `quality --json` and `import --json` share every key. */
void
ava_quality_report_add_members (const AvaQualityReport *self,
                                JsonBuilder            *builder)
{
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, self->source_name);
  json_builder_set_member_name (builder, "input_rows");
  json_builder_add_int_value (builder, self->input_rows);
  json_builder_set_member_name (builder, "rejected");
  json_builder_add_int_value (builder, self->rejected);

  json_builder_set_member_name (builder, "rejected_rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rejected_rows->len; i++)
    {
      const AvaRejectedRow *row = &g_array_index (self->rejected_rows, AvaRejectedRow, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, row->line);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, row->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "duplicates_dropped");
  json_builder_add_int_value (builder, self->duplicates_dropped);
  json_builder_set_member_name (builder, "kept_lines");
  json_builder_add_int_value (builder, self->kept_lines);
  json_builder_set_member_name (builder, "sale_lines");
  json_builder_add_int_value (builder, self->sale_lines);
  json_builder_set_member_name (builder, "return_lines");
  json_builder_add_int_value (builder, self->return_lines);
  json_builder_set_member_name (builder, "excluded_lines");
  json_builder_add_int_value (builder, self->excluded_lines);
  add_timestamp_member (builder, "first_invoice_date", self->kept_lines > 0, self->first_invoice_date);
  add_timestamp_member (builder, "last_invoice_date", self->kept_lines > 0, self->last_invoice_date);
  json_builder_set_member_name (builder, "customers");
  json_builder_add_int_value (builder, self->customers);
  json_builder_set_member_name (builder, "products");
  json_builder_add_int_value (builder, self->products);
  json_builder_set_member_name (builder, "countries");
  json_builder_add_int_value (builder, self->countries);
  json_builder_set_member_name (builder, "invoices");
  json_builder_add_int_value (builder, self->invoices);
}

char *
ava_quality_report_to_json (const AvaQualityReport *self)
{
  g_autoptr (JsonBuilder)   builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode)      root = NULL;

  json_builder_begin_object (builder);
  ava_quality_report_add_members (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/* At most this many rejected rows are listed in the text form; the JSON
 * form always lists every one. */
#define TEXT_REJECTED_LIMIT 20

char *
ava_quality_report_to_text (const AvaQualityReport *self)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "Data quality of %s\n\n", self->source_name);
  g_string_append_printf (text, "  Input rows          %12" G_GUINT64_FORMAT "\n", self->input_rows);
  g_string_append_printf (text, "  Rejected            %12" G_GUINT64_FORMAT "\n", self->rejected);
  g_string_append_printf (text, "  Duplicates dropped  %12" G_GUINT64_FORMAT "\n", self->duplicates_dropped);
  g_string_append_printf (text, "  Kept lines          %12" G_GUINT64_FORMAT "\n", self->kept_lines);
  g_string_append_printf (text, "    sales             %12" G_GUINT64_FORMAT "\n", self->sale_lines);
  g_string_append_printf (text, "    returns           %12" G_GUINT64_FORMAT "\n", self->return_lines);
  g_string_append_printf (text, "    excluded          %12" G_GUINT64_FORMAT "\n", self->excluded_lines);

  if (self->kept_lines > 0)
    {
      g_autofree char *first = ava_timestamp_format (self->first_invoice_date);
      g_autofree char *last = ava_timestamp_format (self->last_invoice_date);

      g_string_append_printf (text, "  Invoice dates       %s to %s\n", first, last);
    }

  g_string_append_printf (text, "  Customers           %12u\n", self->customers);
  g_string_append_printf (text, "  Products            %12u\n", self->products);
  g_string_append_printf (text, "  Countries           %12u\n", self->countries);
  g_string_append_printf (text, "  Invoices            %12u\n", self->invoices);

  if (self->rejected_rows->len > 0)
    {
      g_string_append (text, "\nRejected rows:\n");
      for (guint i = 0; i < MIN (self->rejected_rows->len, TEXT_REJECTED_LIMIT); i++)
        {
          const AvaRejectedRow *row = &g_array_index (self->rejected_rows, AvaRejectedRow, i);

          g_string_append_printf (text, "  line %" G_GUINT64_FORMAT ": %s\n", row->line, row->reason);
        }
      if (self->rejected_rows->len > TEXT_REJECTED_LIMIT)
        g_string_append_printf (text, "  … and %u more (use --json for all)\n",
                                self->rejected_rows->len - TEXT_REJECTED_LIMIT);
    }

  return g_string_free (text, FALSE);
}
