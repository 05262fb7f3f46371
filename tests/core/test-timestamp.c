/* test-timestamp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-timestamp.h"

static void
test_parse (void)
{
  static const struct
  {
    const char *text;
    const char *expected; /* NULL: rejected */
  } cases[] = {
    { "2010-12-01 08:26:00", "2010-12-01 08:26:00" },
    { "2010-12-01 08:26", "2010-12-01 08:26:00" },
    { "2011-12-09T12:50:30", "2011-12-09 12:50:30" },
    { "12/1/2010 8:26", "2010-12-01 08:26:00" },
    { "1/9/2011 12:50", "2011-01-09 12:50:00" },
    { "01/09/2011 08:05", "2011-01-09 08:05:00" },
    { "2/29/2012 23:59", "2012-02-29 23:59:00" },
    { "2000-02-29 00:00", "2000-02-29 00:00:00" },
    { "1969-12-31 23:59:59", "1969-12-31 23:59:59" },
    { "2/29/2011 10:00", NULL },
    { "1900-02-29 00:00", NULL },
    { "2011-13-01 00:00", NULL },
    { "2011-04-31 00:00", NULL },
    { "2011-12-09 24:00", NULL },
    { "2011-12-09 12:60", NULL },
    { "2011-12-09", NULL },
    { "2011-12-09 12:50:00 +01", NULL },
    { "12/9/11 12:50", NULL },
    { "09.12.2011 12:50", NULL },
    { "", NULL },
    { "yesterday", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64      value = 0;
      const char *problem = NULL;
      gboolean    ok = ava_timestamp_parse (cases[i].text, strlen (cases[i].text), &value, &problem);

      g_test_message ("parsing '%s'", cases[i].text);
      if (cases[i].expected == NULL)
        {
          g_assert_false (ok);
          g_assert_nonnull (problem);
        }
      else
        {
          g_autofree char *text = NULL;

          g_assert_true (ok);
          text = ava_timestamp_format (value);
          g_assert_cmpstr (text, ==, cases[i].expected);
        }
    }
}

static void
test_epoch (void)
{
  /* The wall clock as written, whatever the process time zone. */
  g_assert_cmpint (ava_timestamp_from_civil (1970, 1, 1, 0, 0, 0), ==, 0);
  g_assert_cmpint (ava_timestamp_from_civil (2010, 12, 1, 8, 26, 0), ==, 1291191960);
  g_assert_cmpint (ava_timestamp_from_civil (1969, 12, 31, 23, 59, 59), ==, -1);
}

static void
test_months (void)
{
  g_autofree char *december = NULL;
  g_autofree char *january = NULL;
  int              dec = ava_timestamp_get_month (ava_timestamp_from_civil (2010, 12, 31, 23, 59, 59));
  int              jan = ava_timestamp_get_month (ava_timestamp_from_civil (2011, 1, 1, 0, 0, 0));

  g_assert_cmpint (jan, ==, dec + 1);
  december = ava_month_format (dec);
  january = ava_month_format (jan);
  g_assert_cmpstr (december, ==, "2010-12");
  g_assert_cmpstr (january, ==, "2011-01");
}

static void
test_date (void)
{
  gint64 value = 0;

  g_assert_true (ava_date_parse ("2011-09-01", &value));
  g_assert_cmpint (value, ==, ava_timestamp_from_civil (2011, 9, 1, 0, 0, 0));
  g_assert_false (ava_date_parse ("2011-09-31", &value));
  g_assert_false (ava_date_parse ("2011-9-1", &value));
  g_assert_false (ava_date_parse ("2011-09-01 00:00", &value));
  g_assert_false (ava_date_parse ("", &value));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/timestamp/parse", test_parse);
  g_test_add_func ("/ava/timestamp/epoch", test_epoch);
  g_test_add_func ("/ava/timestamp/months", test_months);
  g_test_add_func ("/ava/timestamp/date", test_date);

  return g_test_run ();
}
