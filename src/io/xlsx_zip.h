/*
 * xlsx_zip.h - the entries of a zip archive in memory (xlsx_zip.c), for
 * the XLSX reader only.
 */
#ifndef INBEELD_XLSX_ZIP_H
#define INBEELD_XLSX_ZIP_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct zip_archive {
	const unsigned char *data;
	size_t len;
	size_t cd;	/* where the central directory starts */
	uint32_t count; /* its entries */
} zip_archive;

typedef struct zip_entry {
	uint32_t flags, method, crc, csize, usize, local;
} zip_entry;

/* Find the central directory of the archive in data. 0, or -1 with a Dutch
 * message in err. */
int zip_open(zip_archive *z, const void *data, size_t len, char *err, size_t errlen);

/* Whether the archive has an entry named name. */
int zip_has(const zip_archive *z, const char *name);

/* The entry named name, unpacked and NUL-terminated (free it); NULL with a
 * Dutch message in err when it is missing, damaged or breaks a limit. */
unsigned char *zip_read(const zip_archive *z, const char *name, size_t *out_len, char *err, size_t errlen);

#endif
