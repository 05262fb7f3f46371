/* ava-pg-advice.c
 *
 * libpq reports connection failures as English text with no error code
 * (the server's SQLSTATE is not kept for a failed startup), so the kind of
 * failure is read from the fragments libpq 15 and the server use. The
 * advice is for people who are not database administrators.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-pg-advice.h"

#include <glib/gi18n.h>
#include <string.h>

static gboolean
contains (const char *message,
          const char *fragment)
{
  return strstr (message, fragment) != NULL;
}

/**
 * ava_pg_failure_classify:
 * @message: the text of a failed connection (libpq's, possibly prefixed by
 *   the pg layer's own words)
 *
 * With several attempts in one message (sslmode=prefer tries SSL, then
 * plain), the first recognised cause in the order below wins: certificate
 * problems before server refusals before network trouble.
 *
 * Returns: the kind of failure, %AVA_PG_FAILURE_UNKNOWN if none matches
 */
AvaPgFailure
ava_pg_failure_classify (const char *message)
{
  g_return_val_if_fail (message != NULL, AVA_PG_FAILURE_UNKNOWN);

  if (contains (message, "root certificate file") &&
      (contains (message, "does not exist") || contains (message, "could not read")))
    return AVA_PG_FAILURE_ROOT_CERT_MISSING;
  if (contains (message, "certificate verify failed") ||
      contains (message, "self-signed certificate") ||
      contains (message, "self signed certificate") ||
      contains (message, "unable to get local issuer certificate"))
    return AVA_PG_FAILURE_CERT_UNTRUSTED;
  if (contains (message, "does not match host name"))
    return AVA_PG_FAILURE_HOST_MISMATCH;
  if (contains (message, "server does not support SSL"))
    return AVA_PG_FAILURE_SSL_UNSUPPORTED;
  if (contains (message, "no pg_hba.conf entry") || contains (message, "pg_hba.conf rejects connection"))
    {
      /* Refused only without encryption: the server wants SSL. */
      if (contains (message, "no encryption") && !contains (message, "SSL encryption") &&
          !contains (message, "GSS encryption"))
        return AVA_PG_FAILURE_SSL_REQUIRED;
      return AVA_PG_FAILURE_NO_HBA_ENTRY;
    }
  if (contains (message, "password authentication failed") ||
      contains (message, "authentication failed for user") ||
      contains (message, "no password supplied"))
    return AVA_PG_FAILURE_AUTH_FAILED;
  if (contains (message, "database \"") && contains (message, "\" does not exist"))
    return AVA_PG_FAILURE_NO_DATABASE;
  if (contains (message, "no answer within") || contains (message, "timeout expired") ||
      contains (message, "Connection timed out"))
    return AVA_PG_FAILURE_TIMEOUT;
  if (contains (message, "could not translate host name") || contains (message, "Name or service not known"))
    return AVA_PG_FAILURE_HOST_UNKNOWN;
  if (contains (message, "Connection refused") || contains (message, "No route to host") ||
      contains (message, "Network is unreachable"))
    return AVA_PG_FAILURE_REFUSED;

  return AVA_PG_FAILURE_UNKNOWN;
}

/**
 * ava_pg_failure_get_advice:
 * @failure: a kind of failure
 *
 * Returns: (nullable): one translated sentence or two telling the user what
 *   to do, or %NULL for %AVA_PG_FAILURE_UNKNOWN
 */
const char *
ava_pg_failure_get_advice (AvaPgFailure failure)
{
  switch (failure)
    {
    case AVA_PG_FAILURE_CERT_UNTRUSTED:
      return _ ("The server’s certificate is not signed by an authority this computer trusts. "
                "Choose the server’s root certificate file (for Azure: DigiCert Global Root G2), "
                "or set SSL Mode to Required to encrypt without checking the certificate.");
    case AVA_PG_FAILURE_ROOT_CERT_MISSING:
      return _ ("The root certificate file cannot be read. Choose an existing file, "
                "or leave the field empty to use the certificates of this computer.");
    case AVA_PG_FAILURE_HOST_MISMATCH:
      return _ ("The server’s certificate is for another host name. Type the host name exactly "
                "as on the certificate (for Azure: the full name ending in .postgres.database.azure.com), "
                "or set SSL Mode to Verify certificate.");
    case AVA_PG_FAILURE_SSL_REQUIRED:
      return _ ("The server accepts only encrypted connections. Set SSL Mode to Required or stronger.");
    case AVA_PG_FAILURE_SSL_UNSUPPORTED:
      return _ ("The server does not offer encryption. Ask its administrator to turn SSL on, "
                "or set SSL Mode to Disabled if the network is trusted.");
    case AVA_PG_FAILURE_NO_HBA_ENTRY:
      return _ ("The server does not accept this user and database from this computer. "
                "Ask its administrator to allow it (on Azure: add your address to the server’s firewall rules).");
    case AVA_PG_FAILURE_AUTH_FAILED:
      return _ ("The user name or password is wrong. Check both and try again.");
    case AVA_PG_FAILURE_TIMEOUT:
      return _ ("The server did not answer in time. Check the host name and port, "
                "and that no firewall blocks this computer.");
    case AVA_PG_FAILURE_REFUSED:
      return _ ("Nothing answers at that host and port. Check the port, and that the server is running "
                "and accepts network connections.");
    case AVA_PG_FAILURE_HOST_UNKNOWN:
      return _ ("The host name cannot be found. Check its spelling and the network connection.");
    case AVA_PG_FAILURE_NO_DATABASE:
      return _ ("There is no database of that name on the server. Check its spelling.");
    case AVA_PG_FAILURE_UNKNOWN:
    default:
      return NULL;
    }
}
