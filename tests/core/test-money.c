/* test-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-money.h"

static void
test_parse (void)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
    gint64      value;
  } cases[] = {
    { "2.55", TRUE, 25500 },
    { "2.1", TRUE, 21000 },
    { "1", TRUE, 10000 },
    { "0.001", TRUE, 10 },
    { "0", TRUE, 0 },
    { "-11062.06", TRUE, -110620600 },
    { "38970", TRUE, 389700000 },
    { "+3.5", TRUE, 35000 },
    { ".5", TRUE, 5000 },
    { "1.23450000", TRUE, 12345 },
    { "0.00001", FALSE, 0 },
    { "1.23456", FALSE, 0 },
    { "", FALSE, 0 },
    { "-", FALSE, 0 },
    { ".", FALSE, 0 },
    { "1,5", FALSE, 0 },
    { "1e3", FALSE, 0 },
    { "abc", FALSE, 0 },
    { "1.2.3", FALSE, 0 },
    { "99999999999999999999", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64      value = -1;
      const char *problem = NULL;
      gboolean    ok = ava_money_parse (cases[i].text, strlen (cases[i].text), &value, &problem);

      g_test_message ("parsing '%s'", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (value, ==, cases[i].value);
      else
        g_assert_nonnull (problem);
    }
}

static void
test_format (void)
{
  static const struct
  {
    gint64      value;
    guint       decimals;
    const char *text;
  } cases[] = {
    { 106310487440, 4, "10631048.7440" },
    { 25500, 2, "2.55" },
    { 10, 4, "0.0010" },
    { 10, 2, "0.00" },
    { 50, 2, "0.01" }, /* half away from zero */
    { -50, 2, "-0.01" },
    { -49, 2, "0.00" }, /* no negative zero */
    { -110620600, 4, "-11062.0600" },
    { 0, 4, "0.0000" },
    { 15000, 0, "2" },
    { -15000, 0, "-2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ava_money_format (cases[i].value, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_div_round (void)
{
  g_assert_cmpint (ava_money_div_round (10, 4), ==, 3); /* 2.5 → 3 */
  g_assert_cmpint (ava_money_div_round (-10, 4), ==, -3);
  g_assert_cmpint (ava_money_div_round (9, 4), ==, 2);
  g_assert_cmpint (ava_money_div_round (11, 4), ==, 3);
  g_assert_cmpint (ava_money_div_round (7, 0), ==, 0);
  g_assert_cmpint (ava_money_div_round (0, 5), ==, 0);
  g_assert_cmpint (ava_money_div_round (G_GINT64_CONSTANT (106310487440), 19960), ==, 5326177);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ava/money/parse", test_parse);
  g_test_add_func ("/ava/money/format", test_format);
  g_test_add_func ("/ava/money/div-round", test_div_round);

  return g_test_run ();
}
