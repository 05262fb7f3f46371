/* ava-result-row.c
 *
 * One row of an AvaResult as a list item: GtkColumnView needs a GObject per
 * row, and a (result, index) pair keeps the typed cells where they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-result-row.h"

struct _AvaResultRow
{
  GObject    parent_instance;
  AvaResult *result;
  guint      row;
};

G_DEFINE_FINAL_TYPE (AvaResultRow, ava_result_row, G_TYPE_OBJECT)

static void
ava_result_row_dispose (GObject *object)
{
  AvaResultRow *self = AVA_RESULT_ROW (object);

  g_clear_object (&self->result);

  G_OBJECT_CLASS (ava_result_row_parent_class)->dispose (object);
}

static void
ava_result_row_class_init (AvaResultRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ava_result_row_dispose;
}

static void
ava_result_row_init (AvaResultRow *self)
{
}

/**
 * ava_result_row_new:
 * @result: the result the row belongs to
 * @row: a row index of @result
 *
 * Returns: (transfer full): a new #AvaResultRow
 */
AvaResultRow *
ava_result_row_new (AvaResult *result,
                    guint      row)
{
  AvaResultRow *self;

  g_return_val_if_fail (AVA_IS_RESULT (result), NULL);
  g_return_val_if_fail (row < ava_result_get_n_rows (result), NULL);

  self = g_object_new (AVA_TYPE_RESULT_ROW, NULL);
  self->result = g_object_ref (result);
  self->row = row;

  return self;
}

AvaResult *
ava_result_row_get_result (AvaResultRow *self)
{
  g_return_val_if_fail (AVA_IS_RESULT_ROW (self), NULL);

  return self->result;
}

guint
ava_result_row_get_row (AvaResultRow *self)
{
  g_return_val_if_fail (AVA_IS_RESULT_ROW (self), 0);

  return self->row;
}
