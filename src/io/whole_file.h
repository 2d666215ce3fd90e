/*
 * whole_file.h - a file read whole into memory (small files: certificates,
 * test fixtures).
 */
#ifndef INBEELD_WHOLE_FILE_H
#define INBEELD_WHOLE_FILE_H

#include <stddef.h>

/* The bytes of the file at path, NUL-terminated (its length in *len when
 * len is not NULL); NULL when it cannot be opened. The caller frees it. */
char *whole_file_read(const char *path, size_t *len);

#endif
