/* ava-pg-advice.h: what a failed connection means, in plain words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why a connection failed, as told by libpq's message. */
typedef enum
{
  AVA_PG_FAILURE_UNKNOWN,
  AVA_PG_FAILURE_CERT_UNTRUSTED,    /* verify-ca/full: no trusted CA signed the certificate */
  AVA_PG_FAILURE_ROOT_CERT_MISSING, /* the root certificate file cannot be read */
  AVA_PG_FAILURE_HOST_MISMATCH,     /* verify-full: the certificate names another host */
  AVA_PG_FAILURE_SSL_REQUIRED,      /* the server accepts only SSL; the client did not use it */
  AVA_PG_FAILURE_SSL_UNSUPPORTED,   /* the client required SSL; the server has none */
  AVA_PG_FAILURE_NO_HBA_ENTRY,      /* the server does not admit this host, user and database */
  AVA_PG_FAILURE_AUTH_FAILED,       /* wrong or missing password */
  AVA_PG_FAILURE_TIMEOUT,           /* no answer in time */
  AVA_PG_FAILURE_REFUSED,           /* nothing listens at the host and port */
  AVA_PG_FAILURE_HOST_UNKNOWN,      /* the host name does not resolve */
  AVA_PG_FAILURE_NO_DATABASE,       /* no database of that name */
} AvaPgFailure;

AvaPgFailure ava_pg_failure_classify (const char *message);
const char  *ava_pg_failure_get_advice (AvaPgFailure failure);

G_END_DECLS
