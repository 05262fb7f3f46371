/* ava-connection-profile.c
 *
 * A saved PostgreSQL login without its password: the server, database, user
 * and SSL settings, in GSettings. Each profile has its own path under
 * /org/avastrolytics/Avastrolytics/profiles/ with the relocatable schema
 * org.avastrolytics.Avastrolytics.Profile; the main schema's `profiles` key
 * lists them in order. Passwords live only in the keyring (ava-keyring.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ava-connection-profile.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ava-gui-private.h"
#include "ava-pg-connection.h"

#define PROFILE_SCHEMA_ID APP_ID ".Profile"
#define PROFILES_PATH     "/org/avastrolytics/Avastrolytics/profiles/"
#define AZURE_HOST_SUFFIX ".postgres.database.azure.com"
/* Seconds; an unreachable host should fail visibly, not spin forever. */
#define CONNECT_TIMEOUT "10"

struct _AvaConnectionProfile
{
  GObject parent_instance;

  char    *id;
  char    *name;
  char    *host;
  char    *database;
  char    *user;
  char    *sslmode; /* "" follows the host name */
  char    *root_ca;
  guint    port;
  gboolean remember_password;
  gboolean saved;
};

G_DEFINE_FINAL_TYPE (AvaConnectionProfile, ava_connection_profile, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_HOST,
  PROP_PORT,
  PROP_DATABASE,
  PROP_USER,
  PROP_SSLMODE,
  PROP_ROOT_CA,
  PROP_REMEMBER_PASSWORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const sslmode_values[AVA_N_SSLMODES] = {
  [AVA_SSLMODE_DISABLE] = "disable",
  [AVA_SSLMODE_REQUIRE] = "require",
  [AVA_SSLMODE_VERIFY_CA] = "verify-ca",
  [AVA_SSLMODE_VERIFY_FULL] = "verify-full",
};

/* {{{ Helpers */

static char **
string_field (AvaConnectionProfile *self,
              guint                 prop_id)
{
  switch (prop_id)
    {
    case PROP_ID:
      return &self->id;
    case PROP_NAME:
      return &self->name;
    case PROP_HOST:
      return &self->host;
    case PROP_DATABASE:
      return &self->database;
    case PROP_USER:
      return &self->user;
    case PROP_SSLMODE:
      return &self->sslmode;
    case PROP_ROOT_CA:
      return &self->root_ca;
    default:
      return NULL;
    }
}

/* The settings key of each string property. */
static const char *const string_keys[N_PROPS] = {
  [PROP_NAME] = "name",
  [PROP_HOST] = "host",
  [PROP_DATABASE] = "database",
  [PROP_USER] = "user",
  [PROP_SSLMODE] = "sslmode",
  [PROP_ROOT_CA] = "root-ca",
};

/* NULL when the schema is not installed (running an uninstalled binary
 * without GSETTINGS_SCHEMA_DIR): profiles are then not saved. */
static GSettings *
profile_settings_new (GSettings  *settings,
                      const char *id)
{
  g_autoptr (GSettingsSchema)  schema = NULL;
  g_autoptr (GSettingsBackend) backend = NULL;
  g_autofree char             *path = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), PROFILE_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;

  /* The same backend as the main settings: tests use a memory one. */
  g_object_get (settings, "backend", &backend, NULL);
  path = g_strconcat (PROFILES_PATH, id, "/", NULL);
  return g_settings_new_full (schema, backend, path);
}

/* An identifier is one path element: the format g_uuid_string_random()
 * makes, which is also what a hand-edited list must keep to. */
static gboolean
id_is_valid (const char *id)
{
  return id[0] != '\0' && strspn (id, "0123456789abcdefABCDEF-") == strlen (id);
}

/* }}} */
/* {{{ GObject */

static void
ava_connection_profile_finalize (GObject *object)
{
  AvaConnectionProfile *self = AVA_CONNECTION_PROFILE (object);

  for (guint prop_id = PROP_ID; prop_id < N_PROPS; prop_id++)
    {
      char **field = string_field (self, prop_id);

      if (field != NULL)
        g_clear_pointer (field, g_free);
    }

  G_OBJECT_CLASS (ava_connection_profile_parent_class)->finalize (object);
}

static void
ava_connection_profile_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AvaConnectionProfile *self = AVA_CONNECTION_PROFILE (object);
  char                **field = string_field (self, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else if (prop_id == PROP_PORT)
    g_value_set_uint (value, self->port);
  else if (prop_id == PROP_REMEMBER_PASSWORD)
    g_value_set_boolean (value, self->remember_password);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ava_connection_profile_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AvaConnectionProfile *self = AVA_CONNECTION_PROFILE (object);
  char                **field = string_field (self, prop_id);

  if (field != NULL)
    {
      const char *text = g_value_get_string (value);

      if (text == NULL)
        text = "";
      if (g_strcmp0 (*field, text) != 0)
        {
          g_free (*field);
          *field = g_strdup (text);
          if (prop_id != PROP_ID)
            g_object_notify_by_pspec (object, pspec);
        }
    }
  else if (prop_id == PROP_PORT)
    {
      guint port = g_value_get_uint (value);

      if (self->port != port)
        {
          self->port = port;
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else if (prop_id == PROP_REMEMBER_PASSWORD)
    {
      gboolean remember = g_value_get_boolean (value);

      if (self->remember_password != remember)
        {
          self->remember_password = remember;
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ava_connection_profile_class_init (AvaConnectionProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ava_connection_profile_finalize;
  object_class->get_property = ava_connection_profile_get_property;
  object_class->set_property = ava_connection_profile_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, "", flags);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 1, G_MAXUINT16, AVA_CONNECTION_PROFILE_DEFAULT_PORT, flags);
  properties[PROP_DATABASE] = g_param_spec_string ("database", NULL, NULL, "", flags);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, "", flags);
  /**
   * AvaConnectionProfile:sslmode:
   *
   * A libpq sslmode, or "" to follow the host name.
   */
  properties[PROP_SSLMODE] = g_param_spec_string ("sslmode", NULL, NULL, "", flags);
  properties[PROP_ROOT_CA] = g_param_spec_string ("root-ca", NULL, NULL, "", flags);
  properties[PROP_REMEMBER_PASSWORD] = g_param_spec_boolean ("remember-password", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ava_connection_profile_init (AvaConnectionProfile *self)
{
  self->name = g_strdup ("");
  self->host = g_strdup ("");
  self->database = g_strdup ("");
  self->user = g_strdup ("");
  self->sslmode = g_strdup ("");
  self->root_ca = g_strdup ("");
  self->port = AVA_CONNECTION_PROFILE_DEFAULT_PORT;
}

/* }}} */
/* {{{ Storage */

/**
 * ava_connection_profile_new:
 *
 * Returns: (transfer full): an empty profile with a new identifier, not
 *   saved yet
 */
AvaConnectionProfile *
ava_connection_profile_new (void)
{
  g_autofree char *id = g_uuid_string_random ();

  return g_object_new (AVA_TYPE_CONNECTION_PROFILE, "id", id, NULL);
}

static AvaConnectionProfile *
load_one (GSettings  *settings,
          const char *id)
{
  g_autoptr (GSettings) profile_settings = profile_settings_new (settings, id);
  AvaConnectionProfile *self;

  if (profile_settings == NULL)
    return NULL;

  self = g_object_new (AVA_TYPE_CONNECTION_PROFILE, "id", id, NULL);
  for (guint prop_id = PROP_NAME; prop_id < N_PROPS; prop_id++)
    {
      char **field = string_field (self, prop_id);

      if (field != NULL)
        {
          g_free (*field);
          *field = g_settings_get_string (profile_settings, string_keys[prop_id]);
        }
    }
  self->port = (guint) g_settings_get_int (profile_settings, "port");
  self->remember_password = g_settings_get_boolean (profile_settings, "remember-password");
  self->saved = TRUE;

  return self;
}

/**
 * ava_connection_profile_load_all:
 * @settings: (nullable): the application settings
 *
 * Returns: (transfer full): the saved profiles, in the order of the
 *   `profiles` key; empty without settings
 */
GListStore *
ava_connection_profile_load_all (GSettings *settings)
{
  GListStore    *store = g_list_store_new (AVA_TYPE_CONNECTION_PROFILE);
  g_auto (GStrv) ids = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), store);

  if (settings == NULL)
    return store;

  ids = g_settings_get_strv (settings, "profiles");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (AvaConnectionProfile) profile = NULL;

      if (!id_is_valid (ids[i]))
        {
          g_debug ("skipping profile with a malformed id “%s”", ids[i]);
          continue;
        }
      profile = load_one (settings, ids[i]);
      if (profile != NULL)
        g_list_store_append (store, profile);
    }

  return store;
}

/**
 * ava_connection_profile_save:
 * @self: a #AvaConnectionProfile
 * @settings: the application settings
 * @error: return location for a #GError
 *
 * Writes every field (never a password) and adds the profile to the
 * `profiles` list if it is new.
 *
 * Returns: %FALSE if the profile schema is not installed
 */
gboolean
ava_connection_profile_save (AvaConnectionProfile *self,
                             GSettings            *settings,
                             GError              **error)
{
  g_autoptr (GSettings) profile_settings = NULL;
  g_auto (GStrv)        ids = NULL;

  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), FALSE);
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  profile_settings = profile_settings_new (settings, self->id);
  if (profile_settings == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The settings schema %s is not installed", PROFILE_SCHEMA_ID);
      return FALSE;
    }

  g_settings_delay (profile_settings);
  for (guint prop_id = PROP_NAME; prop_id < N_PROPS; prop_id++)
    {
      char **field = string_field (self, prop_id);

      if (field != NULL)
        g_settings_set_string (profile_settings, string_keys[prop_id], *field);
    }
  g_settings_set_int (profile_settings, "port", (int) self->port);
  g_settings_set_boolean (profile_settings, "remember-password", self->remember_password);
  g_settings_apply (profile_settings);

  ids = g_settings_get_strv (settings, "profiles");
  if (!g_strv_contains ((const char *const *) ids, self->id))
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv)           new_ids = NULL;

      g_strv_builder_addv (builder, (const char **) ids);
      g_strv_builder_add (builder, self->id);
      new_ids = g_strv_builder_end (builder);
      g_settings_set_strv (settings, "profiles", (const char *const *) new_ids);
    }

  self->saved = TRUE;
  return TRUE;
}

/**
 * ava_connection_profile_delete:
 * @self: a #AvaConnectionProfile
 * @settings: (nullable): the application settings
 *
 * Resets the profile's keys and removes it from the `profiles` list. The
 * keyring is the caller's business.
 */
void
ava_connection_profile_delete (AvaConnectionProfile *self,
                               GSettings            *settings)
{
  g_autoptr (GSettings)    profile_settings = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv)           ids = NULL;
  g_auto (GStrv)           kept = NULL;
  g_autofree char         *last = NULL;

  g_return_if_fail (AVA_IS_CONNECTION_PROFILE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  self->saved = FALSE;
  if (settings == NULL)
    return;

  profile_settings = profile_settings_new (settings, self->id);
  if (profile_settings != NULL)
    {
      g_autoptr (GSettingsSchema) schema = NULL;
      g_auto (GStrv)              keys = NULL;

      g_object_get (profile_settings, "settings-schema", &schema, NULL);
      keys = g_settings_schema_list_keys (schema);
      for (guint i = 0; keys[i] != NULL; i++)
        g_settings_reset (profile_settings, keys[i]);
    }

  builder = g_strv_builder_new ();
  ids = g_settings_get_strv (settings, "profiles");
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], self->id) != 0)
      g_strv_builder_add (builder, ids[i]);
  kept = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "profiles", (const char *const *) kept);

  last = g_settings_get_string (settings, "last-profile");
  if (g_strcmp0 (last, self->id) == 0)
    g_settings_reset (settings, "last-profile");
}

/* }}} */
/* {{{ Getters */

const char *
ava_connection_profile_get_id (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);
  return self->id;
}

const char *
ava_connection_profile_get_name (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);
  return self->name;
}

const char *
ava_connection_profile_get_host (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);
  return self->host;
}

guint
ava_connection_profile_get_port (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), 0);
  return self->port;
}

const char *
ava_connection_profile_get_database (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);
  return self->database;
}

const char *
ava_connection_profile_get_user (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);
  return self->user;
}

/**
 * ava_connection_profile_get_sslmode:
 * @self: a #AvaConnectionProfile
 *
 * Returns: the sslmode the user chose, or "" when it follows the host
 */
const char *
ava_connection_profile_get_sslmode (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);
  return self->sslmode;
}

const char *
ava_connection_profile_get_root_ca (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);
  return self->root_ca;
}

gboolean
ava_connection_profile_get_remember_password (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), FALSE);
  return self->remember_password;
}

/**
 * ava_connection_profile_get_saved:
 * @self: a #AvaConnectionProfile
 *
 * Returns: whether the profile is in the settings (loaded or saved)
 */
gboolean
ava_connection_profile_get_saved (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), FALSE);
  return self->saved;
}

/* }}} */
/* {{{ Connection strings */

const char *
ava_sslmode_to_string (AvaSslmode mode)
{
  g_return_val_if_fail (mode < AVA_N_SSLMODES, NULL);
  return sslmode_values[mode];
}

/* Returns -1 for "" or anything that is not one of ours. */
int
ava_sslmode_from_string (const char *value)
{
  for (guint i = 0; i < AVA_N_SSLMODES; i++)
    if (g_strcmp0 (value, sslmode_values[i]) == 0)
      return (int) i;
  return -1;
}

/**
 * ava_connection_profile_default_sslmode:
 * @host: a host name, possibly empty
 *
 * Azure Database for PostgreSQL presents a certificate for its own name,
 * signed by a public authority, so full verification against the system's
 * store works there out of the box; elsewhere the server's certificate is
 * often self-signed, so only encryption is required.
 */
AvaSslmode
ava_connection_profile_default_sslmode (const char *host)
{
  g_autofree char *lower = g_ascii_strdown (host != NULL ? host : "", -1);

  g_strstrip (lower);
  if (g_str_has_suffix (lower, AZURE_HOST_SUFFIX))
    return AVA_SSLMODE_VERIFY_FULL;
  return AVA_SSLMODE_REQUIRE;
}

AvaSslmode
ava_connection_profile_get_effective_sslmode (AvaConnectionProfile *self)
{
  int mode;

  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), AVA_SSLMODE_REQUIRE);

  mode = ava_sslmode_from_string (self->sslmode);
  if (mode >= 0)
    return (AvaSslmode) mode;
  return ava_connection_profile_default_sslmode (self->host);
}

/**
 * ava_connection_profile_dup_title:
 * @self: a #AvaConnectionProfile
 *
 * Returns: (transfer full): the name, or “database on host” for a profile
 *   without one, or “New Profile” for an empty one
 */
char *
ava_connection_profile_dup_title (AvaConnectionProfile *self)
{
  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);

  if (self->name[0] != '\0')
    return g_strdup (self->name);
  if (self->host[0] != '\0' && self->database[0] != '\0')
    /* Translators: a connection profile without a name: a database, then a host */
    return g_strdup_printf (_ ("%s on %s"), self->database, self->host);
  return g_strdup (_ ("New Profile"));
}

/* libpq 15 reads ~/.postgresql/root.crt (or $PGSSLROOTCERT) when no root
 * certificate is given, and fails if it is missing; the system's store is
 * what a verifying mode without a chosen file should mean. */
static const char *
default_root_ca (void)
{
  g_autofree char *user_root = NULL;

  if (g_getenv ("PGSSLROOTCERT") != NULL)
    return NULL;
  user_root = g_build_filename (g_get_home_dir (), ".postgresql", "root.crt", NULL);
  if (g_file_test (user_root, G_FILE_TEST_EXISTS))
    return NULL;
  return AVA_SYSTEM_CA_FILE;
}

/**
 * ava_connection_profile_build_conninfo:
 * @self: a #AvaConnectionProfile
 * @password: (nullable): the password, or %NULL or "" to let libpq look in
 *   ~/.pgpass
 *
 * Returns: (transfer full): a key=value conninfo, each value quoted by
 *   ava_pg_append_conninfo()
 */
char *
ava_connection_profile_build_conninfo (AvaConnectionProfile *self,
                                       const char           *password)
{
  g_autoptr (GString) conninfo = g_string_new (NULL);
  g_autofree char    *port = NULL;
  AvaSslmode          sslmode;

  g_return_val_if_fail (AVA_IS_CONNECTION_PROFILE (self), NULL);

  port = g_strdup_printf ("%u", self->port);
  sslmode = ava_connection_profile_get_effective_sslmode (self);

  ava_pg_append_conninfo (conninfo, "host", self->host);
  ava_pg_append_conninfo (conninfo, "port", port);
  ava_pg_append_conninfo (conninfo, "dbname", self->database);
  ava_pg_append_conninfo (conninfo, "user", self->user);
  if (password != NULL && password[0] != '\0')
    ava_pg_append_conninfo (conninfo, "password", password);
  ava_pg_append_conninfo (conninfo, "sslmode", sslmode_values[sslmode]);
  /* Only the verifying modes get a root certificate: with one, libpq would
   * verify under "require" too, and Required is meant to encrypt without
   * checking (the advice for an untrusted certificate relies on it). */
  if (sslmode == AVA_SSLMODE_VERIFY_CA || sslmode == AVA_SSLMODE_VERIFY_FULL)
    {
      const char *root_ca = self->root_ca[0] != '\0' ? self->root_ca : default_root_ca ();

      if (root_ca != NULL)
        ava_pg_append_conninfo (conninfo, "sslrootcert", root_ca);
    }
  ava_pg_append_conninfo (conninfo, "connect_timeout", CONNECT_TIMEOUT);
  ava_pg_append_conninfo (conninfo, "application_name", "Avastrolytics");

  return g_string_free (g_steal_pointer (&conninfo), FALSE);
}

/* }}} */
