/*
 * ui_static.c - the web interface's own files (NL Design System CSS, htmx,
 * uPlot, inbeeld.css/js), served from the static folder: --static DIR, else
 * web/ next to the binary (build/web for build/inbeeld), else ../web (for
 * build/asan/inbeeld). Nothing is loaded from elsewhere at run time.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/alloc.h"
#include "ui.h"

enum { STATIC_MAX = 4 << 20 };

static const struct {
	const char *ext, *type;
} TYPES[] = {
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".woff2", "font/woff2"},
	{".txt", "text/plain; charset=utf-8"},
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof TYPES / sizeof TYPES[0]; i++)
		if (strcmp(dot, TYPES[i].ext) == 0)
			return TYPES[i].type;
	return NULL;
}

/* Letters, digits, '-', '_', '.', '/'; no segment starting with '.'. */
static bool path_ok(const char *p)
{
	if (!*p || strlen(p) > 120)
		return false;
	for (const char *c = p; *c; c++) {
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || strchr("-_./", *c)))
			return false;
		if (*c == '.' && (c == p || c[-1] == '/'))
			return false;
		if (*c == '/' && (c == p || c[-1] == '/'))
			return false;
	}
	return true;
}

void ui_static(req *r)
{
	const char *rel = r->params[0];
	const char *type = type_of(rel);
	const char *dir = r->srv->static_dir; /* found at start-up (daemon.c) */
	char path[PATH_MAX];
	if (!path_ok(rel) || !type || !*dir) {
		reply_error(r, 404, "niet_gevonden", "dit bestand bestaat niet");
		return;
	}
	snprintf(path, sizeof path, "%.*s/%s", PATH_MAX - 130, dir, rel);
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > STATIC_MAX) {
		if (f)
			fclose(f);
		reply_error(r, 404, "niet_gevonden", "dit bestand bestaat niet");
		return;
	}
	strbuf body = STRBUF_INIT;
	char buf[16384];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		sb_append(&body, buf, got);
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		sb_free(&body);
		reply_error(r, 500, "interne_fout", "het bestand kon niet worden gelezen");
		return;
	}
	reply_raw(r, 200, type, "", 0);
	sb_free(&r->out);
	r->out = body; /* handed over, not copied */
	add_header(r, "Cache-Control", "public, max-age=3600");
}
