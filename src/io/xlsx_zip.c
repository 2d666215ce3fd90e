/*
 * xlsx_zip.c - the entries of a zip archive in memory, for xlsx_read.c:
 * found by name in the central directory and unpacked with zlib (stored or
 * deflated), with the limits of xlsx_read.h checked on the sizes the archive
 * declares before anything is unpacked, and again on what inflating gives
 * (a lying header is caught too), and the CRC-32 checked.
 */
#include "xlsx_zip.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "../util/alloc.h"
#include "xlsx_read.h"

static uint32_t u16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int xlsx_looks_like(const void *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

int zip_open(zip_archive *z, const void *data, size_t len, char *err, size_t errlen)
{
	const unsigned char *d = data;
	*z = (zip_archive){d, len, 0, 0};
	if (!xlsx_looks_like(data, len) || len < 22) {
		snprintf(err, errlen, "het bestand is geen XLSX-bestand (geen zip-archief)");
		return -1;
	}
	/* The end of central directory record: the last 22 bytes, or before a comment. */
	size_t lowest = len > 22 + 0xffff ? len - 22 - 0xffff : 0;
	for (size_t at = len - 22 + 1; at-- > lowest;)
		if (u32(d + at) == 0x06054b50) {
			uint32_t count = u16(d + at + 10), size = u32(d + at + 12), off = u32(d + at + 16);
			if (off == 0xffffffffu || count == 0xffff) {
				snprintf(err, errlen, "het XLSX-bestand is een zip64-archief; dat leest inbeeld niet");
				return -1;
			}
			if ((size_t)off > at || (size_t)size > at - off) {
				snprintf(err, errlen, "het XLSX-bestand is beschadigd (de inhoudsopgave van het zip-archief klopt niet)");
				return -1;
			}
			z->cd = off;
			z->count = count;
			return 0;
		}
	snprintf(err, errlen, "het XLSX-bestand is beschadigd (het zip-archief is niet compleet)");
	return -1;
}

/* The central directory entry named name: 1 found (fields in e), 0 not, -1 damaged. */
static int find(const zip_archive *z, const char *name, zip_entry *e)
{
	size_t at = z->cd, want = strlen(name);
	for (uint32_t i = 0; i < z->count; i++) {
		if (at > z->len || z->len - at < 46 || u32(z->data + at) != 0x02014b50)
			return -1;
		const unsigned char *h = z->data + at;
		size_t nlen = u16(h + 28), total = 46 + nlen + u16(h + 30) + u16(h + 32);
		if (z->len - at < total)
			return -1;
		if (nlen == want && memcmp(h + 46, name, want) == 0) {
			*e = (zip_entry){u16(h + 8), u16(h + 10), u32(h + 16), u32(h + 20), u32(h + 24), u32(h + 42)};
			return 1;
		}
		at += total;
	}
	return 0;
}

int zip_has(const zip_archive *z, const char *name)
{
	zip_entry e;
	return find(z, name, &e) > 0;
}

unsigned char *zip_read(const zip_archive *z, const char *name, size_t *out_len, char *err, size_t errlen)
{
	zip_entry e;
	int found = find(z, name, &e);
	if (found <= 0) {
		snprintf(err, errlen, found ? "het XLSX-bestand is beschadigd (de inhoudsopgave van het zip-archief klopt niet)"
					    : "het XLSX-bestand mist het onderdeel %s", name);
		return NULL;
	}
	if (e.flags & 1) {
		snprintf(err, errlen, "het XLSX-bestand is met een wachtwoord beveiligd: sla het op zonder wachtwoord");
		return NULL;
	}
	if (e.method != 0 && e.method != 8) {
		snprintf(err, errlen, "het XLSX-bestand is op een onbekende manier ingepakt (methode %u)", e.method);
		return NULL;
	}
	/* The limits, on what the archive says, before unpacking. */
	if (e.usize > XLSX_MAX_ENTRY || (e.method == 8 && e.usize > (uint64_t)XLSX_MAX_RATIO * (e.csize ? e.csize : 1) &&
					 e.usize > 1u << 16)) {
		snprintf(err, errlen, "het XLSX-bestand pakt uit tot meer dan %zu MiB of %d keer zijn eigen grootte "
				      "(een zip-bom?): inbeeld leest het niet", XLSX_MAX_ENTRY >> 20, XLSX_MAX_RATIO);
		return NULL;
	}
	const unsigned char *l = z->data + e.local;
	if (e.local > z->len || z->len - e.local < 30 || u32(l) != 0x04034b50 ||
	    z->len - e.local - 30 < (size_t)u16(l + 26) + u16(l + 28) ||
	    z->len - e.local - 30 - u16(l + 26) - u16(l + 28) < e.csize ||
	    (e.method == 0 && e.csize != e.usize)) {
		snprintf(err, errlen, "het XLSX-bestand is beschadigd (onderdeel %s)", name);
		return NULL;
	}
	const unsigned char *packed = l + 30 + u16(l + 26) + u16(l + 28);
	unsigned char *out = xmalloc((size_t)e.usize + 1);
	size_t got = e.usize;
	if (e.method == 0) {
		memcpy(out, packed, e.usize);
	} else {
		z_stream zs = {0};
		if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
			free(out);
			snprintf(err, errlen, "het XLSX-bestand kan niet worden uitgepakt (zlib)");
			return NULL;
		}
		zs.next_in = (unsigned char *)(uintptr_t)packed; /* zlib's API is not const; it only reads */
		zs.avail_in = e.csize;
		zs.next_out = out;
		zs.avail_out = e.usize + 1; /* one byte more than declared: a lying header shows */
		int rc = inflate(&zs, Z_FINISH);
		got = zs.total_out;
		inflateEnd(&zs);
		if (rc != Z_STREAM_END || got != e.usize) {
			free(out);
			snprintf(err, errlen, got > e.usize ? "het XLSX-bestand pakt uit tot meer dan het zegt (een zip-bom?): "
							      "inbeeld leest het niet"
							    : "het XLSX-bestand is beschadigd (onderdeel %s pakt niet uit)", name);
			return NULL;
		}
	}
	if (crc32(0L, out, (uInt)got) != e.crc) {
		free(out);
		snprintf(err, errlen, "het XLSX-bestand is beschadigd (controlegetal van onderdeel %s klopt niet)", name);
		return NULL;
	}
	out[got] = '\0';
	*out_len = got;
	return out;
}
