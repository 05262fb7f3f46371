/* test-pg-advice.c: every kind of connection failure against the throwaway
 * cluster (and two loopback listeners of our own), and its advice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "ava-pg-advice.h"
#include "ava-pg-connection.h"
#include "ava-pg-test-utils.h"

/* {{{ Helpers */

static gboolean
have_cluster (void)
{
  return ava_pg_test_get_base_conninfo () != NULL;
}

/* A conninfo for the cluster with @extra appended (later keywords win). */
static char *
cluster_conninfo (const char *extra)
{
  return g_strdup_printf ("host=127.0.0.1 port=%s user=%s password=%s dbname=%s connect_timeout=10 %s",
                          g_getenv ("AVA_TEST_PG_PORT"), g_getenv ("AVA_TEST_PG_USER"),
                          g_getenv ("AVA_TEST_PG_PASSWORD"), g_getenv ("AVA_TEST_PG_DBNAME"), extra);
}

/* Connects, expects a failure of @expected kind, and returns its message. */
static char *
assert_failure (const char  *conninfo,
                AvaPgFailure expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PGconn) conn = ava_pg_connection_open (conninfo, NULL, &error);
  const char        *password = g_getenv ("AVA_TEST_PG_PASSWORD");

  g_assert_null (conn);
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
  g_test_message ("%s", error->message);
  g_assert_cmpint (ava_pg_failure_classify (error->message), ==, expected);
  g_assert_nonnull (ava_pg_failure_get_advice (expected));
  if (password != NULL)
    g_assert_null (strstr (error->message, password));

  return g_strdup (error->message);
}

/* A loopback TCP server of our own: it accepts one client and then either
 * says nothing at all or answers PostgreSQL's SSLRequest with "N" (no SSL). */
typedef struct
{
  GSocket *socket;
  GThread *thread;
  gboolean refuse_ssl;
  GMutex   lock;
  GCond    done_cond;
  gboolean done;
  guint16  port;
} Listener;

static gpointer
listener_thread (gpointer data)
{
  Listener           *listener = data;
  g_autoptr (GError)  error = NULL;
  g_autoptr (GSocket) client = g_socket_accept (listener->socket, NULL, &error);
  char                request[8];

  g_assert_no_error (error);

  if (listener->refuse_ssl)
    {
      g_assert_cmpint (g_socket_receive (client, request, sizeof request, NULL, &error), ==, sizeof request);
      g_assert_cmpint (g_socket_send (client, "N", 1, NULL, &error), ==, 1);
    }

  /* Keep the connection open, silent, until the test is over. */
  g_mutex_lock (&listener->lock);
  while (!listener->done)
    g_cond_wait (&listener->done_cond, &listener->lock);
  g_mutex_unlock (&listener->lock);

  return NULL;
}

static Listener *
listener_start (gboolean refuse_ssl)
{
  Listener                  *listener = g_new0 (Listener, 1);
  g_autoptr (GError)         error = NULL;
  g_autoptr (GInetAddress)   loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  listener->refuse_ssl = refuse_ssl;
  g_mutex_init (&listener->lock);
  g_cond_init (&listener->done_cond);
  listener->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (listener->socket, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (listener->socket, &error));
  bound = g_socket_get_local_address (listener->socket, &error);
  g_assert_no_error (error);
  listener->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  listener->thread = g_thread_new ("listener", listener_thread, listener);

  return listener;
}

static void
listener_stop (Listener *listener)
{
  g_mutex_lock (&listener->lock);
  listener->done = TRUE;
  g_cond_signal (&listener->done_cond);
  g_mutex_unlock (&listener->lock);
  g_thread_join (listener->thread);
  g_socket_close (listener->socket, NULL);
  g_object_unref (listener->socket);
  g_mutex_clear (&listener->lock);
  g_cond_clear (&listener->done_cond);
  g_free (listener);
}

/* A loopback port that was free a moment ago and has no listener now. */
static guint16
closed_port (void)
{
  g_autoptr (GError)         error = NULL;
  g_autoptr (GInetAddress)   loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GSocket)        socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                                    G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any_port, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_close (socket, &error));

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* }}} */
/* {{{ Without a server */

static void
test_classify_messages (void)
{
  /* Messages as libpq 15 and the server write them. */
  static const struct
  {
    const char  *message;
    AvaPgFailure expected;
  } cases[] = {
    { "connection to server at \"db\" (10.0.0.1), port 5432 failed: SSL error: certificate verify failed", AVA_PG_FAILURE_CERT_UNTRUSTED },
    { "connection to server at \"db\" (10.0.0.1), port 5432 failed: root certificate file \"/home/a/.postgresql/root.crt\" does not exist\n"
      "Either provide the file or change sslmode to disable server certificate verification.",
      AVA_PG_FAILURE_ROOT_CERT_MISSING },
    { "could not read root certificate file \"system\": No such file or directory", AVA_PG_FAILURE_ROOT_CERT_MISSING },
    { "server certificate for \"localhost\" (and 1 other name) does not match host name \"db\"", AVA_PG_FAILURE_HOST_MISMATCH },
    { "FATAL:  no pg_hba.conf entry for host \"10.1.1.1\", user \"a\", database \"s\", no encryption", AVA_PG_FAILURE_SSL_REQUIRED },
    { "FATAL:  no pg_hba.conf entry for host \"10.1.1.1\", user \"a\", database \"s\", SSL encryption", AVA_PG_FAILURE_NO_HBA_ENTRY },
    /* sslmode=prefer: refused with and without SSL, so SSL is not the cure. */
    { "FATAL:  no pg_hba.conf entry for host \"h\", user \"a\", database \"s\", SSL encryption\n"
      "FATAL:  no pg_hba.conf entry for host \"h\", user \"a\", database \"s\", no encryption",
      AVA_PG_FAILURE_NO_HBA_ENTRY },
    { "FATAL:  pg_hba.conf rejects connection for host \"h\", user \"a\", database \"s\", SSL encryption", AVA_PG_FAILURE_NO_HBA_ENTRY },
    { "server does not support SSL, but SSL was required", AVA_PG_FAILURE_SSL_UNSUPPORTED },
    { "FATAL:  password authentication failed for user \"a\"", AVA_PG_FAILURE_AUTH_FAILED },
    { "fe_sendauth: no password supplied", AVA_PG_FAILURE_AUTH_FAILED },
    { "FATAL:  database \"nope\" does not exist", AVA_PG_FAILURE_NO_DATABASE },
    { "Could not connect to the database: no answer within 10 seconds", AVA_PG_FAILURE_TIMEOUT },
    { "timeout expired", AVA_PG_FAILURE_TIMEOUT },
    { "could not translate host name \"nope.example\" to address: Name or service not known", AVA_PG_FAILURE_HOST_UNKNOWN },
    { "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
      "\tIs the server running on that host and accepting TCP/IP connections?",
      AVA_PG_FAILURE_REFUSED },
    { "FATAL:  sorry, too many clients already", AVA_PG_FAILURE_UNKNOWN },
    { "", AVA_PG_FAILURE_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].message);
      g_assert_cmpint (ava_pg_failure_classify (cases[i].message), ==, cases[i].expected);
    }
}

static void
test_advice_texts (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_null (ava_pg_failure_get_advice (AVA_PG_FAILURE_UNKNOWN));

  /* One distinct sentence or two per kind. */
  for (AvaPgFailure f = AVA_PG_FAILURE_CERT_UNTRUSTED; f <= AVA_PG_FAILURE_NO_DATABASE; f++)
    {
      const char *advice = ava_pg_failure_get_advice (f);

      g_assert_nonnull (advice);
      g_assert_cmpuint (strlen (advice), >, 20);
      g_assert_true (g_str_has_suffix (advice, "."));
      g_assert_false (g_hash_table_contains (seen, advice));
      g_hash_table_add (seen, (gpointer) advice);
    }
  g_assert_nonnull (strstr (ava_pg_failure_get_advice (AVA_PG_FAILURE_CERT_UNTRUSTED), "DigiCert Global Root G2"));
}

/* }}} */
/* {{{ Against the cluster */

static void
test_probe_verify_full (void)
{
  g_autofree char            *extra = NULL;
  g_autofree char            *conninfo = NULL;
  g_autoptr (GError)          error = NULL;
  g_autoptr (AvaPgServerInfo) info = NULL;

  if (!have_cluster ())
    return;

  extra = g_strdup_printf ("host=localhost sslmode=verify-full sslrootcert=%s", g_getenv ("AVA_TEST_PG_CA"));
  conninfo = cluster_conninfo (extra);
  info = ava_pg_connection_probe (conninfo, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_test_message ("server %s, %s %s", info->server_version, info->ssl_protocol, info->ssl_cipher);
  g_assert_true (g_ascii_isdigit (info->server_version[0]));
  g_assert_cmpint (g_ascii_strtoll (info->server_version, NULL, 10), >=, 12);
  g_assert_true (info->ssl_in_use);
  g_assert_true (g_str_has_prefix (info->ssl_protocol, "TLSv1."));
  g_assert_nonnull (info->ssl_cipher);
  g_assert_cmpstr (info->ssl_cipher, !=, "");
}

static void
test_probe_plain (void)
{
  g_autofree char            *conninfo = NULL;
  g_autoptr (GError)          error = NULL;
  g_autoptr (AvaPgServerInfo) info = NULL;

  if (!have_cluster ())
    return;

  conninfo = cluster_conninfo ("sslmode=disable");
  info = ava_pg_connection_probe (conninfo, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (info->ssl_in_use);
  g_assert_null (info->ssl_protocol);
  g_assert_null (info->ssl_cipher);
}

static void
test_untrusted_ca (void)
{
  g_autofree char *extra = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *message = NULL;

  if (!have_cluster ())
    return;

  extra = g_strdup_printf ("host=localhost sslmode=verify-full sslrootcert=%s", g_getenv ("AVA_TEST_PG_OTHER_CA"));
  conninfo = cluster_conninfo (extra);
  message = assert_failure (conninfo, AVA_PG_FAILURE_CERT_UNTRUSTED);
  g_assert_nonnull (strstr (message, "certificate verify failed"));

  /* verify-ca checks the same chain. */
  g_free (conninfo);
  g_free (extra);
  extra = g_strdup_printf ("sslmode=verify-ca sslrootcert=%s", g_getenv ("AVA_TEST_PG_OTHER_CA"));
  conninfo = cluster_conninfo (extra);
  g_free (assert_failure (conninfo, AVA_PG_FAILURE_CERT_UNTRUSTED));
}

static void
test_root_cert_missing (void)
{
  g_autofree char *conninfo = NULL;

  if (!have_cluster ())
    return;

  conninfo = cluster_conninfo ("sslmode=verify-full sslrootcert=/nonexistent/ava-root.crt");
  g_free (assert_failure (conninfo, AVA_PG_FAILURE_ROOT_CERT_MISSING));
}

static void
test_host_mismatch (void)
{
  g_autofree char *extra = NULL;
  g_autofree char *conninfo = NULL;

  if (!have_cluster ())
    return;

  /* The real server by address, checked against a name not on its
   * certificate. */
  extra = g_strdup_printf ("host=db.example.invalid hostaddr=127.0.0.1 sslmode=verify-full sslrootcert=%s",
                           g_getenv ("AVA_TEST_PG_CA"));
  conninfo = cluster_conninfo (extra);
  g_free (assert_failure (conninfo, AVA_PG_FAILURE_HOST_MISMATCH));
}

static void
test_ssl_required (void)
{
  g_autofree char *extra = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *message = NULL;

  if (!have_cluster ())
    return;

  /* pg_hba.conf admits this role only with hostssl lines. */
  extra = g_strdup_printf ("user=%s sslmode=disable", g_getenv ("AVA_TEST_PG_SSL_ONLY_USER"));
  conninfo = cluster_conninfo (extra);
  message = assert_failure (conninfo, AVA_PG_FAILURE_SSL_REQUIRED);
  g_assert_nonnull (strstr (message, "no encryption"));

  /* The same role with SSL gets in: the advice was right. */
  g_free (conninfo);
  g_free (extra);
  extra = g_strdup_printf ("user=%s sslmode=require", g_getenv ("AVA_TEST_PG_SSL_ONLY_USER"));
  conninfo = cluster_conninfo (extra);
  PQfinish (ava_pg_test_connect (conninfo));
}

static void
test_ssl_unsupported (void)
{
  Listener        *listener = listener_start (TRUE);
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=x password=Secret-For-Listener "
                                               "dbname=x sslmode=require connect_timeout=10",
                                               listener->port);
  g_autofree char *message = assert_failure (conninfo, AVA_PG_FAILURE_SSL_UNSUPPORTED);

  g_assert_null (strstr (message, "Secret-For-Listener"));
  listener_stop (listener);
}

static void
test_no_hba_entry (void)
{
  g_autofree char *extra = NULL;
  g_autofree char *conninfo = NULL;

  if (!have_cluster ())
    return;

  extra = g_strdup_printf ("user=%s sslmode=require", g_getenv ("AVA_TEST_PG_NO_HBA_USER"));
  conninfo = cluster_conninfo (extra);
  g_free (assert_failure (conninfo, AVA_PG_FAILURE_NO_HBA_ENTRY));

  /* sslmode=prefer: refused with SSL and again without. */
  g_free (conninfo);
  g_free (extra);
  extra = g_strdup_printf ("user=%s sslmode=prefer", g_getenv ("AVA_TEST_PG_NO_HBA_USER"));
  conninfo = cluster_conninfo (extra);
  g_free (assert_failure (conninfo, AVA_PG_FAILURE_NO_HBA_ENTRY));
}

static void
test_wrong_password (void)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *message = NULL;

  if (!have_cluster ())
    return;

  conninfo = cluster_conninfo ("sslmode=require password=Wr0ng-Advice-Secret");
  message = assert_failure (conninfo, AVA_PG_FAILURE_AUTH_FAILED);
  g_assert_null (strstr (message, "Wr0ng-Advice-Secret"));
}

static void
test_timeout (void)
{
  Listener        *listener = listener_start (FALSE);
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=x dbname=x sslmode=require "
                                               "connect_timeout=1",
                                               listener->port);
  gint64           start = g_get_monotonic_time ();

  g_free (assert_failure (conninfo, AVA_PG_FAILURE_TIMEOUT));
  /* libpq's minimum of 2 seconds, not forever. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  listener_stop (listener);
}

static void
test_refused (void)
{
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=x dbname=x connect_timeout=5",
                                               closed_port ());

  g_free (assert_failure (conninfo, AVA_PG_FAILURE_REFUSED));
}

static void
test_no_database (void)
{
  g_autofree char *conninfo = NULL;

  if (!have_cluster ())
    return;

  conninfo = cluster_conninfo ("sslmode=require dbname=ava_no_such_database");
  g_free (assert_failure (conninfo, AVA_PG_FAILURE_NO_DATABASE));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/pg/advice/classify-messages", test_classify_messages);
  g_test_add_func ("/ava/pg/advice/texts", test_advice_texts);
  g_test_add_func ("/ava/pg/advice/probe-verify-full", test_probe_verify_full);
  g_test_add_func ("/ava/pg/advice/probe-plain", test_probe_plain);
  g_test_add_func ("/ava/pg/advice/untrusted-ca", test_untrusted_ca);
  g_test_add_func ("/ava/pg/advice/root-cert-missing", test_root_cert_missing);
  g_test_add_func ("/ava/pg/advice/host-mismatch", test_host_mismatch);
  g_test_add_func ("/ava/pg/advice/ssl-required", test_ssl_required);
  g_test_add_func ("/ava/pg/advice/ssl-unsupported", test_ssl_unsupported);
  g_test_add_func ("/ava/pg/advice/no-hba-entry", test_no_hba_entry);
  g_test_add_func ("/ava/pg/advice/wrong-password", test_wrong_password);
  g_test_add_func ("/ava/pg/advice/timeout", test_timeout);
  g_test_add_func ("/ava/pg/advice/refused", test_refused);
  g_test_add_func ("/ava/pg/advice/no-database", test_no_database);

  return g_test_run ();
}
