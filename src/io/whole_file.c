/*
 * whole_file.c - a file read whole into memory. See whole_file.h.
 */
#include "whole_file.h"

#include <stdio.h>

#include "../util/alloc.h"
#include "../util/strbuf.h"

char *whole_file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_append(&sb, buf, n);
	fclose(f);
	if (len)
		*len = sb.len;
	return sb.data ? sb.data : xstrdup("");
}
