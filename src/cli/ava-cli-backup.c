/* ava-cli-backup.c: rotating pg_dump backups, for cron or a systemd timer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "ava-cli.h"
#include "ava-pg-connection.h"

#define BACKUP_PREFIX "avastrolytics-"
#define BACKUP_SUFFIX ".dump"

/* Splits the password out of @conninfo: pg_dump gets it through PGPASSWORD,
 * since a command line is visible to every user of the machine. */
static char *
conninfo_without_password (const char *conninfo,
                           char      **password,
                           GError    **error)
{
  g_autofree char  *parse_error = NULL;
  PQconninfoOption *options;
  char             *message = NULL;
  GString          *rest;

  options = PQconninfoParse (conninfo, &message);
  if (options == NULL)
    {
      /* libpq's message may quote the string, password and all. */
      PQfreemem (message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "--db: not a valid PostgreSQL connection string");
      return NULL;
    }

  rest = g_string_new (NULL);
  *password = NULL;
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL)
        continue;
      if (g_str_equal (option->keyword, "password"))
        {
          *password = g_strdup (option->val);
          continue;
        }

      ava_pg_append_conninfo (rest, option->keyword, option->val);
    }
  PQconninfoFree (options);

  return g_string_free (rest, FALSE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Keeps the newest @keep backups; their names sort by time. */
static gboolean
rotate (const char *directory,
        int         keep,
        GError    **error)
{
  g_autoptr (GDir)      dir = g_dir_open (directory, 0, error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char           *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, BACKUP_PREFIX) && g_str_has_suffix (name, BACKUP_SUFFIX))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);

      if (g_unlink (path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: cannot remove an old backup: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      g_debug ("Removed old backup %s", path);
    }

  return TRUE;
}

int
ava_cli_backup (int    argc,
                char **argv)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *output = NULL;
  int              keep = 7;
  GOptionEntry     entries[] = {
        { "db", 0, 0, G_OPTION_ARG_STRING, &conninfo, "libpq connection string or URI", "CONNINFO" },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Directory for the backups", "DIR" },
        { "keep", 0, 0, G_OPTION_ARG_INT, &keep, "Keep the newest N backups (default 7)", "N" },
        { NULL }
  };
  g_autoptr (GOptionContext) context =
    ava_cli_context_new (NULL, "Back the database up with pg_dump (custom format) into DIR, keeping the newest N.", entries);
  g_autoptr (GError)              error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess)         process = NULL;
  g_autoptr (GDateTime)           now = NULL;
  g_autofree char                *password = NULL;
  g_autofree char                *safe_conninfo = NULL;
  g_autofree char                *stamp = NULL;
  g_autofree char                *final_path = NULL;
  g_autofree char                *partial_path = NULL;
  g_autofree char                *dump_stderr = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ava_cli_fail (error);
  if (argc != 1)
    return ava_cli_usage_error ("takes no arguments besides its options");
  if (conninfo == NULL || output == NULL)
    return ava_cli_usage_error ("--db CONNINFO and --output DIR are required");
  if (keep < 1)
    return ava_cli_usage_error ("--keep %d: keep at least one backup", keep);

  safe_conninfo = conninfo_without_password (conninfo, &password, &error);
  if (safe_conninfo == NULL)
    return ava_cli_fail (error);

  if (g_mkdir_with_parents (output, 0700) != 0)
    {
      int saved_errno = errno;

      return ava_cli_usage_error ("%s: cannot create the directory: %s", output, g_strerror (saved_errno));
    }

  now = g_date_time_new_now_utc ();
  /* Microseconds, so that two runs in one second never collide. */
  stamp = g_date_time_format (now, "%Y%m%dT%H%M%S.%fZ");
  final_path = g_strdup_printf ("%s/" BACKUP_PREFIX "%s" BACKUP_SUFFIX, output, stamp);
  partial_path = g_strconcat (final_path, ".partial", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "PGPASSWORD", password, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, "pg_dump", "--format=custom", "--no-password",
                                         "--file", partial_path, "--dbname", safe_conninfo, NULL);
  if (process == NULL)
    return ava_cli_fail (error);

  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &dump_stderr, &error))
    return ava_cli_fail (error);

  /* Only a complete dump gets the name that rotation and restores look
   * for. */
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_unlink (partial_path);
      g_strstrip (dump_stderr);
      return ava_cli_usage_error ("pg_dump failed: %s", dump_stderr);
    }
  if (g_rename (partial_path, final_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial_path);
      return ava_cli_usage_error ("%s: cannot rename the backup: %s", final_path, g_strerror (saved_errno));
    }

  if (!rotate (output, keep, &error))
    return ava_cli_fail (error);

  return ava_cli_write_stdout (final_path) && ava_cli_write_stdout ("\n") ? EXIT_SUCCESS : AVA_CLI_EXIT_FAILED;
}
