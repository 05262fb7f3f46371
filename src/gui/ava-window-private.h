/* ava-window-private.h
 *
 * The instance struct is shared with tests/ui so they can reach the
 * template children and the engine without walking the widget tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-chart-card.h"
#include "ava-connection-dialog.h"
#include "ava-engine.h"
#include "ava-export-dialog.h"
#include "ava-export.h"
#include "ava-import-dialog.h"
#include "ava-kpi-card.h"
#include "ava-quality-report.h"
#include "ava-result-table.h"
#include "ava-window.h"

G_BEGIN_DECLS

/* The queries of one refresh; each fills one part of the dashboard. */
typedef enum
{
  AVA_SLOT_OVERVIEW,
  AVA_SLOT_OVERVIEW_PREVIOUS,
  AVA_SLOT_MONTHLY,
  AVA_SLOT_PRODUCTS,
  AVA_SLOT_CUSTOMERS,
  AVA_SLOT_COUNTRIES,
  AVA_SLOT_COHORTS,
  AVA_N_SLOTS
} AvaSlot;

typedef enum
{
  AVA_CARD_GROSS_REVENUE,
  AVA_CARD_ORDERS,
  AVA_CARD_AOV,
  AVA_CARD_CUSTOMERS,
  AVA_CARD_RETURNS,
  AVA_CARD_NET_REVENUE,
  AVA_N_CARDS
} AvaCard;

/* Products and customers shown in the rankings. */
#define AVA_WINDOW_TOP_PRODUCTS 15

struct _AvaWindow
{
  AdwApplicationWindow parent_instance;

  /* Owned; NULL when the schema is not installed (see ava_window_init). */
  GSettings *settings;

  /* The data source. */
  AvaEngine        *engine;
  AvaQualityReport *report;
  char             *source_path; /* NULL for the demo */
  char             *source_name; /* shown for an engine source, e.g. PostgreSQL */
  GCancellable     *source_cancellable;
  gboolean          source_loading;
  GStrv             all_countries;
  gboolean          has_data_range;
  gint64            data_first; /* first invoice, shop time */
  gint64            data_last;  /* last invoice */

  /* The source on screen while another loads, for win.stop. */
  char *shown_path;
  char *shown_name;

  /* Filters: only the filter fields of this query are used. */
  AvaQuery *filters;
  /* The filters before the first cross-filter click; Escape restores them. */
  AvaQuery *filters_before_cross;
  AvaRankBy rank_by;
  GArray   *presets; /* PresetRange, parallel to preset_list */
  gboolean  syncing; /* widgets are being set from the filters */

  /* One refresh at a time: a new one cancels the old and bumps the
   * generation; a result is shown only if its generation and its slot's
   * serial are still current. */
  GCancellable *refresh_cancellable;
  guint         generation;
  guint         slot_serial[AVA_N_SLOTS];
  guint         n_pending;
  guint         n_stale_dropped; /* late results thrown away, for tests */
  gint64        refresh_started_at;
  AvaResult    *results[AVA_N_SLOTS];

  /* One export at a time (ava-window-export.c). */
  GTask                *export_task;
  GCancellable         *export_cancellable; /* tables only */
  guint                 export_n_rows;
  guint                 export_poll_id;
  GtkFileChooserNative *export_chooser;
  char                 *export_toast_title; /* the last export's toast, for tests */

  /* The open "Connect to PostgreSQL" dialog, if any; not a reference. */
  AvaConnectionDialog *connection_dialog;
  /* The open "Import CSV into Database" dialog, if any; not a reference. */
  AvaImportDialog *import_dialog;

  /* Built in code */
  AvaKpiCard     *cards[AVA_N_CARDS];
  AvaChartCard   *monthly_card;
  AvaChartCard   *products_card;
  AvaResultTable *products_table;
  AvaResultTable *customers_table;
  AvaChartCard   *countries_map_card;
  AvaChartCard   *countries_bar_card;
  AvaResultTable *countries_table;
  AvaChartCard   *cohorts_card;

  /* Template children */
  GtkGrid              *cards_grid;
  GtkBox               *chips_box;
  GtkBox               *cohorts_box;
  GtkListBox           *country_list;
  GtkSearchEntry       *country_search;
  GtkMenuButton        *countries_button;
  GtkBox               *countries_box;
  GtkLabel             *customers_count_label;
  GtkBox               *customers_box;
  GtkEntry             *customer_entry;
  GtkSearchEntry       *customer_search;
  AdwStatusPage        *error_page;
  GtkButton            *export_cancel_button;
  GtkLabel             *export_label;
  GtkProgressBar       *export_progress;
  GtkRevealer          *export_revealer;
  GtkBox               *filter_bar;
  GtkCalendar          *from_calendar;
  GtkMenuButton        *from_button;
  AdwHeaderBar         *header_bar;
  GtkStack             *main_stack;
  GtkBox               *overview_box;
  GtkDropDown          *preset_dropdown;
  GtkStringList        *preset_list;
  GtkMenuButton        *primary_menu_button;
  GtkBox               *products_box;
  GtkLabel             *source_label;
  GtkSpinner           *spinner;
  GtkButton            *stop_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkCalendar          *to_calendar;
  GtkMenuButton        *to_button;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
};

/* Emitted signals (see ava-window.c): "source-loaded", "refreshed". */

void ava_window_set_engine (AvaWindow *self, AvaEngine *engine, const char *source_name);
void ava_window_set_filters (AvaWindow *self, const AvaQuery *filters);
void ava_window_cross_filter_country (AvaWindow *self, const char *country);
void ava_window_refresh (AvaWindow *self);

/* ava-window-export.c */
void             ava_window_class_init_export (GtkWidgetClass *widget_class);
void             ava_window_init_export (AvaWindow *self);
void             ava_window_dispose_export (AvaWindow *self);
gboolean         ava_window_export_chart_to_file (AvaWindow *self, AvaChartCard *card, const AvaChartExportOptions *options, GFile *file);
AvaExportDialog *ava_window_show_export_dialog (AvaWindow *self, AvaChartCard *card);
void             ava_window_export_table_to_file (AvaWindow *self, AvaResultTable *table, AvaTableFormat format, GFile *file);
gboolean         ava_window_export_report_to_file (AvaWindow *self, GFile *file);

G_END_DECLS
