/* ava-import-dialog-private.h
 *
 * The instance struct is shared with tests/ui so they can read the figures
 * and press the buttons without walking the widget tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ava-import-dialog.h"
#include "ava-pg-importer.h"

G_BEGIN_DECLS

typedef enum
{
  AVA_IMPORT_STATE_CHOOSE,    /* waiting for a file */
  AVA_IMPORT_STATE_READING,   /* reading and cleaning it */
  AVA_IMPORT_STATE_REVIEW,    /* showing its quality report */
  AVA_IMPORT_STATE_IMPORTING, /* sending it to the database */
  AVA_IMPORT_STATE_IMPORTED,
  AVA_IMPORT_STATE_STOPPED, /* the user cancelled the import */
  AVA_IMPORT_STATE_FAILED,
} AvaImportState;

/* The figures of the quality report, one row each. */
typedef enum
{
  AVA_IMPORT_FIGURE_INPUT_ROWS,
  AVA_IMPORT_FIGURE_REJECTED,
  AVA_IMPORT_FIGURE_DUPLICATES,
  AVA_IMPORT_FIGURE_KEPT,
  AVA_IMPORT_FIGURE_SALES,
  AVA_IMPORT_FIGURE_RETURNS,
  AVA_IMPORT_FIGURE_EXCLUDED,
  AVA_IMPORT_FIGURE_DATES,
  AVA_IMPORT_FIGURE_CUSTOMERS,
  AVA_IMPORT_FIGURE_PRODUCTS,
  AVA_IMPORT_FIGURE_COUNTRIES,
  AVA_IMPORT_N_FIGURES
} AvaImportFigure;

/* Rejected rows listed in the review; the rest are only counted. */
#define AVA_IMPORT_DIALOG_MAX_REJECTED_SHOWN 50

typedef struct _AvaImportLoaded   AvaImportLoaded;
typedef struct _AvaImportProgress AvaImportProgress;

struct _AvaImportDialog
{
  AdwWindow parent_instance;

  /* May hold the password: kept in memory only, never shown. */
  char              *conninfo;
  char              *target;
  AvaImportState     state;
  GCancellable      *cancellable;
  AvaImportProgress *progress; /* of the running step */
  char              *file_name;
  AvaImportLoaded   *loaded; /* the cleaned file and its report */
  AvaPgImportResult  result;
  char              *message; /* of the result page */

  GtkLabel  *figures[AVA_IMPORT_N_FIGURES];
  GPtrArray *rejected_rows; /* AdwActionRow, in line order */

  /* Template children */
  GtkButton           *cancel_button;
  GtkButton           *choose_button;
  GtkButton           *close_button;
  GtkButton           *import_button;
  AdwPreferencesGroup *input_group;
  AdwPreferencesGroup *kept_group;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_detail;
  GtkLabel            *progress_title;
  AdwPreferencesGroup *rejected_group;
  AdwStatusPage       *result_page;
  GtkStack            *stack;
  AdwStatusPage       *start_page;
};

const AvaQualityReport *ava_import_dialog_get_report (AvaImportDialog *self);

G_END_DECLS
