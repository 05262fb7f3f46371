/* ava-result-row.c
 *
 * One row of an AvaResult as a list item: GtkColumnView needs a GObject per
 * row, and a (result, index) pair keeps the typed cells where they are.
 *
 * A table keeps its rows across results and points them at the new one
 * (ava_result_row_set): the list widgets then keep their row widgets and
 * only relabel them, instead of tearing down and rebuilding hundreds.
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

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

  /**
   * AvaResultRow::changed:
   *
   * The row now shows another result, or another row of it.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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

/**
 * ava_result_row_set:
 * @self: a #AvaResultRow
 * @result: the result the row now belongs to
 * @row: a row index of @result
 *
 * Points @self at another row; emits #AvaResultRow::changed when it moved.
 * Models holding @self must be told (their sorter or filter changed).
 */
void
ava_result_row_set (AvaResultRow *self,
                    AvaResult    *result,
                    guint         row)
{
  g_return_if_fail (AVA_IS_RESULT_ROW (self));
  g_return_if_fail (AVA_IS_RESULT (result));
  g_return_if_fail (row < ava_result_get_n_rows (result));

  if (self->result == result && self->row == row)
    return;

  g_set_object (&self->result, result);
  self->row = row;
  g_signal_emit (self, signals[CHANGED], 0);
}
