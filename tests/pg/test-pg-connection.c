/* test-pg-connection.c: SSL, host name checks and password scrubbing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-connection.h"
#include "ava-pg-test-utils.h"

static const char *
require_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    {
      g_autofree char *message = g_strdup_printf ("%s is not set: run through tests/pg/pg-cluster-run", name);

      g_test_skip (message);
      return NULL;
    }

  return value;
}

static void
assert_no_password (const char *message)
{
  const char *password = g_getenv ("AVA_TEST_PG_PASSWORD");

  g_assert_nonnull (message);
  g_assert_nonnull (password);
  g_assert_null (strstr (message, password));
}

static void
test_ssl_require (void)
{
  const char        *conninfo = ava_pg_test_get_base_conninfo ();
  g_autoptr (PGconn) conn = NULL;
  g_autofree char   *description = NULL;

  if (conninfo == NULL)
    return;

  g_assert_nonnull (strstr (conninfo, "sslmode=require"));
  conn = ava_pg_test_connect (conninfo);

  g_assert_true (ava_pg_connection_get_ssl_in_use (conn));
  g_assert_cmpint (PQsslInUse (conn), ==, 1);

  /* The server's view, not only the client's. */
  g_assert_cmpint (ava_pg_test_query_int (conn, "SELECT count(*) FROM pg_stat_ssl "
                                                "WHERE pid = pg_backend_pid() AND ssl"),
                   ==, 1);

  description = ava_pg_connection_describe (conn);
  g_assert_nonnull (strstr (description, "SSL (TLS"));
  assert_no_password (description);
}

static void
test_ssl_disabled (void)
{
  const char        *conninfo = ava_pg_test_get_base_conninfo ();
  g_autofree char   *plain = NULL;
  g_autoptr (PGconn) conn = NULL;
  g_autofree char   *description = NULL;

  if (conninfo == NULL)
    return;

  plain = g_strdup_printf ("%s sslmode=disable", conninfo);
  conn = ava_pg_test_connect (plain);

  g_assert_false (ava_pg_connection_get_ssl_in_use (conn));
  g_assert_cmpint (ava_pg_test_query_int (conn, "SELECT count(*) FROM pg_stat_ssl "
                                                "WHERE pid = pg_backend_pid() AND NOT ssl"),
                   ==, 1);

  description = ava_pg_connection_describe (conn);
  g_assert_nonnull (strstr (description, "no SSL"));
}

static char *
verify_full_conninfo (const char *host_part)
{
  const char *port = g_getenv ("AVA_TEST_PG_PORT");
  const char *user = g_getenv ("AVA_TEST_PG_USER");
  const char *password = g_getenv ("AVA_TEST_PG_PASSWORD");
  const char *dbname = g_getenv ("AVA_TEST_PG_DBNAME");
  const char *ca = g_getenv ("AVA_TEST_PG_CA");

  return g_strdup_printf ("%s port=%s user=%s password=%s dbname=%s sslmode=verify-full sslrootcert=%s",
                          host_part, port, user, password, dbname, ca);
}

static void
test_ssl_verify_full (void)
{
  g_autofree char   *conninfo = NULL;
  g_autoptr (PGconn) conn = NULL;

  if (require_env ("AVA_TEST_PG_CA") == NULL)
    return;

  conninfo = verify_full_conninfo ("host=localhost");
  conn = ava_pg_test_connect (conninfo);
  g_assert_true (ava_pg_connection_get_ssl_in_use (conn));
}

static void
test_ssl_verify_full_wrong_host (void)
{
  g_autofree char   *conninfo = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PGconn) conn = NULL;

  if (require_env ("AVA_TEST_PG_CA") == NULL)
    return;

  /* Reach the real server by address, but check the certificate against a
   * name it was not issued for. */
  conninfo = verify_full_conninfo ("host=wrong-name.invalid hostaddr=127.0.0.1");
  conn = ava_pg_connection_open (conninfo, NULL, &error);

  g_assert_null (conn);
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
  g_test_message ("verify-full with a wrong host: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Could not connect to the database: "));
  g_assert_nonnull (strstr (error->message, "does not match host name \"wrong-name.invalid\""));
  assert_no_password (error->message);
}

static void
test_ssl_verify_full_unknown_ca (void)
{
  g_autofree char   *conninfo = NULL;
  g_autofree char   *bogus_ca = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PGconn) conn = NULL;

  if (require_env ("AVA_TEST_PG_CA") == NULL)
    return;

  /* The system CAs never signed the throwaway server certificate. */
  conninfo = g_strdup_printf ("host=localhost port=%s user=%s password=%s dbname=%s "
                              "sslmode=verify-full sslrootcert=system",
                              g_getenv ("AVA_TEST_PG_PORT"), g_getenv ("AVA_TEST_PG_USER"),
                              g_getenv ("AVA_TEST_PG_PASSWORD"), g_getenv ("AVA_TEST_PG_DBNAME"));
  conn = ava_pg_connection_open (conninfo, NULL, &error);

  /* libpq 15 has no sslrootcert=system: it looks for a file named
   * "system", which does not exist. Either way the connection must fail. */
  g_assert_null (conn);
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
  g_test_message ("verify-full without the test CA: %s", error->message);
  assert_no_password (error->message);
}

static void
test_wrong_password (void)
{
  const char        *base = ava_pg_test_get_base_conninfo ();
  g_autofree char   *conninfo = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PGconn) conn = NULL;
  const char        *wrong = "Wr0ng-Secret-Never-Shown";

  if (base == NULL)
    return;

  conninfo = g_strdup_printf ("%s password=%s", base, wrong);
  conn = ava_pg_connection_open (conninfo, NULL, &error);

  g_assert_null (conn);
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
  g_test_message ("wrong password: %s", error->message);
  g_assert_nonnull (strstr (error->message, "password authentication failed"));
  g_assert_null (strstr (error->message, wrong));
  assert_no_password (error->message);
}

/* Malformed strings make libpq quote the part it rejects, which for a URI is
 * the whole URI with its password. */
static void
test_invalid_conninfo_hides_password (void)
{
  static const char *const cases[] = {
    "postgresql://ava:Sup3r-S3cret@[::1:5432/db",
    "postgresql://ava:Sup3r-S3cret@localhost/db?password=Sup3r-S3cret&bogus=1",
    "host=localhost password=Sup3r-S3cret bogus_option=1",
    "host=localhost password='Sup3r-S3cret",
    "host=localhost password=Sup3r-S3cret port",
    "postgresql://ava:Sup3r%2DS3cret@localhost:notaport/db",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PGconn) conn = ava_pg_connection_open (cases[i], NULL, &error);

      g_assert_null (conn);
      g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
      g_test_message ("%s → %s", cases[i], error->message);
      g_assert_null (strstr (error->message, "Sup3r"));
      g_assert_null (strstr (error->message, "S3cret"));
    }
}

static void
test_scrub_secrets (void)
{
  g_autofree char *a = ava_pg_scrub_secrets ("failed for pw hunter2 and hunter2",
                                             "host=x password=hunter2", NULL);
  g_autofree char *b = ava_pg_scrub_secrets ("uri pw p@ss/word and p%40ss%2Fword",
                                             "postgresql://u:p%40ss%2Fword@h/db", NULL);
  g_autofree char *c = ava_pg_scrub_secrets ("nothing secret here", "host=x", NULL);

  g_assert_cmpstr (a, ==, "failed for pw ******** and ********");
  g_assert_cmpstr (b, ==, "uri pw ******** and ********");
  g_assert_cmpstr (c, ==, "nothing secret here");
}

static void
test_unreachable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PGconn) conn = NULL;

  /* Port 1 on loopback: nothing listens there. */
  conn = ava_pg_connection_open ("host=127.0.0.1 port=1 user=x password=Secret-For-Port-1 connect_timeout=5",
                                 NULL, &error);

  g_assert_null (conn);
  g_assert_error (error, AVA_PG_ERROR, AVA_PG_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "Connection refused"));
  g_assert_null (strstr (error->message, "Secret-For-Port-1"));
}

static void
test_cancelled_before_connect (void)
{
  const char              *base = ava_pg_test_get_base_conninfo ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError)       error = NULL;
  g_autoptr (PGconn)       conn = NULL;

  if (base == NULL)
    return;

  g_cancellable_cancel (cancellable);
  conn = ava_pg_connection_open (base, cancellable, &error);

  g_assert_null (conn);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_uri_conninfo (void)
{
  g_autofree char   *uri = NULL;
  g_autoptr (PGconn) conn = NULL;

  if (require_env ("AVA_TEST_PG_PORT") == NULL)
    return;

  uri = g_strdup_printf ("postgresql://%s:%s@127.0.0.1:%s/%s?sslmode=require",
                         g_getenv ("AVA_TEST_PG_USER"), g_getenv ("AVA_TEST_PG_PASSWORD"),
                         g_getenv ("AVA_TEST_PG_PORT"), g_getenv ("AVA_TEST_PG_DBNAME"));
  conn = ava_pg_test_connect (uri);

  g_assert_true (ava_pg_connection_get_ssl_in_use (conn));
  /* The client encoding is forced to the core's. */
  g_assert_cmpstr (PQparameterStatus (conn, "client_encoding"), ==, "UTF8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/pg/connection/ssl-require", test_ssl_require);
  g_test_add_func ("/ava/pg/connection/ssl-disabled", test_ssl_disabled);
  g_test_add_func ("/ava/pg/connection/ssl-verify-full", test_ssl_verify_full);
  g_test_add_func ("/ava/pg/connection/ssl-verify-full-wrong-host", test_ssl_verify_full_wrong_host);
  g_test_add_func ("/ava/pg/connection/ssl-verify-full-unknown-ca", test_ssl_verify_full_unknown_ca);
  g_test_add_func ("/ava/pg/connection/uri", test_uri_conninfo);
  g_test_add_func ("/ava/pg/connection/wrong-password", test_wrong_password);
  g_test_add_func ("/ava/pg/connection/invalid-conninfo-hides-password", test_invalid_conninfo_hides_password);
  g_test_add_func ("/ava/pg/connection/scrub-secrets", test_scrub_secrets);
  g_test_add_func ("/ava/pg/connection/unreachable", test_unreachable);
  g_test_add_func ("/ava/pg/connection/cancelled", test_cancelled_before_connect);

  return g_test_run ();
}
