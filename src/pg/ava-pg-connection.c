/* ava-pg-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-connection.h"
#include "ava-pg-private.h"

#include <errno.h>
#include <string.h>

G_DEFINE_QUARK (ava - pg - error - quark, ava_pg_error)

#define REDACTED "********"

/* Shorter secrets are not replaced in server messages about statements: a
 * one-letter password would otherwise blank out every such letter. Messages
 * about connecting are scrubbed whatever the length. */
#define MIN_SCRUB_LENGTH_IN_QUERIES 4

struct _AvaPgCancelWatch
{
  GCancellable *cancellable;
  PGcancel     *cancel;
  gulong        handler_id;
};

static void
add_secret (GPtrArray  *secrets,
            const char *secret)
{
  g_autofree char *decoded = NULL;

  if (secret == NULL || *secret == '\0')
    return;

  g_ptr_array_add (secrets, g_strdup (secret));

  /* A URI carries the password percent-encoded; messages may echo either. */
  decoded = g_uri_unescape_string (secret, NULL);
  if (decoded != NULL && strcmp (decoded, secret) != 0)
    g_ptr_array_add (secrets, g_steal_pointer (&decoded));
}

/* The password of a URI's user info ("postgresql://user:secret@host"), found
 * by hand because such a string may be the one libpq could not parse. */
static void
add_uri_password (GPtrArray  *secrets,
                  const char *conninfo)
{
  const char *scheme_end = strstr (conninfo, "://");
  const char *at;
  const char *colon;
  const char *end;

  if (scheme_end == NULL)
    return;

  scheme_end += 3;
  end = scheme_end + strcspn (scheme_end, "/?");
  at = g_strrstr_len (scheme_end, end - scheme_end, "@");
  if (at == NULL)
    return;

  colon = memchr (scheme_end, ':', at - scheme_end);
  if (colon != NULL && colon + 1 < at)
    {
      g_autofree char *secret = g_strndup (colon + 1, at - colon - 1);

      add_secret (secrets, secret);
    }
}

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  const char *sa = *(const char *const *) a;
  const char *sb = *(const char *const *) b;

  return (int) strlen (sb) - (int) strlen (sa);
}

static char *
scrub_with_minimum (const char *message,
                    const char *conninfo,
                    PGconn     *conn,
                    gsize       min_length)
{
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString)   text = g_string_new (message);

  if (conninfo != NULL)
    {
      PQconninfoOption *options = PQconninfoParse (conninfo, NULL);

      if (options != NULL)
        {
          for (PQconninfoOption *o = options; o->keyword != NULL; o++)
            {
              if (strcmp (o->keyword, "password") == 0)
                add_secret (secrets, o->val);
            }
          PQconninfoFree (options);
        }

      add_uri_password (secrets, conninfo);
    }

  /* The password libpq really used may come from PGPASSWORD or a pgpass
   * file, not from the conninfo. */
  add_secret (secrets, g_getenv ("PGPASSWORD"));
  if (conn != NULL)
    add_secret (secrets, PQpass (conn));

  /* Longest first, so that a secret containing another is replaced whole. */
  g_ptr_array_sort (secrets, compare_length_desc);

  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);

      if (strlen (secret) >= min_length)
        g_string_replace (text, secret, REDACTED, 0);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ava_pg_scrub_secrets:
 * @message: a message that may come from libpq or the server
 * @conninfo: (nullable): the connection string the message is about
 * @conn: (nullable): the connection, for the password it actually used
 *
 * Replaces every password known from @conninfo, @conn and the environment.
 *
 * Returns: (transfer full): the scrubbed message
 */
char *
ava_pg_scrub_secrets (const char *message,
                      const char *conninfo,
                      PGconn     *conn)
{
  g_return_val_if_fail (message != NULL, NULL);

  return scrub_with_minimum (message, conninfo, conn, 1);
}

/* libpq's parser quotes fragments of a connection string it rejects, and for
 * a URI that can be the whole URI, password included. Its message is still
 * the most useful one, so keep it but blank out every quoted fragment. */
static char *
redact_quoted (const char *message)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gboolean            in_quote = FALSE;

  for (const char *p = message; *p != '\0'; p++)
    {
      if (*p == '"')
        {
          if (!in_quote)
            g_string_append (text, "\"" REDACTED);
          else
            g_string_append_c (text, '"');
          in_quote = !in_quote;
        }
      else if (!in_quote)
        g_string_append_c (text, *p);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
strip_message (const char *message)
{
  char *text = g_strdup (message != NULL ? message : "");

  return g_strstrip (text);
}

static void
notice_processor_cb (void       *user_data,
                     const char *message)
{
  g_autofree char *text = strip_message (message);

  /* Notices ("relation already exists, skipping") are expected chatter; the
   * default processor would print them on stderr. */
  g_debug ("server notice: %s", text);
}

static gboolean
set_connect_error (GError    **error,
                   PGconn     *conn,
                   const char *conninfo)
{
  g_autofree char *raw = strip_message (conn != NULL ? PQerrorMessage (conn) : "out of memory");
  g_autofree char *scrubbed = scrub_with_minimum (raw, conninfo, conn, 1);

  g_set_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT,
               "Could not connect to the database: %s",
               *scrubbed != '\0' ? scrubbed : "unknown error");
  return FALSE;
}

static int
get_connect_timeout_ms (PGconn *conn)
{
  PQconninfoOption *options = PQconninfo (conn);
  int               timeout_ms = -1;

  if (options == NULL)
    return -1;

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (strcmp (o->keyword, "connect_timeout") == 0 && o->val != NULL && *o->val != '\0')
        {
          gint64 seconds = g_ascii_strtoll (o->val, NULL, 10);

          /* libpq treats 1 as 2 seconds; so do we. 0 means wait forever. */
          if (seconds > 0)
            timeout_ms = (int) MIN (MAX (seconds, 2), G_MAXINT / 1000) * 1000;
        }
    }

  PQconninfoFree (options);
  return timeout_ms;
}

/**
 * ava_pg_connection_open:
 * @conninfo: any libpq connection string: key=value pairs or a
 *   postgresql:// URI; services, PGPASSFILE, PG* variables and SSL settings
 *   are honoured as libpq does
 * @cancellable: (nullable): stops the attempt
 * @error: return location for a #GError
 *
 * Opens a connection, polling so that @cancellable can interrupt a slow
 * network. The client encoding is always UTF-8, the encoding of the core.
 * Error messages never contain the password.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
PGconn *
ava_pg_connection_open (const char   *conninfo,
                        GCancellable *cancellable,
                        GError      **error)
{
  static const char *const keywords[] = {
    "dbname",
    "fallback_application_name",
    "client_encoding",
    NULL,
  };
  const char *values[] = {
    NULL,
    "avastrolytics",
    "UTF8",
    NULL,
  };
  g_autoptr (PGconn)        conn = NULL;
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  int                       timeout_ms;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* With expand_dbname, the first "dbname" may be a whole conninfo or URI;
   * later keywords override what it says. */
  values[0] = conninfo;
  conn = PQconnectStartParams (keywords, values, 1);

  if (conn == NULL)
    {
      g_set_error_literal (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT,
                           "Could not connect to the database: out of memory");
      return NULL;
    }

  if (PQstatus (conn) == CONNECTION_BAD)
    {
      /* Nothing was sent: the string itself is wrong. */
      g_autofree char *raw = strip_message (PQerrorMessage (conn));
      g_autofree char *quoted = redact_quoted (raw);
      g_autofree char *scrubbed = scrub_with_minimum (quoted, conninfo, NULL, 1);

      g_set_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT,
                   "The connection settings are not valid: %s", scrubbed);
      return NULL;
    }

  timeout_ms = get_connect_timeout_ms (conn);

  while (status != PGRES_POLLING_OK)
    {
      GPollFD fds[2];
      guint   n_fds = 1;
      int     ready;

      if (status == PGRES_POLLING_FAILED)
        {
          set_connect_error (error, conn, conninfo);
          return NULL;
        }

      fds[0].fd = PQsocket (conn);
      fds[0].events = (status == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT) | G_IO_ERR | G_IO_HUP;
      fds[0].revents = 0;
      if (g_cancellable_make_pollfd (cancellable, &fds[1]))
        n_fds = 2;

      do
        ready = g_poll (fds, n_fds, timeout_ms);
      while (ready < 0 && errno == EINTR);

      if (n_fds == 2)
        g_cancellable_release_fd (cancellable);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (ready == 0)
        {
          g_set_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT,
                       "Could not connect to the database: no answer within %d seconds",
                       timeout_ms / 1000);
          return NULL;
        }

      status = PQconnectPoll (conn);
    }

  PQsetNoticeProcessor (conn, notice_processor_cb, NULL);

  g_debug ("connected to %s:%s as %s, SSL %s",
           PQhost (conn), PQport (conn), PQuser (conn),
           PQsslInUse (conn) ? "on" : "off");

  return g_steal_pointer (&conn);
}

/**
 * ava_pg_connection_get_ssl_in_use:
 * @conn: an open connection
 *
 * Returns: whether the connection is encrypted with SSL/TLS
 */
gboolean
ava_pg_connection_get_ssl_in_use (PGconn *conn)
{
  g_return_val_if_fail (conn != NULL, FALSE);

  return PQsslInUse (conn) != 0;
}

/**
 * ava_pg_connection_describe:
 * @conn: an open connection
 *
 * A one-line summary for the user, such as
 * "ava@db.example.org:5432/sales, SSL (TLSv1.3)". No password.
 *
 * Returns: (transfer full): the description
 */
char *
ava_pg_connection_describe (PGconn *conn)
{
  const char *protocol;

  g_return_val_if_fail (conn != NULL, NULL);

  if (!PQsslInUse (conn))
    return g_strdup_printf ("%s@%s:%s/%s, no SSL",
                            PQuser (conn), PQhost (conn), PQport (conn), PQdb (conn));

  protocol = PQsslAttribute (conn, "protocol");

  return g_strdup_printf ("%s@%s:%s/%s, SSL (%s)",
                          PQuser (conn), PQhost (conn), PQport (conn), PQdb (conn),
                          protocol != NULL ? protocol : "unknown protocol");
}

/**
 * ava_pg_connection_probe:
 * @conninfo: a libpq connection string, as for ava_pg_connection_open()
 * @cancellable: (nullable): stops the attempt
 * @error: return location for a #GError
 *
 * Connects, reads the server version and the encryption in use, and
 * disconnects, without running any statement: "Test connection" must not
 * touch a database it may not own.
 *
 * Returns: (transfer full): what the server told, or %NULL
 */
AvaPgServerInfo *
ava_pg_connection_probe (const char   *conninfo,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_autoptr (PGconn) conn = NULL;
  AvaPgServerInfo   *info;
  const char        *version;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  conn = ava_pg_connection_open (conninfo, cancellable, error);
  if (conn == NULL)
    return NULL;

  info = g_new0 (AvaPgServerInfo, 1);
  version = PQparameterStatus (conn, "server_version");
  info->server_version = g_strdup (version != NULL ? version : "");
  info->ssl_in_use = PQsslInUse (conn) != 0;
  if (info->ssl_in_use)
    {
      info->ssl_protocol = g_strdup (PQsslAttribute (conn, "protocol"));
      info->ssl_cipher = g_strdup (PQsslAttribute (conn, "cipher"));
    }

  return info;
}

void
ava_pg_server_info_free (AvaPgServerInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->server_version);
  g_free (info->ssl_protocol);
  g_free (info->ssl_cipher);
  g_free (info);
}

void
ava_pg_set_error_from_result (GError        **error,
                              PGconn         *conn,
                              const PGresult *result,
                              GCancellable   *cancellable,
                              const char     *context)
{
  const char      *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char      *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char      *detail = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL) : NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *message = NULL;
  g_autofree char *scrubbed = NULL;

  /* 57014 is query_canceled: our own PQcancel, reported as GIO does. */
  if (g_cancellable_is_cancelled (cancellable) &&
      (sqlstate == NULL || strcmp (sqlstate, "57014") == 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: cancelled", context);
      return;
    }

  if (primary == NULL)
    {
      /* No server message: the connection broke, or libpq refused locally. */
      fallback = strip_message (conn != NULL ? PQerrorMessage (conn) : NULL);
      primary = *fallback != '\0' ? fallback : "unknown error";
    }

  if (detail != NULL)
    message = g_strdup_printf ("%s: %s (%s)%s%s%s", context, primary, detail,
                               sqlstate != NULL ? " [SQLSTATE " : "",
                               sqlstate != NULL ? sqlstate : "",
                               sqlstate != NULL ? "]" : "");
  else
    message = g_strdup_printf ("%s: %s%s%s%s", context, primary,
                               sqlstate != NULL ? " [SQLSTATE " : "",
                               sqlstate != NULL ? sqlstate : "",
                               sqlstate != NULL ? "]" : "");

  scrubbed = scrub_with_minimum (message, NULL, conn, MIN_SCRUB_LENGTH_IN_QUERIES);

  g_set_error_literal (error, AVA_PG_ERROR, AVA_PG_ERROR_QUERY, scrubbed);
}

PGresult *
ava_pg_exec (PGconn            *conn,
             const char        *sql,
             int                n_params,
             const char *const *values,
             ExecStatusType     expected,
             GCancellable      *cancellable,
             const char        *context,
             GError           **error)
{
  g_autoptr (PGresult) result = NULL;

  g_assert (conn != NULL);
  g_assert (sql != NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result = PQexecParams (conn, sql, n_params, NULL, values, NULL, NULL, 0);

  if (result == NULL || PQresultStatus (result) != expected)
    {
      ava_pg_set_error_from_result (error, conn, result, cancellable, context);
      return NULL;
    }

  return g_steal_pointer (&result);
}

gboolean
ava_pg_exec_command (PGconn       *conn,
                     const char   *sql,
                     GCancellable *cancellable,
                     const char   *context,
                     GError      **error)
{
  g_autoptr (PGresult) result = NULL;

  g_assert (conn != NULL);
  g_assert (sql != NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* PQexec, not PQexecParams: a migration file holds several statements. */
  result = PQexec (conn, sql);

  if (result == NULL ||
      (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK))
    {
      ava_pg_set_error_from_result (error, conn, result, cancellable, context);
      return FALSE;
    }

  return TRUE;
}

static void
cancel_cb (GCancellable *cancellable,
           gpointer      user_data)
{
  AvaPgCancelWatch *watch = user_data;
  char              errbuf[256];

  /* May run in any thread; PQcancel is safe there, PQerrorMessage is not. */
  if (!PQcancel (watch->cancel, errbuf, sizeof errbuf))
    g_debug ("cancel request failed: %s", errbuf);
}

AvaPgCancelWatch *
ava_pg_cancel_watch_new (PGconn       *conn,
                         GCancellable *cancellable)
{
  AvaPgCancelWatch *watch = g_new0 (AvaPgCancelWatch, 1);

  if (cancellable == NULL)
    return watch;

  watch->cancellable = g_object_ref (cancellable);
  watch->cancel = PQgetCancel (conn);
  if (watch->cancel != NULL)
    watch->handler_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb), watch, NULL);

  return watch;
}

void
ava_pg_cancel_watch_free (AvaPgCancelWatch *watch)
{
  if (watch == NULL)
    return;

  /* Waits for a handler running in another thread before freeing. */
  if (watch->handler_id != 0)
    g_cancellable_disconnect (watch->cancellable, watch->handler_id);
  g_clear_pointer (&watch->cancel, PQfreeCancel);
  g_clear_object (&watch->cancellable);
  g_free (watch);
}

/**
 * ava_pg_append_conninfo:
 * @conninfo: a key=value libpq connection string being built
 * @key: a libpq keyword
 * @value: its value, any text
 *
 * Appends `key='value'`, quoted as libpq's parser expects: inside single
 * quotes, a backslash and a single quote are escaped with a backslash. The
 * value never needs any other care, so user input (a password with spaces
 * or quotes) cannot add keywords of its own.
 */
void
ava_pg_append_conninfo (GString    *conninfo,
                        const char *key,
                        const char *value)
{
  g_return_if_fail (conninfo != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  if (conninfo->len > 0)
    g_string_append_c (conninfo, ' ');
  g_string_append (conninfo, key);
  g_string_append (conninfo, "='");
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '\'')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *p);
    }
  g_string_append_c (conninfo, '\'');
}
