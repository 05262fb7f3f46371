/* ava-result-table.c
 *
 * Any AvaResult as a sortable, selectable GtkColumnView: one column per
 * result column, numbers sorted as numbers and right-aligned, Ctrl+C copies
 * the selected rows as TSV in machine form (exact money, 4 decimals).
 *
 * The model chain is GListStore (AvaResultRow) › GtkFilterListModel (search,
 * no filter without one)
 * › GtkSortListModel (the column view's sorter) › GtkMultiSelection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ava-result-table.h"

#include "ava-gui-private.h"
#include "ava-result-row.h"

struct _AvaResultTable
{
  GtkWidget parent_instance;

  GtkScrolledWindow  *scroller;
  GtkColumnView      *column_view;
  GListStore         *rows;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkMultiSelection  *selection;
  GtkCustomFilter    *filter;
  gboolean            scrolls;
  /* While hidden, what the column view shows instead of sort_model. */
  GListStore *frozen;

  AvaResult *result;
  char      *filter_text; /* casefolded, NULL for none */
  /* Names of the current columns, to rebuild them only on a new shape. */
  GStrv column_names;

  GtkPopoverMenu *context_menu;
};

enum
{
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

enum
{
  EXPORT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AvaResultTable, ava_result_table, GTK_TYPE_WIDGET)

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean   numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "numeric"));

  if (numeric)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_list_item_set_child (item, label);
}

static void
update_cell (GtkLabel     *label,
             AvaResultRow *row)
{
  guint            column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "column"));
  g_autofree char *text = ava_gui_format_cell (ava_result_row_get_result (row), ava_result_row_get_row (row), column);

  gtk_label_set_text (label, text);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  AvaResultRow *row = gtk_list_item_get_item (item);
  GtkWidget    *label = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (label), "column", user_data);
  update_cell (GTK_LABEL (label), row);
  /* Rows outlive results: follow the row to its new cells. */
  g_signal_connect_object (row, "changed", G_CALLBACK (update_cell), label, G_CONNECT_SWAPPED);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  AvaResultRow *row = gtk_list_item_get_item (item);

  g_signal_handlers_disconnect_by_func (row, update_cell, gtk_list_item_get_child (item));
}

/* One comparison per column type. GtkNumericSorter would need a closure
 * expression per row, evaluated through libffi: measured at about 10 µs a
 * row, 40 ms for the customer list, too long for one frame. These direct
 * comparisons cost nanoseconds. Text sorts in byte order, like
 * KPI_SPEC.md's "smallest". */
static int
compare_cells_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  guint      column = GPOINTER_TO_UINT (user_data);
  AvaResult *result_a = ava_result_row_get_result ((gpointer) a);
  AvaResult *result_b = ava_result_row_get_result ((gpointer) b);
  guint      row_a = ava_result_row_get_row ((gpointer) a);
  guint      row_b = ava_result_row_get_row ((gpointer) b);
  int        cmp;

  switch (ava_result_get_column_type (result_a, column))
    {
    case AVA_COLUMN_TEXT:
      cmp = strcmp (ava_result_get_text (result_a, row_a, column), ava_result_get_text (result_b, row_b, column));
      break;

    case AVA_COLUMN_RATIO:
      {
        double x = ava_result_get_ratio (result_a, row_a, column);
        double y = ava_result_get_ratio (result_b, row_b, column);

        cmp = (x > y) - (x < y);
      }
      break;

    case AVA_COLUMN_INTEGER:
    case AVA_COLUMN_MONEY:
    case AVA_COLUMN_TIMESTAMP:
    case AVA_COLUMN_MONTH:
    default:
      {
        gint64 x = ava_result_get_integer (result_a, row_a, column);
        gint64 y = ava_result_get_integer (result_b, row_b, column);

        cmp = (x > y) - (x < y);
      }
      break;
    }

  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER
                                                  : GTK_ORDERING_EQUAL;
}

static GtkSorter *
create_sorter (AvaResult *result,
               guint      column)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare_cells_cb, GUINT_TO_POINTER (column), NULL));
}

static void
ava_result_table_rebuild_columns (AvaResultTable *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint       n_columns = ava_result_get_n_columns (self->result);
  int         rank_column = ava_result_find_column (self->result, "rank");

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }

  g_clear_pointer (&self->column_names, g_strfreev);
  self->column_names = g_new0 (char *, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    {
      const char                     *name = ava_result_get_column_name (self->result, c);
      AvaColumnType                   type = ava_result_get_column_type (self->result, c);
      GtkListItemFactory             *factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) column = NULL;
      g_autoptr (GtkSorter)           sorter = create_sorter (self->result, c);

      self->column_names[c] = g_strdup (name);

      g_object_set_data (G_OBJECT (factory), "numeric", GINT_TO_POINTER (type != AVA_COLUMN_TEXT));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);

      column = gtk_column_view_column_new (ava_gui_column_title (name), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* Descriptions take what is left; everything else is as wide as its
       * widest visible cell. */
      gtk_column_view_column_set_expand (column, g_str_equal (name, "description") || g_str_equal (name, "country"));
      gtk_column_view_append_column (self->column_view, column);
    }

  /* The engine's own order is the ranking; sort by rank so the header
   * shows which column orders the rows. */
  if (rank_column >= 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, rank_column);

      gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_ASCENDING);
    }
}

static void
ava_result_table_freeze (AvaResultTable *self)
{
  GListModel           *shown = G_LIST_MODEL (self->sort_model);
  guint                 n_items = g_list_model_get_n_items (shown);
  g_autoptr (GPtrArray) items = NULL;

  if (self->frozen != NULL)
    return;

  items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (shown, i));

  self->frozen = g_list_store_new (AVA_TYPE_RESULT_ROW);
  g_list_store_splice (self->frozen, 0, 0, items->pdata, items->len);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->frozen));
}

static void
ava_result_table_thaw (AvaResultTable *self)
{
  if (self->frozen == NULL)
    return;

  /* The frozen items are the same row objects: their widgets are reused,
   * only the rows added or removed meanwhile are built or dropped. */
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->sort_model));
  g_clear_object (&self->frozen);
}

static void
ava_result_table_map (GtkWidget *widget)
{
  ava_result_table_thaw (AVA_RESULT_TABLE (widget));

  GTK_WIDGET_CLASS (ava_result_table_parent_class)->map (widget);
}

static gboolean
same_columns (AvaResultTable *self,
              AvaResult      *result)
{
  guint n_columns = ava_result_get_n_columns (result);

  if (self->column_names == NULL || g_strv_length (self->column_names) != n_columns)
    return FALSE;

  for (guint c = 0; c < n_columns; c++)
    if (!g_str_equal (self->column_names[c], ava_result_get_column_name (result, c)))
      return FALSE;

  return TRUE;
}

static gboolean
filter_row_cb (gpointer item,
               gpointer user_data)
{
  AvaResultTable *self = user_data;
  AvaResult      *result = ava_result_row_get_result (item);
  guint           row = ava_result_row_get_row (item);

  if (self->filter_text == NULL)
    return TRUE;

  for (guint c = 0; c < ava_result_get_n_columns (result); c++)
    {
      AvaColumnType    type = ava_result_get_column_type (result, c);
      g_autofree char *text = NULL;
      g_autofree char *folded = NULL;

      /* Search what identifies a row: names, codes and ids. */
      if (type != AVA_COLUMN_TEXT && !g_str_equal (ava_result_get_column_name (result, c), "customer_id"))
        continue;

      text = ava_result_format_cell (result, row, c);
      folded = g_utf8_casefold (text, -1);
      if (strstr (folded, self->filter_text) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ava_result_table_copy_selection (AVA_RESULT_TABLE (widget));
}

/* Whoever shows the table (the window) knows where and how to export. */
static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[EXPORT], 0, g_variant_get_string (parameter, NULL));
}

static void
menu_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AvaResultTable *self = AVA_RESULT_TABLE (widget);

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), NULL);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
context_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    AvaResultTable  *self)
{
  GdkRectangle point = { (int) x, (int) y, 1, 1 };

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &point);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
ava_result_table_dispose (GObject *object)
{
  AvaResultTable *self = AVA_RESULT_TABLE (object);

  if (self->context_menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->context_menu));
      self->context_menu = NULL;
    }

  if (self->scroller != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->scroller));
      self->scroller = NULL;
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->frozen);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->rows);
  g_clear_object (&self->filter);
  g_clear_object (&self->result);

  G_OBJECT_CLASS (ava_result_table_parent_class)->dispose (object);
}

static void
ava_result_table_finalize (GObject *object)
{
  AvaResultTable *self = AVA_RESULT_TABLE (object);

  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->column_names, g_strfreev);

  G_OBJECT_CLASS (ava_result_table_parent_class)->finalize (object);
}

static void
ava_result_table_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AvaResultTable *self = AVA_RESULT_TABLE (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_result_table_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AvaResultTable *self = AVA_RESULT_TABLE (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      ava_result_table_set_result (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_result_table_class_init (AvaResultTableClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ava_result_table_dispose;
  object_class->finalize = ava_result_table_finalize;
  object_class->get_property = ava_result_table_get_property;
  object_class->set_property = ava_result_table_set_property;

  widget_class->map = ava_result_table_map;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL,
                         AVA_TYPE_RESULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AvaResultTable::export:
   * @format: "csv", "excel" or "json"
   *
   * The user asked to export the rows as shown.
   */
  signals[EXPORT] =
    g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "table.copy", NULL, copy_action_cb);
  gtk_widget_class_install_action (widget_class, "table.export", "s", export_action_cb);
  gtk_widget_class_install_action (widget_class, "table.menu", NULL, menu_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "table.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "table.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "table.menu", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "avaresulttable");
}

/* The same items as a chart card's menu, for tables without a card. */
static GMenuModel *
create_context_menu_model (void)
{
  GMenu            *menu = g_menu_new ();
  g_autoptr (GMenu) copy = g_menu_new ();
  g_autoptr (GMenu) export = g_menu_new ();

  g_menu_append (copy, _ ("_Copy Selected Rows"), "table.copy");
  g_menu_append (export, _ ("Export as C_SV…"), "table.export::csv");
  g_menu_append (export, _ ("Export for _Excel…"), "table.export::excel");
  g_menu_append (export, _ ("Export as _JSON…"), "table.export::json");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (export));

  return G_MENU_MODEL (menu);
}

static void
ava_result_table_init (AvaResultTable *self)
{
  g_autoptr (GMenuModel) menu_model = create_context_menu_model ();
  GtkGesture            *click;
  GtkSorter             *sorter;

  self->rows = g_list_store_new (AVA_TYPE_RESULT_ROW);
  self->filter = gtk_custom_filter_new (filter_row_cb, self, NULL);

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, FALSE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)), NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), g_object_ref (sorter));
  /* Sort in slices over several frames: a long table never stalls the
   * main loop. */
  gtk_sort_list_model_set_incremental (self->sort_model, TRUE);
  /* Our own reference: a hidden table lends the selection a frozen copy. */
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->scrolls = TRUE;
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->column_view));
  gtk_widget_set_parent (GTK_WIDGET (self->scroller), GTK_WIDGET (self));

  /* Right click, a long press, Shift+F10 or the Menu key. */
  self->context_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (menu_model));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
ava_result_table_new (void)
{
  return g_object_new (AVA_TYPE_RESULT_TABLE, NULL);
}

AvaResult *
ava_result_table_get_result (AvaResultTable *self)
{
  g_return_val_if_fail (AVA_IS_RESULT_TABLE (self), NULL);

  return self->result;
}

/**
 * ava_result_table_set_result:
 * @self: a #AvaResultTable
 * @result: (nullable): the rows to show
 *
 * Shows @result, keeping the user's sort column when the shape is the same.
 */
void
ava_result_table_set_result (AvaResultTable *self,
                             AvaResult      *result)
{
  GListModel           *rows;
  guint                 n_rows;
  guint                 n_old;
  g_autoptr (GPtrArray) added = NULL;

  g_return_if_fail (AVA_IS_RESULT_TABLE (self));
  g_return_if_fail (result == NULL || AVA_IS_RESULT (result));

  if (!g_set_object (&self->result, result))
    return;

  rows = G_LIST_MODEL (self->rows);
  n_rows = result != NULL ? ava_result_get_n_rows (result) : 0;
  n_old = g_list_model_get_n_items (rows);

  if (result != NULL && !same_columns (self, result))
    ava_result_table_rebuild_columns (self);

  /* A hidden table keeps showing its current rows: a new row count would
   * make the column view build or destroy row widgets for rows nobody
   * sees, up to 200 of them (30–60 ms and 15 MB for the customers). It
   * catches up when mapped. The models below (ava_result_table_get_model())
   * are current at once. A short table that does not scroll (a top 15)
   * fills at once the first time: it has few rows to build. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) && (n_old > 0 || self->scrolls))
    ava_result_table_freeze (self);

  /* The selection was of the old rows. */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  /* Keep the row objects and point them at the new result: the column view
   * then keeps its row widgets and relabels the bound ones. Replacing every
   * item instead made it rebuild all its row widgets, about 0.4 ms a row,
   * even on a hidden page. */
  for (guint r = 0; r < MIN (n_old, n_rows); r++)
    {
      g_autoptr (AvaResultRow) row = g_list_model_get_item (rows, r);

      ava_result_row_set (row, result, r);
    }

  /* Then one splice at the end for the difference. */
  added = g_ptr_array_new_full (n_rows > n_old ? n_rows - n_old : 0, g_object_unref);
  for (guint r = n_old; r < n_rows; r++)
    g_ptr_array_add (added, ava_result_row_new (result, r));
  if (n_rows != n_old)
    g_list_store_splice (self->rows, MIN (n_old, n_rows), n_old > n_rows ? n_old - n_rows : 0,
                         added->pdata, added->len);

  /* The kept rows changed under the filter and the sorter. */
  if (n_old > 0 && n_rows > 0)
    {
      if (self->filter_text != NULL)
        gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/**
 * ava_result_table_set_scrolls:
 * @self: a #AvaResultTable
 * @scrolls: whether the table scrolls by itself
 *
 * A short table on a scrolling page should not scroll on its own: it then
 * asks for the height of all its rows.
 */
void
ava_result_table_set_scrolls (AvaResultTable *self,
                              gboolean        scrolls)
{
  g_return_if_fail (AVA_IS_RESULT_TABLE (self));

  self->scrolls = scrolls;
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC,
                                  scrolls ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (self->scroller, !scrolls);
}

/**
 * ava_result_table_set_filter_text:
 * @self: a #AvaResultTable
 * @text: (nullable): what to look for in names, codes and customer ids
 */
void
ava_result_table_set_filter_text (AvaResultTable *self,
                                  const char     *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (AVA_IS_RESULT_TABLE (self));

  if (text != NULL && text[0] != '\0')
    folded = g_utf8_casefold (text, -1);

  if (g_strcmp0 (folded, self->filter_text) == 0)
    return;

  g_free (self->filter_text);
  self->filter_text = g_steal_pointer (&folded);
  /* Without a search, no filter at all: the filter model then passes the
   * rows through without asking about each. */
  if (self->filter_text == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, NULL);
  else if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GtkColumnView *
ava_result_table_get_column_view (AvaResultTable *self)
{
  g_return_val_if_fail (AVA_IS_RESULT_TABLE (self), NULL);

  return self->column_view;
}

/**
 * ava_result_table_get_model:
 *
 * Returns: (transfer none): the rows as shown: filtered and sorted
 */
GListModel *
ava_result_table_get_model (AvaResultTable *self)
{
  g_return_val_if_fail (AVA_IS_RESULT_TABLE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * ava_result_table_selection_to_tsv:
 *
 * Returns: (transfer full) (nullable): a header line and the selected rows,
 *   in screen order and machine form, or %NULL when nothing is selected
 */
char *
ava_result_table_selection_to_tsv (AvaResultTable *self)
{
  g_autoptr (GtkBitset) selected = NULL;
  GtkBitsetIter         iter;
  guint                 position;
  GString              *out;
  guint                 n_columns;

  g_return_val_if_fail (AVA_IS_RESULT_TABLE (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (self->result == NULL || gtk_bitset_is_empty (selected))
    return NULL;

  n_columns = ava_result_get_n_columns (self->result);
  out = g_string_new (NULL);
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "\t" : "", ava_result_get_column_name (self->result, c));
  g_string_append_c (out, '\n');

  for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr (AvaResultRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *text = ava_result_format_cell (ava_result_row_get_result (row), ava_result_row_get_row (row), c);

          /* TSV has no quoting: keep a cell on its line. */
          g_strdelimit (text, "\t\n\r", ' ');
          g_string_append_printf (out, "%s%s", c > 0 ? "\t" : "", text);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/**
 * ava_result_table_dup_shown_rows:
 * @self: a #AvaResultTable
 * @out_n_rows: (out): the number of rows
 *
 * What the table shows, in its order: the search applied and the column
 * sort finished (a sort runs in slices over several frames).
 *
 * Returns: (transfer full) (array length=out_n_rows): row indices of
 *   ava_result_table_get_result()
 */
guint *
ava_result_table_dup_shown_rows (AvaResultTable *self,
                                 guint          *out_n_rows)
{
  GListModel *shown;
  guint      *rows;
  guint       n_rows;

  g_return_val_if_fail (AVA_IS_RESULT_TABLE (self), NULL);
  g_return_val_if_fail (out_n_rows != NULL, NULL);

  /* Turning incremental sorting off finishes a sort in progress. */
  if (gtk_sort_list_model_get_pending (self->sort_model) > 0)
    {
      gtk_sort_list_model_set_incremental (self->sort_model, FALSE);
      gtk_sort_list_model_set_incremental (self->sort_model, TRUE);
    }

  shown = G_LIST_MODEL (self->sort_model);
  n_rows = g_list_model_get_n_items (shown);
  rows = g_new (guint, MAX (n_rows, 1));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr (AvaResultRow) row = g_list_model_get_item (shown, i);

      rows[i] = ava_result_row_get_row (row);
    }

  *out_n_rows = n_rows;
  return rows;
}

void
ava_result_table_copy_selection (AvaResultTable *self)
{
  g_autofree char *tsv = NULL;

  g_return_if_fail (AVA_IS_RESULT_TABLE (self));

  tsv = ava_result_table_selection_to_tsv (self);
  if (tsv != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
}
