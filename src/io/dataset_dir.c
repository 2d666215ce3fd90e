#include "dataset_dir.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/alloc.h"
#include "csv.h"

static void join_path(strbuf *sb, const char *dir, const char *file)
{
	sb_reset(sb);
	sb_puts(sb, dir);
	if (sb->len && sb->data[sb->len - 1] != '/')
		sb_putc(sb, '/');
	sb_puts(sb, file);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static uint64_t file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static bool header_is(const field *f, size_t n, const table_desc *td)
{
	if (n != (size_t)td->ncols)
		return false;
	for (int i = 0; i < td->ncols; i++)
		if (f[i].len != strlen(td->cols[i]) || memcmp(f[i].p, td->cols[i], f[i].len) != 0)
			return false;
	return true;
}

static bool alias_matches(const char *aliases, field f)
{
	const char *a = aliases;
	while (*a) {
		const char *bar = strchr(a, '|');
		size_t len = bar ? (size_t)(bar - a) : strlen(a);
		if (len == f.len) {
			size_t i = 0;
			while (i < len && (f.p[i] | 0x20) == a[i])
				i++;
			if (i == len)
				return true;
		}
		a += len + (bar ? 1 : 0);
	}
	return false;
}

/* Flexible headers: map each canonical column to a header column (-1: absent). */
static bool map_flexible(builder *b, table_id t, const field *f, size_t n, int *map)
{
	const table_desc *td = &TABLES[t];
	bool ok = true;
	for (int c = 0; c < td->ncols; c++) {
		map[c] = -1;
		for (size_t h = 0; h < n && map[c] < 0; h++)
			if (alias_matches(td->aliases[c], f[h]))
				map[c] = (int)h;
		if (map[c] < 0 && !td->col_optional[c]) {
			builder_error(b, t, 1, -1, "kolom '%s' ontbreekt in de kopregel (toegestane namen: %s)",
				      td->cols[c], td->aliases[c]);
			ok = false;
		}
	}
	return ok;
}

static void header_error(builder *b, table_id t, const field *f, size_t n)
{
	const table_desc *td = &TABLES[t];
	strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	for (int i = 0; i < td->ncols; i++)
		sb_printf(&want, "%s%s", i ? "," : "", td->cols[i]);
	for (size_t i = 0; i < n && got.len < 200; i++)
		sb_printf(&got, "%s%.*s", i ? "," : "", (int)(f[i].len > 40 ? 40 : f[i].len), f[i].p);
	builder_error(b, t, 1, -1, "de kopregel moet precies '%s' zijn, maar is '%s'", sb_str(&want), sb_str(&got));
	sb_free(&want);
	sb_free(&got);
}

int dataset_read_table(csv_reader *r, table_id t, builder *b, const progress *pr, uint64_t total)
{
	const table_desc *td = &TABLES[t];
	const field *f;
	size_t n;
	uint32_t line;
	int map[TABLE_MAX_COLS];
	field row[TABLE_MAX_COLS];
	csv_status st = csv_next(r, &f, &n, &line);
	int rc = 0;
	if (st == CSV_EOF) {
		builder_error(b, t, 0, -1, "het bestand is leeg (de kopregel ontbreekt)");
		rc = -1;
	} else if (st == CSV_ERROR) {
		builder_error(b, t, 0, -1, "%s", csv_error(r));
		rc = -1;
	} else if (td->flexible ? !map_flexible(b, t, f, n, map) : !header_is(f, n, td)) {
		if (!td->flexible)
			header_error(b, t, f, n);
		rc = -1;
	}
	size_t header_cols = n;
	uint64_t rows = 0;
	builder_begin_table(b, t);
	while (rc == 0 && (st = csv_next(r, &f, &n, &line)) == CSV_RECORD) {
		if (n != header_cols) {
			builder_error(b, t, line, -1, "verwacht %zu velden, gevonden %zu", header_cols, n);
			continue;
		}
		if (td->flexible) {
			for (int c = 0; c < td->ncols; c++)
				row[c] = map[c] >= 0 ? f[map[c]] : (field){NULL, 0};
			builder_row(b, t, row, line);
		} else {
			builder_row(b, t, f, line);
		}
		if (pr && pr->report && ++rows % PROGRESS_ROWS == 0)
			pr->report(pr->ctx, td->file, rows, csv_offset(r), total, 0);
	}
	if (rc == 0 && st == CSV_ERROR) {
		builder_error(b, t, 0, -1, "%s", csv_error(r));
		rc = -1;
	}
	builder_end_table(b, t);
	if (pr && pr->report)
		pr->report(pr->ctx, td->file, rows, total, total, 1);
	return rc;
}

static int read_file(const char *path, table_id t, builder *b, const progress *pr)
{
	char err[512];
	csv_reader *r = csv_open(path, err, sizeof err);
	if (!r) {
		builder_error(b, t, 0, -1, "%s", err);
		return -1;
	}
	int rc = dataset_read_table(r, t, b, pr, file_size(path));
	csv_close(r);
	return rc;
}

int dataset_dir_read(const char *dir, builder *b, const progress *pr)
{
	strbuf path = STRBUF_INIT;
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		builder_error(b, T_GEMEENTEN, 0, -1, "map %s bestaat niet of is geen map", dir);
		return -1;
	}
	int missing = 0;
	for (int t = 0; t < T_COUNT; t++) {
		join_path(&path, dir, TABLES[t].file);
		if (!TABLES[t].optional && !file_exists(sb_str(&path))) {
			builder_error(b, (table_id)t, 0, -1, "verplicht bestand ontbreekt in %s", dir);
			missing = 1;
		}
	}
	int rc = missing ? -1 : 0;
	for (int t = 0; t < T_COUNT && !missing; t++) {
		join_path(&path, dir, TABLES[t].file);
		if (TABLES[t].optional && !file_exists(sb_str(&path)))
			continue;
		if (read_file(sb_str(&path), (table_id)t, b, pr) != 0)
			rc = -1;
	}
	sb_free(&path);
	return rc;
}

void builder_errors_format(const builder *b, strbuf *out)
{
	size_t kept, total;
	const fact_error *e = builder_errors(b, &kept, &total);
	for (size_t i = 0; i < kept; i++) {
		fact_error_format(&e[i], out);
		sb_putc(out, '\n');
	}
	if (total > kept)
		sb_printf(out, "... en nog %zu fouten\n", total - kept);
}

dataset *dataset_dir_load(const char *dir, unsigned flags, const char *only_pupil, const progress *pr,
			  strbuf *err)
{
	builder *b = builder_new(flags);
	if (only_pupil)
		builder_only_pupil(b, only_pupil);
	dataset_dir_read(dir, b, pr);
	dataset *ds = builder_finish(b);
	if (!ds)
		builder_errors_format(b, err);
	builder_free(b);
	return ds;
}
