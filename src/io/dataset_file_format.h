/*
 * dataset_file_format.h - the layout of the snapshot file that
 * dataset_file.c writes and dataset_file_read.c reads (see dataset_file.h).
 * Not for use outside those two.
 */
#ifndef INBEELD_DATASET_FILE_FORMAT_H
#define INBEELD_DATASET_FILE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "dataset_file.h"

/* Bump when the meaning of what is stored changes (a derived field computed
 * otherwise, a section added); the layout signature covers the structs. */
enum { DSF_VERSION = 1, DSF_ALIGN = 64 };
extern const char DSF_MAGIC[16];

typedef enum section_id {
	S_GEMEENTEN,
	S_GEMEENTE_BY_NUM,
	S_SWVS,
	S_SWV_BY_NUM,
	S_SWV_GEMEENTEN,
	S_REGION_SWV_PO,
	S_REGION_SWV_VO,
	S_SCHOOLS,
	S_SCHOOL_KEYS,
	S_SCHOOL_VALS,
	S_REGIOS,
	S_VAKANTIES,
	S_CALENDARS,
	S_CAL_RANGES,
	S_CAL_BEFORE,
	S_CAL_BEFORE_WD,
	S_CAL_NEXT,
	S_PUPILS,
	S_AGES,
	S_FACTS,		  /* F_COUNT sections: the fact arrays */
	S_OFFS = S_FACTS + F_COUNT, /* F_COUNT sections: their offsets */
	S_STRINGS = S_OFFS + F_COUNT,
	S_IDENTITY,
	S_COUNT
} section_id;

typedef struct dsf_section {
	uint64_t off, len, hash;
	uint64_t present; /* 1 when the array exists (NULL and empty differ) */
} dsf_section;

typedef struct dsf_header {
	char magic[16];
	uint64_t version, layout, file_size;
	char key[DATASET_FILE_KEY_MAX];
	uint64_t n_gemeenten, n_swvs, n_swv_gemeenten, n_schools, n_regios, n_vakanties, n_pupils;
	uint64_t n_fact[F_COUNT];
	uint64_t school_cap, school_count;
	dsf_section sec[S_COUNT];
	uint64_t hash; /* of everything before it */
} dsf_header;

/* The checksum of a section (and of the header): Fletcher's sums in eight
 * lanes, mixed. */
uint64_t dsf_checksum(const void *data, size_t len);
/* The sizes and field offsets of every stored struct, as one number. */
uint64_t dsf_layout(void);
/* The size of one fact of each kind. */
extern const size_t DSF_FACT_SIZE[F_COUNT];

#endif
