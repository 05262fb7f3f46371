/* ava-demo-generator.c
 *
 * Invents a year of sales of a gift wholesaler, shaped like the UCI Online
 * Retail data set (seasons, long-tail products, cash sales without a
 * customer, cancellations, duplicates, stock notes, service codes) without
 * copying any of it. Every decision is integer arithmetic on our own PRNG,
 * so the output depends on nothing but n_rows and the seed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ava-demo-generator.h"

#include "ava-cleaner.h"
#include "ava-timestamp.h"

/* Probabilities are in parts per million. */
#define PPM 1000000

#define N_MERCHANDISE           3700
#define N_CUSTOMERS_PER_DEFAULT 4350
/* First regular invoice number; invented, six digits like the original. */
#define FIRST_INVOICE_NUMBER 500001

/* Lines remembered for duplicates and cancellations: about a month. */
#define RING_SIZE 65536

/* Kinds of invoice, drawn per invoice. */
#define P_STOCK_NOTE 95000
#define P_BAD_DEBT   150
#define P_AMAZON_FEE 800
#define P_CASH       90000
/* Among invoices of registered customers. */
#define P_BANK_CHARGES 1500
#define P_CRUK         1000
#define P_CANCEL       450000
#define P_BULK         20000

/* Per line. */
#define P_DUPLICATE 10500
#define P_FREE_GIFT 600

/* The first day opens with regulars, the first month brings this share of
 * all customers, who then keep coming back; the others arrive with the
 * traffic. */
#define OPENING_CUSTOMERS     30000
#define FIRST_MONTH_LINES     80000
#define FIRST_MONTH_CUSTOMERS 220000

typedef struct
{
  const char *name;
  guint16     customers; /* share of customers, per 10000 */
  guint16     activity;  /* orders per customer, percent of a UK customer */
  guint16     cash;      /* share of cash sales, per 10000 */
  guint16     postage;   /* price of a POST line, pence */
  gboolean    carriage;  /* near enough to be sent by carrier (C2) */
} Country;

/* UK first: cash sales and stock notes use it. */
static const Country countries[] = {
  { "United Kingdom", 9000, 100, 9700, 0, FALSE },
  { "Germany", 220, 260, 20, 1800, FALSE },
  { "France", 200, 240, 50, 1800, FALSE },
  { "EIRE", 8, 3500, 80, 0, TRUE },
  { "Spain", 70, 180, 0, 2800, FALSE },
  { "Netherlands", 20, 1000, 0, 1500, FALSE },
  { "Belgium", 55, 200, 0, 1500, FALSE },
  { "Switzerland", 50, 200, 30, 4000, FALSE },
  { "Portugal", 45, 140, 20, 2800, FALSE },
  { "Australia", 20, 300, 0, 4000, FALSE },
  { "Norway", 24, 150, 0, 4000, FALSE },
  { "Italy", 35, 120, 0, 2800, FALSE },
  { "Channel Islands", 20, 140, 0, 0, TRUE },
  { "Finland", 28, 140, 0, 4000, FALSE },
  { "Cyprus", 18, 130, 0, 4000, FALSE },
  { "Sweden", 18, 130, 0, 4000, FALSE },
  { "Austria", 26, 110, 0, 4000, FALSE },
  { "Denmark", 20, 120, 0, 4000, FALSE },
  { "Japan", 16, 130, 0, 4000, FALSE },
  { "Poland", 14, 110, 0, 4000, FALSE },
  { "USA", 10, 90, 0, 4000, FALSE },
  { "Israel", 9, 110, 20, 4000, FALSE },
  { "Unspecified", 8, 100, 30, 2800, FALSE },
  { "Singapore", 3, 200, 0, 4000, FALSE },
  { "Iceland", 4, 150, 0, 4000, FALSE },
  { "Canada", 10, 80, 0, 4000, FALSE },
  { "Greece", 9, 100, 0, 2800, FALSE },
  { "Malta", 6, 100, 0, 2800, FALSE },
  { "United Arab Emirates", 4, 100, 0, 4000, FALSE },
  { "European Community", 3, 100, 0, 1800, FALSE },
  { "RSA", 3, 100, 0, 4000, FALSE },
  { "Lebanon", 3, 80, 0, 4000, FALSE },
  { "Lithuania", 4, 80, 0, 4000, FALSE },
  { "Brazil", 3, 80, 0, 4000, FALSE },
  { "Czech Republic", 4, 80, 0, 4000, FALSE },
  { "Bahrain", 4, 80, 10, 4000, FALSE },
  { "Saudi Arabia", 3, 60, 0, 4000, FALSE },
  { "Hong Kong", 0, 0, 40, 4000, FALSE },
};

#define UK 0

/* Product names: pattern, colour and object, in our own words. */
static const char *const patterns[] = {
  "MEADOW",
  "HONEYCOMB",
  "GINGHAM",
  "PAISLEY",
  "STARBURST",
  "CLOVER",
  "HARBOUR",
  "ORCHARD",
  "VELVET",
  "PEBBLE",
  "FOXGLOVE",
  "SEASHELL",
  "TARTAN",
  "WILLOW",
  "BLOSSOM",
  "HEDGEROW",
  "LIGHTHOUSE",
  "PINSTRIPE",
  "ZIGZAG",
  "MOSAIC",
  "DAISY CHAIN",
  "BUTTERCUP",
  "BRAMBLE",
  "KITE",
  "COMPASS",
  "ACORN",
  "WOODLAND",
  "MERMAID",
  "ROBIN",
  "CORNFLOWER",
  "CHEVRON",
  "SCALLOP",
  "PATCHWORK",
  "HOLLYHOCK",
  "GARDEN PARTY",
  "CIRCUS",
  "RAINDROP",
  "SAILBOAT",
  "MOONBEAM",
  "ALPINE",
  "PICNIC",
  "BEEHIVE",
  "FERN",
  "LATTICE",
  "TULIP",
  "OWL",
  "HUMMINGBIRD",
  "SUNBURST",
};

/* Twenty colours: seven steps apart, four variants never meet. */
static const char *const colours[] = {
  "RED",
  "BLUE",
  "PINK",
  "GREEN",
  "IVORY",
  "CREAM",
  "MINT",
  "SAGE",
  "NAVY",
  "LILAC",
  "TEAL",
  "MUSTARD",
  "CORAL",
  "SILVER",
  "GOLD",
  "BLACK",
  "WHITE",
  "ORANGE",
  "SKY BLUE",
  "DUCK EGG",
};

typedef struct
{
  const char *name;
  guint16     price; /* typical unit price, pence */
  gboolean    christmas;
} ObjectKind;

/* Two names need CSV quoting, so the demo file exercises it. */
static const ObjectKind objects[] = {
  { "TEA TOWEL", 125, FALSE },
  { "LUNCH BOX", 195, FALSE },
  { "CANDLE HOLDER", 165, FALSE },
  { "PHOTO FRAME", 295, FALSE },
  { "WATER BOTTLE", 425, FALSE },
  { "SHOPPING TOTE", 165, FALSE },
  { "NAPKIN PACK", 85, FALSE },
  { "ENAMEL MUG", 145, FALSE },
  { "COASTER SET", 195, FALSE },
  { "POCKET NOTEBOOK", 85, FALSE },
  { "CUSHION COVER", 375, FALSE },
  { "DOORSTOP", 495, FALSE },
  { "WALL CLOCK", 850, FALSE },
  { "BUNTING", 295, FALSE },
  { "GIFT WRAP SHEET", 42, FALSE },
  { "STORAGE TIN", 225, FALSE },
  { "JAM JAR COVERS", 65, FALSE },
  { "BIRD FEEDER", 395, FALSE },
  { "PLANT POT", 165, FALSE },
  { "STRING LIGHTS", 495, FALSE },
  { "PAPER PARASOL", 295, FALSE },
  { "SEWING KIT", 250, FALSE },
  { "PENCIL CASE", 125, FALSE },
  { "KEYRING", 65, FALSE },
  { "HOT WATER BOTTLE", 450, FALSE },
  { "APRON", 295, FALSE },
  { "OVEN GLOVE", 185, FALSE },
  { "TRINKET BOX", 125, FALSE },
  { "HAND MIRROR", 250, FALSE },
  { "CAKE CASES", 55, FALSE },
  { "PAPER PLATES", 85, FALSE },
  { "PAPER CUPS", 65, FALSE },
  { "PARTY BAGS", 85, FALSE },
  { "STICKER SHEET", 29, FALSE },
  { "GIFT TAGS", 19, FALSE },
  { "GREETING CARD", 42, FALSE },
  { "RIBBON REEL", 65, FALSE },
  { "CHILDRENS APRON", 210, FALSE },
  { "MEMO BOARD", 650, FALSE },
  { "SIDE TABLE", 3500, FALSE },
  { "WALL CABINET", 2950, FALSE },
  { "DRAWER KNOB", 125, FALSE },
  { "COAT HOOK", 195, FALSE },
  { "BREAD BIN", 1250, FALSE },
  { "BISCUIT BARREL", 595, FALSE },
  { "TEAPOT", 495, FALSE },
  { "CAKE STAND", 995, FALSE },
  { "SERVING TRAY", 395, FALSE },
  { "CHOPPING BOARD", 295, FALSE },
  { "GARDEN KNEELER", 250, FALSE },
  { "WATERING CAN", 450, FALSE },
  { "WASH BAG", 250, FALSE },
  { "COIN PURSE", 195, FALSE },
  { "UMBRELLA", 595, FALSE },
  { "PICNIC BLANKET", 1095, FALSE },
  { "DOLLS HOUSE", 4250, FALSE },
  { "JIGSAW PUZZLE", 295, FALSE },
  { "SKIPPING ROPE", 145, FALSE },
  { "BAG OF MARBLES", 85, FALSE },
  { "BALLOON PACK", 42, FALSE },
  { "TEA CADDY, LARGE", 350, FALSE },
  { "6\" SIDE PLATE", 125, FALSE },
  { "BAUBLE", 65, TRUE },
  { "ADVENT CALENDAR", 495, TRUE },
  { "STOCKING", 295, TRUE },
  { "TREE TOPPER", 250, TRUE },
  { "SNOW GLOBE", 395, TRUE },
  { "CRACKER BOX", 495, TRUE },
  { "GARLAND", 195, TRUE },
  { "TREE DECORATION", 85, TRUE },
  { "NATIVITY SET", 995, TRUE },
  { "CANDLE RING", 225, TRUE },
};

/* Notes written on stock adjustments instead of a description. */
static const char *const stock_notes[] = {
  "damaged",
  "water damage",
  "mislabelled",
  "found in back room",
  "broken in transit",
  "sold as set",
  "stock count",
  "missing",
  "rusty",
  "samples given away",
};

/* Service codes of KPI_SPEC.md, after the merchandise in the product table. */
typedef enum
{
  SERVICE_POSTAGE,
  SERVICE_DOTCOM,
  SERVICE_MANUAL,
  SERVICE_CARRIAGE,
  SERVICE_DISCOUNT,
  SERVICE_SAMPLES,
  SERVICE_BAD_DEBT,
  SERVICE_CRUK,
  SERVICE_BANK_CHARGES,
  SERVICE_AMAZON_FEE,
  N_SERVICES
} Service;

static const struct
{
  const char *code;
  const char *description;
} services[N_SERVICES] = {
  [SERVICE_POSTAGE] = { "POST", "POSTAGE" },
  [SERVICE_DOTCOM] = { "DOT", "WEB ORDER POSTAGE" },
  [SERVICE_MANUAL] = { "M", "Manual" },
  [SERVICE_CARRIAGE] = { "C2", "CARRIAGE" },
  [SERVICE_DISCOUNT] = { "D", "Discount" },
  [SERVICE_SAMPLES] = { "S", "SAMPLES" },
  [SERVICE_BAD_DEBT] = { "B", "Adjust bad debt" },
  [SERVICE_CRUK] = { "CRUK", "CRUK Commission" },
  [SERVICE_BANK_CHARGES] = { "BANK CHARGES", "Bank Charges" },
  [SERVICE_AMAZON_FEE] = { "AMAZONFEE", "AMAZON FEE" },
};

/* Per-day traffic, from December of the first year to December of the
 * second: a flat spring, then the Christmas trade from September. */
static const guint16 month_traffic[13] = { 112, 80, 75, 88, 80, 92, 88, 90, 88, 125, 140, 180, 150 };
/* Sunday to Saturday; the shop does not trade on Saturdays. */
static const guint16 weekday_traffic[7] = { 60, 95, 100, 100, 115, 85, 0 };
/* Invoices per hour from 07:00 (weekdays) and from 10:00 (Sundays). */
static const guint16 weekday_hours[] = { 2, 6, 10, 13, 14, 16, 14, 12, 9, 5, 2, 1, 1 };
static const guint16 sunday_hours[] = { 6, 12, 14, 14, 12, 8, 3 };

#define FIRST_YEAR 2010
#define LAST_DAY   9 /* of December of the second year */

typedef struct
{
  guint64 state;
} Rng;

typedef struct
{
  const char *code;
  const char *description;
  guint8      code_length;
  guint8      description_length;
  guint16     pack;  /* the usual multiple ordered by a shop */
  guint32     price; /* pence, to registered customers */
  gboolean    christmas;
} Product;

typedef struct
{
  guint32 id;
  guint8  country;
  guint16 history_length; /* lines of the last order, 0 once cancelled */
  guint64 history_start;  /* its first line in the ring */
} Customer;

/* A guide table into the cumulative weights finds a product in about one
 * step instead of a dozen. */
#define GUIDE_SIZE 16384

typedef struct
{
  guint32 cumulative[N_MERCHANDISE + 1];
  guint32 step;
  guint16 guide[GUIDE_SIZE];
} Popularity;

typedef struct
{
  guint16 product;
  gint32  quantity;
  guint32 price;
} RingLine;

typedef struct
{
  int      year;
  int      month;
  int      day;
  gboolean sunday;
  guint32  traffic;
} Day;

typedef gboolean (*EmitFunc) (const char *const *values,
                              const gsize       *lengths,
                              gpointer           user_data);

typedef struct
{
  Rng      rng;
  guint    n_rows;
  guint    emitted;
  gboolean stopped;
  EmitFunc emit;
  gpointer emit_data;

  GStringChunk *texts;
  Product      *products;   /* merchandise, then the services */
  Popularity   *popularity; /* off season, Christmas season */
  guint32      *stamps;     /* serial of the last invoice using each product */

  Customer *customers;
  guint64  *customer_weights; /* cumulative, in joining order */
  guint     n_customers;
  guint     n_joined;
  guint64   cash_countries[G_N_ELEMENTS (countries) + 1]; /* cumulative */

  RingLine *ring;
  guint64   ring_end;

  /* The invoice being written. */
  guint32 next_invoice;
  guint32 serial;
  char    invoice[16];
  gsize   invoice_length;
  char    date[24];
  gsize   date_length;
  char    customer[16];
  gsize   customer_length;
  guint   country;
} Generator;

/* splitmix64: tiny, fast, and fully specified, unlike g_random. */
static inline guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* 0 <= result < n, by multiplying instead of dividing; the bias is far below
 * anything a demo can show. */
static inline guint32
rng_below (Rng    *rng,
           guint32 n)
{
  return (guint32) (((rng_next (rng) >> 32) * n) >> 32);
}

static inline gboolean
rng_chance (Rng    *rng,
            guint32 ppm)
{
  return rng_below (rng, PPM) < ppm;
}

/* Index i such that cumulative[i] <= r < cumulative[i + 1]. */
static guint
pick_cumulative (const guint64 *cumulative,
                 guint          n,
                 guint64        r)
{
  guint low = 0, high = n;

  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (cumulative[middle] <= r)
        low = middle;
      else
        high = middle;
    }

  return low;
}

/* The product whose weight interval holds a random point: the same answer
 * as a binary search, as every weight is positive. */
static guint
pick_product (const Popularity *popularity,
              Rng              *rng)
{
  guint32 r = rng_below (rng, popularity->cumulative[N_MERCHANDISE]);
  guint   i = popularity->guide[r / popularity->step];

  while (i + 1 < N_MERCHANDISE && popularity->cumulative[i + 1] <= r)
    i++;

  return i;
}

static gsize
format_uint (char   *buffer,
             guint64 value)
{
  char  digits[24];
  gsize n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value != 0);

  for (gsize i = 0; i < n; i++)
    buffer[i] = digits[n - 1 - i];

  return n;
}

static gsize
format_int (char  *buffer,
            gint64 value)
{
  if (value < 0)
    {
      buffer[0] = '-';
      return 1 + format_uint (buffer + 1, (guint64) -value);
    }

  return format_uint (buffer, (guint64) value);
}

static gsize
format_pence (char   *buffer,
              guint32 pence)
{
  gsize n = format_uint (buffer, pence / 100);

  buffer[n++] = '.';
  buffer[n++] = '0' + pence / 10 % 10;
  buffer[n++] = '0' + pence % 10;

  return n;
}

static void
format_two (char *buffer,
            int   value)
{
  buffer[0] = '0' + value / 10;
  buffer[1] = '0' + value % 10;
}

/* Shop prices: pence under a pound, then steps of five pence. */
static guint32
round_price (guint32 pence)
{
  if (pence < 100)
    return MAX (pence, 6);
  return pence / 5 * 5;
}

static guint16
pack_for_price (Rng    *rng,
                guint32 pence)
{
  static const guint16 cheap_packs[] = { 12, 24, 25, 24, 12 };

  if (pence < 50)
    return cheap_packs[rng_below (rng, G_N_ELEMENTS (cheap_packs))];
  if (pence < 150)
    return rng_below (rng, 3) == 0 ? 6 : 12;
  if (pence < 300)
    return rng_below (rng, 4) == 0 ? 4 : 6;
  if (pence < 600)
    return rng_below (rng, 2) == 0 ? 3 : 4;
  if (pence < 1200)
    return 2;
  return 1;
}

static void
add_product (Generator  *gen,
             guint       index,
             const char *code,
             const char *description,
             guint32     price,
             guint16     pack,
             gboolean    christmas)
{
  Product *product = &gen->products[index];

  product->code = g_string_chunk_insert (gen->texts, code);
  product->code_length = strlen (code);
  product->description = g_string_chunk_insert (gen->texts, description);
  product->description_length = strlen (description);
  product->price = price;
  product->pack = pack;
  product->christmas = christmas;
}

/* Families of one pattern and object share a five-digit code; colour
 * variants add a letter, as wholesale catalogues do. */
static void
build_catalogue (Generator *gen)
{
  guint   code_offset = rng_below (&gen->rng, 90000);
  guint   n = 0;
  guint32 ranks[N_MERCHANDISE];
  guint32 total[2] = { 0, 0 };

  gen->products = g_new0 (Product, N_MERCHANDISE + N_SERVICES);

  for (guint family = 0; n < N_MERCHANDISE; family++)
    {
      /* 7919 is prime to 90000, so codes never repeat. */
      guint             base = 10000 + (family * 7919 + code_offset) % 90000;
      const ObjectKind *object = &objects[rng_below (&gen->rng, G_N_ELEMENTS (objects))];
      const char       *pattern = patterns[rng_below (&gen->rng, G_N_ELEMENTS (patterns))];
      guint             n_variants = rng_chance (&gen->rng, 180000) ? 2 + rng_below (&gen->rng, 3) : 1;
      guint             colour = rng_below (&gen->rng, G_N_ELEMENTS (colours));
      guint             layout = rng_below (&gen->rng, 10);
      guint32           price = round_price (object->price * (70 + rng_below (&gen->rng, 61)) / 100);
      guint16           pack = pack_for_price (&gen->rng, price);

      for (guint v = 0; v < n_variants && n < N_MERCHANDISE; v++, n++)
        {
          const char      *colour_name = colours[(colour + v * 7) % G_N_ELEMENTS (colours)];
          g_autofree char *description = NULL;
          char             code[8];

          if (n_variants > 1)
            g_snprintf (code, sizeof code, "%05u%c", base, 'A' + v);
          else
            g_snprintf (code, sizeof code, "%05u", base);

          if (layout < 5 || (layout >= 8 && n_variants > 1))
            description = g_strdup_printf ("%s %s %s", pattern, colour_name, object->name);
          else if (layout < 8)
            description = g_strdup_printf ("%s %s %s", colour_name, pattern, object->name);
          else
            description = g_strdup_printf ("%s %s", pattern, object->name);

          /* A few catalogue entries carry a stray space, as typed data
           * does; cleaning trims it. */
          if (rng_chance (&gen->rng, 30000))
            {
              char *padded = g_strconcat (description, " ", NULL);

              g_free (description);
              description = padded;
            }

          add_product (gen, n, code, description, price, pack, object->christmas);
        }
    }

  for (guint i = 0; i < N_SERVICES; i++)
    add_product (gen, N_MERCHANDISE + i, services[i].code, services[i].description, 0, 1, FALSE);

  /* Popularity is Zipf-like over a shuffled rank, so best sellers are
   * spread over the whole code range. */
  for (guint i = 0; i < N_MERCHANDISE; i++)
    ranks[i] = i;
  for (guint i = N_MERCHANDISE - 1; i > 0; i--)
    {
      guint   j = rng_below (&gen->rng, i + 1);
      guint32 swap = ranks[i];

      ranks[i] = ranks[j];
      ranks[j] = swap;
    }

  gen->popularity = g_new (Popularity, 2);
  for (guint i = 0; i < N_MERCHANDISE; i++)
    {
      guint32 weight = 4000000 / (ranks[i] + 10);

      gen->popularity[0].cumulative[i] = total[0];
      gen->popularity[1].cumulative[i] = total[1];
      /* Christmas goods sell three times as well in season, and hardly out
       * of it. */
      total[0] += gen->products[i].christmas ? weight / 6 + 1 : weight;
      total[1] += gen->products[i].christmas ? weight * 3 : weight;
    }
  for (guint season = 0; season < 2; season++)
    {
      Popularity *popularity = &gen->popularity[season];

      popularity->cumulative[N_MERCHANDISE] = total[season];
      popularity->step = total[season] / GUIDE_SIZE + 1;
      for (guint k = 0, i = 0; k < GUIDE_SIZE; k++)
        {
          while (i + 1 < N_MERCHANDISE && popularity->cumulative[i + 1] <= k * popularity->step)
            i++;
          popularity->guide[k] = i;
        }
    }

  gen->stamps = g_new0 (guint32, N_MERCHANDISE + N_SERVICES);
}

static void
build_customers (Generator *gen)
{
  guint64 country_weights[G_N_ELEMENTS (countries) + 1];
  guint64 total = 0;
  /* Ids stay in a realistic 12000-19999 band while it is large enough. */
  guint id_base = gen->n_customers <= 8000 ? 12000 : 10000;
  guint id_range = gen->n_customers <= 8000 ? 8000 : 90000;
  guint id_offset = rng_below (&gen->rng, id_range);

  for (guint c = 0; c < G_N_ELEMENTS (countries); c++)
    {
      country_weights[c] = total;
      total += countries[c].customers;
    }
  country_weights[G_N_ELEMENTS (countries)] = total;

  total = 0;
  for (guint c = 0; c < G_N_ELEMENTS (countries); c++)
    {
      gen->cash_countries[c] = total;
      total += countries[c].cash;
    }
  gen->cash_countries[G_N_ELEMENTS (countries)] = total;

  gen->customers = g_new0 (Customer, gen->n_customers);
  gen->customer_weights = g_new (guint64, gen->n_customers + 1);
  gen->customer_weights[0] = 0;

  for (guint i = 0; i < gen->n_customers; i++)
    {
      Customer *customer = &gen->customers[i];
      guint32   r = rng_below (&gen->rng, country_weights[G_N_ELEMENTS (countries)]);
      /* Pareto-like: most customers order a few times, some every week. */
      guint64 weight = 1000 / (1 + rng_below (&gen->rng, 1000));

      /* 7919 is prime to both ranges, so ids never repeat. */
      customer->id = id_base + (i * 7919 + id_offset) % id_range;
      customer->country = pick_cumulative (country_weights, G_N_ELEMENTS (countries), r);
      gen->customer_weights[i + 1] = weight;
    }

  /* Every country with customers gets at least one, joining at spread
   * times, so the country list does not depend on luck. */
  for (guint c = 1; c < G_N_ELEMENTS (countries); c++)
    {
      if (countries[c].customers > 0)
        gen->customers[(guint64) c * gen->n_customers / G_N_ELEMENTS (countries)].country = c;
    }

  for (guint i = 0; i < gen->n_customers; i++)
    {
      guint64 weight = gen->customer_weights[i + 1] * countries[gen->customers[i].country].activity;

      gen->customer_weights[i + 1] = gen->customer_weights[i] + weight;
    }
}

static void
begin_invoice (Generator      *gen,
               char            prefix,
               const Customer *customer,
               guint           country)
{
  gsize n = 0;

  if (prefix != '\0')
    gen->invoice[n++] = prefix;
  n += format_uint (gen->invoice + n, gen->next_invoice++);
  gen->invoice_length = n;
  gen->serial++;

  gen->customer_length = customer != NULL ? format_uint (gen->customer, customer->id) : 0;
  gen->country = country;
}

static gboolean
emit_record (Generator  *gen,
             guint       product,
             const char *description,
             gsize       description_length,
             gint32      quantity,
             guint32     price)
{
  const Product *p = &gen->products[product];
  const char    *values[AVA_N_FIELDS];
  gsize          lengths[AVA_N_FIELDS];
  char           quantity_text[16];
  char           price_text[16];

  if (gen->stopped)
    return FALSE;

  values[AVA_FIELD_INVOICE_NO] = gen->invoice;
  lengths[AVA_FIELD_INVOICE_NO] = gen->invoice_length;
  values[AVA_FIELD_STOCK_CODE] = p->code;
  lengths[AVA_FIELD_STOCK_CODE] = p->code_length;
  values[AVA_FIELD_DESCRIPTION] = description;
  lengths[AVA_FIELD_DESCRIPTION] = description_length;
  values[AVA_FIELD_QUANTITY] = quantity_text;
  lengths[AVA_FIELD_QUANTITY] = format_int (quantity_text, quantity);
  values[AVA_FIELD_INVOICE_DATE] = gen->date;
  lengths[AVA_FIELD_INVOICE_DATE] = gen->date_length;
  values[AVA_FIELD_UNIT_PRICE] = price_text;
  lengths[AVA_FIELD_UNIT_PRICE] = format_pence (price_text, price);
  values[AVA_FIELD_CUSTOMER_ID] = gen->customer;
  lengths[AVA_FIELD_CUSTOMER_ID] = gen->customer_length;
  values[AVA_FIELD_COUNTRY] = countries[gen->country].name;
  lengths[AVA_FIELD_COUNTRY] = strlen (countries[gen->country].name);

  if (!gen->emit (values, lengths, gen->emit_data))
    {
      gen->stopped = TRUE;
      return FALSE;
    }

  if (++gen->emitted == gen->n_rows)
    gen->stopped = TRUE;

  return TRUE;
}

/* Emits a catalogue line; remembered lines can be duplicated within their
 * invoice or cancelled later. */
static gboolean
emit_line (Generator *gen,
           guint      product,
           gint32     quantity,
           guint32    price,
           gboolean   remember)
{
  const Product *p = &gen->products[product];

  if (!emit_record (gen, product, p->description, p->description_length, quantity, price))
    return FALSE;

  if (remember)
    {
      RingLine *line = &gen->ring[gen->ring_end++ % RING_SIZE];

      line->product = product;
      line->quantity = quantity;
      line->price = price;
    }

  return TRUE;
}

static guint
order_size (Generator *gen,
            gboolean   cash)
{
  guint r = rng_below (&gen->rng, 1000);

  /* Till sales come in few, long baskets; shops order a dozen lines or
   * so, with a long tail of large restocking orders. */
  if (cash)
    {
      if (r < 250)
        return 1 + rng_below (&gen->rng, 4);
      if (r < 700)
        return 10 + rng_below (&gen->rng, 60);
      return 40 + rng_below (&gen->rng, 200);
    }

  if (r < 130)
    return 1 + rng_below (&gen->rng, 3);
  if (r < 480)
    return 4 + rng_below (&gen->rng, 14);
  if (r < 830)
    return 12 + rng_below (&gen->rng, 28);
  if (r < 965)
    return 28 + rng_below (&gen->rng, 50);
  return 60 + rng_below (&gen->rng, 200);
}

static gint32
order_quantity (Generator     *gen,
                const Product *product,
                gboolean       cash,
                gboolean       bulk)
{
  guint pack = product->pack;
  guint r = rng_below (&gen->rng, 100);

  if (cash)
    return r < 70 ? 1 : r < 90 ? 2
                               : 3 + rng_below (&gen->rng, 4);
  if (bulk)
    return pack * (10 + rng_below (&gen->rng, 40));
  if (r < 10)
    return 1 + rng_below (&gen->rng, pack);
  if (r < 62)
    return pack;
  if (r < 82)
    return 2 * pack;
  if (r < 93)
    return pack * (3 + rng_below (&gen->rng, 2));
  return pack * (5 + rng_below (&gen->rng, 8));
}

static guint32
order_price (const Product *product,
             gint32         quantity,
             gboolean       cash)
{
  /* Walk-in buyers pay the retail mark-up; large orders get a wholesale
   * discount, so one product has a few prices. */
  if (cash)
    return round_price (product->price * 6 / 5);
  if ((quantity >= 4 * product->pack && product->pack > 1) || quantity >= 100)
    return MAX (round_price (product->price * 85 / 100), 1);
  return product->price;
}

static void
write_order (Generator *gen,
             Customer  *customer,
             guint      country,
             gboolean   christmas_season)
{
  const Popularity *popularity = &gen->popularity[christmas_season];
  gboolean          cash = customer == NULL;
  gboolean          bulk = !cash && rng_chance (&gen->rng, P_BULK);
  guint             n_lines = order_size (gen, cash);
  guint64           first = gen->ring_end;
  guint64           total = 0;

  begin_invoice (gen, '\0', customer, country);

  for (guint i = 0; i < n_lines; i++)
    {
      const Product *product;
      guint          index = 0;
      gint32         quantity;
      guint32        price;

      /* Double-scanned lines: the exact same record again. */
      if (i > 0 && gen->ring_end > first && rng_chance (&gen->rng, P_DUPLICATE))
        {
          const RingLine *line = &gen->ring[(first + rng_below (&gen->rng, gen->ring_end - first)) % RING_SIZE];

          if (!emit_line (gen, line->product, line->quantity, line->price, FALSE))
            return;
          continue;
        }

      /* A product appears once per order, otherwise lines could coincide
       * by accident. */
      for (guint attempt = 0; attempt < 4; attempt++)
        {
          index = pick_product (popularity, &gen->rng);
          if (gen->stamps[index] != gen->serial)
            break;
        }
      if (gen->stamps[index] == gen->serial)
        continue;
      gen->stamps[index] = gen->serial;

      product = &gen->products[index];
      quantity = order_quantity (gen, product, cash, bulk);
      price = rng_chance (&gen->rng, P_FREE_GIFT) ? 0 : order_price (product, quantity, cash);
      total += (guint64) quantity * price;

      if (!emit_line (gen, index, quantity, price, TRUE))
        return;
    }

  if (!cash && countries[country].carriage && rng_chance (&gen->rng, 600000))
    {
      if (!emit_line (gen, N_MERCHANDISE + SERVICE_CARRIAGE, 1, 5000, TRUE))
        return;
    }
  else if (!cash && country != UK && rng_chance (&gen->rng, 450000))
    {
      gint32 boxes = rng_chance (&gen->rng, 200000) ? 2 + rng_below (&gen->rng, 3) : 1;

      if (!emit_line (gen, N_MERCHANDISE + SERVICE_POSTAGE, boxes, countries[country].postage, TRUE))
        return;
    }
  else if (cash && n_lines >= 10 && rng_chance (&gen->rng, 450000))
    {
      guint32 postage = (guint32) MIN (total / 12 + rng_below (&gen->rng, 500), 200000);

      if (!emit_line (gen, N_MERCHANDISE + SERVICE_DOTCOM, 1, MAX (postage, 100), TRUE))
        return;
    }

  if (rng_chance (&gen->rng, 5000))
    {
      if (!emit_line (gen, N_MERCHANDISE + SERVICE_MANUAL, 1 + rng_below (&gen->rng, 4),
                      10 + rng_below (&gen->rng, 30000), TRUE))
        return;
    }

  if (customer != NULL)
    {
      customer->history_start = first;
      customer->history_length = (guint16) MIN (gen->ring_end - first, G_MAXUINT16);
    }
}

/* Cancels part of the customer's last order: same products and prices,
 * negative quantities. FALSE when there is nothing left to cancel. */
static gboolean
write_cancellation (Generator *gen,
                    Customer  *customer)
{
  guint n = customer->history_length;
  guint r;
  guint n_lines;
  guint offset;

  if (n == 0 || gen->ring_end - customer->history_start > RING_SIZE)
    return FALSE;

  begin_invoice (gen, 'C', customer, customer->country);
  customer->history_length = 0;

  r = rng_below (&gen->rng, 1000);
  /* Some cancellations are credit notes rather than returned goods. */
  if (r < 80)
    {
      if (r < 50)
        emit_line (gen, N_MERCHANDISE + SERVICE_MANUAL, -1, 20 + rng_below (&gen->rng, 20000), FALSE);
      else if (r < 70)
        emit_line (gen, N_MERCHANDISE + SERVICE_DISCOUNT, -1, 500 + rng_below (&gen->rng, 6000), FALSE);
      else
        emit_line (gen, N_MERCHANDISE + SERVICE_SAMPLES, -1, 100 + rng_below (&gen->rng, 5000), FALSE);
      return TRUE;
    }

  r = rng_below (&gen->rng, 100);
  n_lines = r < 55 ? 1 : r < 75 ? 2
                       : r < 92 ? 3 + rng_below (&gen->rng, 3)
                                : 6 + rng_below (&gen->rng, 15);
  n_lines = MIN (n_lines, n);
  offset = rng_below (&gen->rng, n);

  /* Consecutive lines of one order are distinct, so no two cancellation
   * lines coincide. */
  for (guint i = 0; i < n_lines; i++)
    {
      const RingLine *line = &gen->ring[(customer->history_start + (offset + i) % n) % RING_SIZE];
      gint32          quantity = line->quantity;

      if (quantity > 1 && rng_chance (&gen->rng, 250000))
        quantity = 1 + rng_below (&gen->rng, quantity - 1);
      if (!emit_line (gen, line->product, -quantity, line->price, FALSE))
        break;
    }

  return TRUE;
}

/* Stock corrections booked as zero-price invoices without a customer. */
static void
write_stock_note (Generator *gen)
{
  guint n_lines = rng_chance (&gen->rng, 100000) ? 2 + rng_below (&gen->rng, 2) : 1;

  begin_invoice (gen, '\0', NULL, UK);

  for (guint i = 0; i < n_lines; i++)
    {
      guint       index = rng_below (&gen->rng, N_MERCHANDISE);
      gint32      quantity = rng_chance (&gen->rng, 550000) ? -(gint32) (1 + rng_below (&gen->rng, 60))
                                                            : (gint32) (1 + rng_below (&gen->rng, 120));
      const char *note = "";

      if (gen->stamps[index] == gen->serial)
        continue;
      gen->stamps[index] = gen->serial;

      if (rng_chance (&gen->rng, 450000))
        note = stock_notes[rng_below (&gen->rng, G_N_ELEMENTS (stock_notes))];
      if (!emit_record (gen, index, note, strlen (note), quantity, 0))
        return;
    }
}

static Customer *
pick_customer (Generator *gen)
{
  guint64 progress = (guint64) gen->emitted * PPM / MAX (gen->n_rows, 1);
  guint64 share;
  guint64 target;
  guint64 total;

  if (progress < FIRST_MONTH_LINES)
    share = OPENING_CUSTOMERS + (FIRST_MONTH_CUSTOMERS - OPENING_CUSTOMERS) * progress / FIRST_MONTH_LINES;
  else
    share = FIRST_MONTH_CUSTOMERS + (PPM - FIRST_MONTH_CUSTOMERS) * (progress - FIRST_MONTH_LINES) / (PPM - FIRST_MONTH_LINES);
  target = MIN (gen->n_customers * share / PPM + 1, gen->n_customers);

  if (gen->n_joined < target)
    return &gen->customers[gen->n_joined++];

  total = gen->customer_weights[gen->n_joined];
  return &gen->customers[pick_cumulative (gen->customer_weights, gen->n_joined, rng_next (&gen->rng) % total)];
}

static void
write_invoice (Generator *gen,
               gboolean   christmas_season)
{
  guint32   r = rng_below (&gen->rng, PPM);
  Customer *customer;

  if (r < P_STOCK_NOTE)
    {
      write_stock_note (gen);
      return;
    }
  r -= P_STOCK_NOTE;

  if (r < P_BAD_DEBT)
    {
      begin_invoice (gen, 'A', NULL, UK);
      emit_line (gen, N_MERCHANDISE + SERVICE_BAD_DEBT, 1, 100000 + rng_below (&gen->rng, 1000000), FALSE);
      return;
    }
  r -= P_BAD_DEBT;

  if (r < P_AMAZON_FEE)
    {
      begin_invoice (gen, 'C', NULL, UK);
      emit_line (gen, N_MERCHANDISE + SERVICE_AMAZON_FEE, -1, 50000 + rng_below (&gen->rng, 800000), FALSE);
      return;
    }
  r -= P_AMAZON_FEE;

  if (r < P_CASH)
    {
      guint country = pick_cumulative (gen->cash_countries, G_N_ELEMENTS (countries),
                                       rng_below (&gen->rng, gen->cash_countries[G_N_ELEMENTS (countries)]));

      write_order (gen, NULL, country, christmas_season);
      return;
    }

  customer = pick_customer (gen);
  r = rng_below (&gen->rng, PPM);

  if (r < P_BANK_CHARGES)
    {
      begin_invoice (gen, '\0', customer, customer->country);
      emit_line (gen, N_MERCHANDISE + SERVICE_BANK_CHARGES, 1, 1500, FALSE);
      return;
    }
  if (r < P_BANK_CHARGES + P_CRUK && customer->history_length > 0)
    {
      begin_invoice (gen, 'C', customer, customer->country);
      emit_line (gen, N_MERCHANDISE + SERVICE_CRUK, -1, 100 + rng_below (&gen->rng, 15000), FALSE);
      return;
    }
  if (r < P_BANK_CHARGES + P_CRUK + P_CANCEL && write_cancellation (gen, customer))
    return;

  write_order (gen, customer, customer->country, christmas_season);
}

static gboolean
shop_is_open (int year,
              int month,
              int day,
              int weekday)
{
  /* Bank holidays of the second year. */
  static const guint8 holidays[][2] = { { 4, 22 }, { 4, 25 }, { 4, 29 }, { 5, 2 }, { 5, 30 }, { 8, 29 } };

  if (weekday_traffic[weekday] == 0)
    return FALSE;
  if ((month == 12 && day >= 23) || (month == 1 && day <= 3))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    {
      if (year == FIRST_YEAR + 1 && month == holidays[i][0] && day == holidays[i][1])
        return FALSE;
    }

  return TRUE;
}

static GArray *
build_calendar (void)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (Day));
  gint64  first = ava_timestamp_from_civil (FIRST_YEAR, 12, 1, 0, 0, 0) / 86400;
  gint64  last = ava_timestamp_from_civil (FIRST_YEAR + 1, 12, LAST_DAY, 0, 0, 0) / 86400;

  for (gint64 d = first; d <= last; d++)
    {
      Day day = { 0 };
      int weekday = (int) ((d + 4) % 7); /* 1970-01-01 was a Thursday */
      int hour, minute, second;

      ava_timestamp_to_civil (d * 86400, &day.year, &day.month, &day.day, &hour, &minute, &second);
      if (!shop_is_open (day.year, day.month, day.day, weekday))
        continue;

      day.sunday = weekday == 0;
      day.traffic = weekday_traffic[weekday] * month_traffic[(day.year - FIRST_YEAR) * 12 + day.month - 12];
      g_array_append_val (days, day);
    }

  return days;
}

/* Sets the invoice time from how far the day's lines have come, following
 * the shop's busy hours. */
static void
set_invoice_date (Generator *gen,
                  const Day *day,
                  guint64    done,
                  guint64    planned)
{
  const guint16 *hours = day->sunday ? sunday_hours : weekday_hours;
  guint          n_hours = day->sunday ? G_N_ELEMENTS (sunday_hours) : G_N_ELEMENTS (weekday_hours);
  guint          opening = day->sunday ? 10 : 7;
  guint          total = 0;
  guint          target;
  guint          hour = 0;
  guint          minute;
  char          *p = gen->date;

  for (guint i = 0; i < n_hours; i++)
    total += hours[i];

  target = (guint) (done * total * 60 / MAX (planned, 1));
  while (hour + 1 < n_hours && target >= hours[hour] * 60)
    target -= hours[hour++] * 60;
  minute = MIN (target / hours[hour], 59);

  p += format_uint (p, day->year);
  *p++ = '-';
  format_two (p, day->month);
  p += 2;
  *p++ = '-';
  format_two (p, day->day);
  p += 2;
  *p++ = ' ';
  format_two (p, opening + hour);
  p += 2;
  *p++ = ':';
  format_two (p, minute);
  p += 2;
  memcpy (p, ":00", 3);
  gen->date_length = p + 3 - gen->date;
}

static void
generate (guint64  seed,
          guint    n_rows,
          EmitFunc emit,
          gpointer emit_data)
{
  g_autoptr (GArray) days = build_calendar ();
  Generator          gen = { 0 };
  guint64            total_traffic = 0;
  guint64            traffic = 0;

  gen.rng.state = seed;
  gen.n_rows = n_rows;
  gen.stopped = n_rows == 0;
  gen.emit = emit;
  gen.emit_data = emit_data;
  gen.texts = g_string_chunk_new (64 * 1024);
  gen.n_customers = (guint) CLAMP ((guint64) n_rows * N_CUSTOMERS_PER_DEFAULT / AVA_DEMO_DEFAULT_ROWS, 1, 90000);
  gen.ring = g_new0 (RingLine, RING_SIZE);
  gen.next_invoice = FIRST_INVOICE_NUMBER;

  build_catalogue (&gen);
  build_customers (&gen);

  for (guint i = 0; i < days->len; i++)
    total_traffic += g_array_index (days, Day, i).traffic;

  /* Each day gets its share of the rows; an order that runs over takes
   * the excess from the next day, and the last one stops at n_rows. */
  for (guint i = 0; i < days->len && !gen.stopped; i++)
    {
      const Day *day = &g_array_index (days, Day, i);
      gboolean   christmas_season = day->month >= 9;
      guint64    begin = gen.emitted;
      guint64    end;

      traffic += day->traffic;
      end = (guint64) n_rows * traffic / total_traffic;

      while (gen.emitted < end && !gen.stopped)
        {
          set_invoice_date (&gen, day, gen.emitted - begin, end - begin);
          write_invoice (&gen, christmas_season);
        }
    }

  g_string_chunk_free (gen.texts);
  g_free (gen.products);
  g_free (gen.popularity);
  g_free (gen.stamps);
  g_free (gen.customers);
  g_free (gen.customer_weights);
  g_free (gen.ring);
}

typedef struct
{
  GOutputStream *output;
  GCancellable  *cancellable;
  GError       **error;
  char          *buffer;
  gsize          length;
} CsvSink;

#define CSV_BUFFER_SIZE (256 * 1024)
/* No generated record comes near this; flushing before keeps room. */
#define CSV_MAX_RECORD 4096

static gboolean
csv_flush (CsvSink *sink)
{
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (sink->cancellable, sink->error))
    return FALSE;

  ok = g_output_stream_write_all (sink->output, sink->buffer, sink->length, NULL,
                                  sink->cancellable, sink->error);
  sink->length = 0;
  return ok;
}

static gboolean
needs_quotes (const char *value,
              gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (value[i] == ',' || value[i] == '"' || value[i] == '\r' || value[i] == '\n')
        return TRUE;
    }

  return FALSE;
}

static gboolean
csv_emit_cb (const char *const *values,
             const gsize       *lengths,
             gpointer           user_data)
{
  CsvSink *sink = user_data;
  char    *p = sink->buffer + sink->length;

  for (guint i = 0; i < AVA_N_FIELDS; i++)
    {
      const char *value = values[i];
      gsize       length = lengths[i];

      if (i > 0)
        *p++ = ',';

      if (!needs_quotes (value, length))
        {
          memcpy (p, value, length);
          p += length;
        }
      else
        {
          /* RFC 4180: quote the field and double its quotes. */
          *p++ = '"';
          for (gsize j = 0; j < length; j++)
            {
              if (value[j] == '"')
                *p++ = '"';
              *p++ = value[j];
            }
          *p++ = '"';
        }
    }
  *p++ = '\r';
  *p++ = '\n';
  sink->length = p - sink->buffer;

  if (sink->length > CSV_BUFFER_SIZE - CSV_MAX_RECORD)
    return csv_flush (sink);

  return TRUE;
}

/**
 * ava_demo_write_csv:
 * @output: where to write; left open
 * @n_rows: data rows after the header
 *
 * Writes invented sales as an Online Retail CSV file: a header line, then
 * @n_rows RFC 4180 records with CRLF line ends.
 */
gboolean
ava_demo_write_csv (GOutputStream *output,
                    guint          n_rows,
                    guint64        seed,
                    GCancellable  *cancellable,
                    GError       **error)
{
  static const char  header[] = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n";
  g_autofree char   *buffer = g_malloc (CSV_BUFFER_SIZE);
  g_autoptr (GError) local_error = NULL;
  CsvSink            sink = { output, cancellable, &local_error, buffer, 0 };

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memcpy (buffer, header, sizeof header - 1);
  sink.length = sizeof header - 1;

  generate (seed, n_rows, csv_emit_cb, &sink);

  if (local_error == NULL)
    csv_flush (&sink);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  AvaCleaner *cleaner;
  guint64     line;
} CleanerSink;

static gboolean
cleaner_emit_cb (const char *const *values,
                 const gsize       *lengths,
                 gpointer           user_data)
{
  CleanerSink *sink = user_data;

  ava_cleaner_add_fields (sink->cleaner, sink->line++, values, lengths);
  return TRUE;
}

/**
 * ava_demo_build_dataset:
 * @report: (out): the quality report, the same as for the CSV file of
 *   ava_demo_write_csv() with the same arguments (but for its source name)
 *
 * Cleans the invented records directly, without a CSV round trip.
 */
AvaDataset *
ava_demo_build_dataset (guint              n_rows,
                        guint64            seed,
                        AvaQualityReport **report)
{
  g_autoptr (AvaCleaner) cleaner = ava_cleaner_new (AVA_DEMO_SOURCE_NAME);
  /* Line 1 is the header of the equivalent CSV file. */
  CleanerSink sink = { cleaner, 2 };

  g_return_val_if_fail (report != NULL, NULL);

  generate (seed, n_rows, cleaner_emit_cb, &sink);

  return ava_cleaner_finish (cleaner, report);
}
