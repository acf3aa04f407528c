/* sipguide-catalog-data.h
 * The symbols of the table that tools/catalog-gen.c generates from data/.
 * Only sipguide-catalog.c reads them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef SIPGUIDE_CATALOG_DATA_H
#define SIPGUIDE_CATALOG_DATA_H

#include "sipguide-catalog.h"

extern const sipguide_term_t *const sipguide_data_vocab[SIPGUIDE_VOCAB_COUNT];
extern const unsigned sipguide_data_vocab_size[SIPGUIDE_VOCAB_COUNT];

/* Indexed by class 1..6; element 0 is unused. */
extern const sipguide_class_t sipguide_data_classes[7];

/* Sorted by code. */
extern const sipguide_code_t sipguide_data_codes[];
extern const unsigned sipguide_data_code_count;

/* sipguide_data_code_index[code - 100] is an index into sipguide_data_codes,
 * or -1 when the code has no entry. */
extern const short sipguide_data_code_index[SIPGUIDE_CODE_MAX - SIPGUIDE_CODE_MIN + 1];

/* data/methods.txt, in file order: every base [METHOD] rule comes before
 * its qualified ones. */
extern const sipguide_method_t sipguide_data_methods[];
extern const unsigned sipguide_data_method_count;

/* The [category] token of cancelled requests, or -1. */
extern const int sipguide_data_category_cancelled;

/* data/evidence.txt, by sipguide_text_t. */
extern const char *const sipguide_data_texts[SIPGUIDE_TEXT_COUNT];

/* data/causes.txt: each table indexed by number - base. */
extern const sipguide_cause_t *const sipguide_data_causes[SIPGUIDE_CAUSES_COUNT];
extern const unsigned sipguide_data_causes_base[SIPGUIDE_CAUSES_COUNT];
extern const unsigned sipguide_data_causes_size[SIPGUIDE_CAUSES_COUNT];
extern const unsigned sipguide_data_q850_unlisted;
extern const char *const sipguide_data_q850_unlisted_name;

/* data/diameter.txt: each table sorted by code; NULL and 0 for an empty one. */
extern const sipguide_diam_entry_t *const sipguide_data_diam[SIPGUIDE_DIAM_COUNT];
extern const unsigned sipguide_data_diam_count[SIPGUIDE_DIAM_COUNT];

#endif /* SIPGUIDE_CATALOG_DATA_H */
