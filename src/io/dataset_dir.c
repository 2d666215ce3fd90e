/*
 * dataset_dir.c - reading a dataset folder (SPEC 3.1) into the fact builder,
 * the per-pupil files on threads, with progress and warnings. See
 * dataset_dir.h.
 */
#include "dataset_dir.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../core/facts_bytes.h"
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
			pr->report(pr->ctx, td->file, rows, csv_offset(r), total, 0, 0.0);
	}
	if (rc == 0 && st == CSV_ERROR) {
		builder_error(b, t, 0, -1, "%s", csv_error(r));
		rc = -1;
	}
	builder_end_table(b, t);
	if (pr && pr->report)
		pr->report(pr->ctx, td->file, rows, total, total, 1, -1.0);
	return rc;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Wraps the caller's progress to add the time a file took to its last report. */
typedef struct timed {
	const progress *pr;
	struct timespec t0;
} timed;

static void timed_report(void *ctx, const char *what, uint64_t rows, uint64_t bytes, uint64_t total, int done,
			 double seconds)
{
	timed *tm = ctx;
	(void)seconds;
	tm->pr->report(tm->pr->ctx, what, rows, bytes, total, done, done ? seconds_since(&tm->t0) : 0.0);
}

/* The fast path reads a mapped file in windows of this size, and lets go of
 * each window once read, so that the file's pages do not stay counted as
 * the process's memory. */
enum { WINDOW = 4 << 20 };
/* Leerlingen is read in parts when each would have at least this many bytes. */
enum { PART_MIN = 1 << 20 };

/* Whether [p, p + len) is the first line of a file of table t exactly as
 * SPEC 3.1 spells it (without quotes; LF or CRLF). */
bool dataset_plain_header(const char *p, size_t len, const table_desc *td)
{
	size_t at = 0;
	for (int c = 0; c < td->ncols; c++) {
		size_t n = strlen(td->cols[c]);
		if (at + n > len || memcmp(p + at, td->cols[c], n) != 0)
			return false;
		at += n;
		if (c + 1 < td->ncols) {
			if (at >= len || p[at] != ',')
				return false;
			at++;
		}
	}
	return len == at || (len == at + 1 && p[at] == '\r');
}

/* Called with each part of the bytes that has been read (file mode). */
typedef void (*release_fn)(const char *p, size_t len);

void dataset_release_pages(const char *p, size_t len)
{
	/* The pages of a read-only file mapping come back from the file
	 * should they be touched again; this only lowers the count. */
	madvise((void *)(uintptr_t)p, len, MADV_DONTNEED);
}

/* Map the pages of a window before it is read, in one call rather than a
 * page fault per few pages (file mode; p is page-aligned). */
void dataset_populate_pages(const char *p, size_t len)
{
#ifdef MADV_POPULATE_READ
	madvise((void *)(uintptr_t)p, len, MADV_POPULATE_READ); /* only advice: a failure costs faults */
#else
	(void)p;
	(void)len;
#endif
}

/* How many LFs [p, p + len) has (a bound on the rows it holds). It runs
 * before the parts' threads start, so it is made as quick as the bytes
 * come: a count per byte lane, summed every 255 blocks of 16. */
static size_t count_lf(const char *p, size_t len)
{
	size_t n = 0, i = 0;
#if defined(__SSE2__)
	const __m128i lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	while (i + 16 <= len) {
		__m128i lanes = zero; /* each byte counts its lane's LFs, at most 255 */
		for (int k = 0; k < 255 && i + 16 <= len; k++, i += 16)
			lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + i)), lf));
		__m128i sums = _mm_sad_epu8(lanes, zero);
		n += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
	}
#endif
	for (; i < len; i++)
		n += p[i] == '\n';
	return n;
}

/* The last LF in [p, end), or NULL. */
static const char *last_lf(const char *p, const char *end)
{
	while (end > p && end[-1] != '\n')
		end--;
	return end > p ? end - 1 : NULL;
}

/* One run of lines [from, to) of a table's bytes for the fast path, read
 * window bytes at a time (each window ends at a line end): as part `part`
 * of leerlingen, or as the whole of another table (part -1). */
typedef struct range_job {
	const char *data;
	size_t from, to, window;
	table_id t;
	builder *b;
	int part;
	release_fn release;
	const progress *pr; /* reports from the first part only */
	size_t size;
	uint32_t line;
	int ok;
} range_job;

static void *read_range(void *arg)
{
	range_job *j = arg;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), pos = j->from;
	size_t freed = (j->from + page - 1) / page * page;
	const char *data = j->data;
	j->ok = 1;
	while (pos < j->to) {
		size_t end = j->to - pos > j->window ? pos + j->window : j->to;
		if (end < j->to) {
			const char *lf = last_lf(data + pos, data + end);
			if (!lf)
				lf = memchr(data + end, '\n', j->to - end); /* a line longer than the window */
			end = lf ? (size_t)(lf - data) + 1 : j->to;
		}
		if (j->release)
			dataset_populate_pages(data + pos / page * page, end - pos / page * page);
		bool ok = j->part < 0 ? builder_bytes_rows(j->b, j->t, data + pos, end - pos, &j->line)
				      : builder_bytes_part(j->b, j->t, j->part, data + pos, end - pos, &j->line);
		if (!ok) {
			j->ok = 0;
			break;
		}
		pos = end;
		if (j->release && pos / page * page > freed) {
			j->release(data + freed, pos / page * page - freed);
			freed = pos / page * page;
		}
		if (j->pr && j->pr->report)
			j->pr->report(j->pr->ctx, TABLES[j->t].file, j->line - 2, pos, j->size, 0, 0.0);
	}
	/* A part's own checks on its own thread, before the parts are joined. */
	if (j->ok && j->part >= 0 && !builder_bytes_part_end(j->b, j->t, j->part))
		j->ok = 0;
	return NULL;
}

/* Read table t from the whole file's bytes through the fast path
 * (facts_bytes.h); leerlingen in parts on up to `threads` threads, split at
 * line ends (the per-pupil files are read on threads of their own).
 * Returns 1 when done; 0 when the general reader must read the bytes
 * (nothing of them was kept). */
static int read_fast(const char *data, size_t size, table_id t, builder *b, const progress *pr, size_t window,
		     release_fn release, int threads, size_t part_min)
{
	if (!builder_bytes_ok(b, t) || size == 0)
		return 0;
	size_t pos = 0;
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	const char *nl = memchr(data + pos, '\n', size - pos);
	if (!nl || !dataset_plain_header(data + pos, (size_t)(nl - data) - pos, &TABLES[t]))
		return 0;
	pos = (size_t)(nl - data) + 1;
	builder_begin_table(b, t);
	builder_reserve(b, t, t == T_LEERLINGEN ? 0 : size / 24);
	range_job jobs[BYTES_PARTS];
	int parts = t == T_LEERLINGEN ? (threads < BYTES_PARTS ? threads : BYTES_PARTS) : 1;
	if (parts < 1 || size - pos < part_min * (size_t)parts)
		parts = 1;
	size_t from = pos;
	for (int i = 0; i < parts; i++) {
		/* Part i ends at the first line end after its share of the bytes. */
		size_t to = size;
		if (i + 1 < parts) {
			size_t at = pos + (size - pos) / (size_t)parts * (size_t)(i + 1);
			const char *lf = at > from ? memchr(data + at - 1, '\n', size - (at - 1)) : NULL;
			to = lf ? (size_t)(lf - data) + 1 : size;
		}
		jobs[i] = (range_job){data, from, to, window, t, b, t == T_LEERLINGEN ? i : -1, release,
				      i == 0 ? pr : NULL, size, i == 0 ? 2 : 1, 0};
		from = to;
	}
	if (parts == 2) {
		if (release) /* the pages in one call rather than a fault per few */
			dataset_populate_pages(data, jobs[0].to);
		builder_bytes_place(b, count_lf(data + jobs[0].from, jobs[0].to - jobs[0].from), jobs[1].to - jobs[1].from);
	}
	pthread_t tid[BYTES_PARTS];
	int started[BYTES_PARTS] = {0};
	for (int i = 1; i < parts; i++)
		started[i] = pthread_create(&tid[i], NULL, read_range, &jobs[i]) == 0;
	read_range(&jobs[0]);
	for (int i = 1; i < parts; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			read_range(&jobs[i]);
	}
	int ok = 1;
	for (int i = 0; i < parts; i++)
		ok &= jobs[i].ok;
	if (!ok) {
		builder_bytes_abandon(b, t);
		return 0;
	}
	if (!builder_bytes_done(b, t))
		return 0;
	builder_end_table(b, t);
	if (pr && pr->report) {
		/* Lines after the header (part 0 counted from 2, the others from 1). */
		uint64_t rows = jobs[0].line - 2;
		for (int i = 1; i < parts; i++)
			rows += jobs[i].line - 1;
		pr->report(pr->ctx, TABLES[t].file, rows, size, size, 1, -1.0);
	}
	return 1;
}

int dataset_read_bytes(const char *data, size_t len, table_id t, builder *b, size_t window, int threads)
{
	/* A window chosen by a test also lets the smallest leerlingen be split. */
	if (read_fast(data, len, t, b, NULL, window ? window : WINDOW, NULL, threads, window ? 1 : PART_MIN))
		return 0;
	csv_reader *r = csv_from_memory(data, len);
	int rc = dataset_read_table(r, t, b, NULL, len);
	csv_close(r);
	return rc;
}

/* The fast path over the mapped file; 1 when it read the table. */
static int read_mapped(const char *path, table_id t, builder *b, const progress *pr, int threads)
{
	if (!builder_bytes_ok(b, t))
		return 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		return 0;
	}
	size_t size = (size_t)st.st_size;
	char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 0;
	madvise(map, size, MADV_SEQUENTIAL);
	int done = read_fast(map, size, t, b, pr, WINDOW, dataset_release_pages, threads, PART_MIN);
	munmap(map, size);
	return done;
}

int dataset_read_path(const char *path, table_id t, builder *b, const progress *pr, int threads)
{
	timed tm = {pr, {0, 0}};
	progress wrapped = {timed_report, &tm};
	clock_gettime(CLOCK_MONOTONIC, &tm.t0);
	if (pr && pr->report)
		pr = &wrapped;
	if (read_mapped(path, t, b, pr, threads))
		return 0;
	char err[512];
	csv_reader *r = csv_open(path, err, sizeof err);
	if (!r) {
		builder_error(b, t, 0, -1, "%s", err);
		return -1;
	}
	uint64_t size = file_size(path);
	/* Size the arrays once: a dataset row takes at least ~20 bytes. */
	builder_reserve(b, t, (size_t)(size / 24));
	int rc = dataset_read_table(r, t, b, pr, size);
	csv_close(r);
	return rc;
}

/* The per-pupil files, shared by the worker threads. */
typedef struct work {
	pthread_mutex_t lock;
	const char *dir;
	builder *b;
	const progress *pr;
	table_id todo[T_COUNT];
	size_t n, next;
	int rc;
} work;

static void *worker(void *arg)
{
	work *w = arg;
	strbuf path = STRBUF_INIT;
	for (;;) {
		pthread_mutex_lock(&w->lock);
		size_t i = w->next < w->n ? w->next++ : w->n;
		pthread_mutex_unlock(&w->lock);
		if (i == w->n)
			break;
		join_path(&path, w->dir, TABLES[w->todo[i]].file);
		if (dataset_read_path(sb_str(&path), w->todo[i], w->b, w->pr, 1) != 0) {
			pthread_mutex_lock(&w->lock);
			w->rc = -1;
			pthread_mutex_unlock(&w->lock);
		}
	}
	sb_free(&path);
	return NULL;
}

static int by_size_desc(const void *a, const void *b, const char *dir)
{
	strbuf p = STRBUF_INIT;
	join_path(&p, dir, TABLES[*(const table_id *)a].file);
	uint64_t sa = file_size(sb_str(&p));
	join_path(&p, dir, TABLES[*(const table_id *)b].file);
	uint64_t sb = file_size(sb_str(&p));
	sb_free(&p);
	return (sa < sb) - (sa > sb);
}

int dataset_dir_read(const char *dir, builder *b, const progress *pr, int threads)
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
	if (missing) {
		sb_free(&path);
		return -1;
	}
	work w = {.dir = dir, .b = b, .pr = pr};
	int rc = 0;
	for (int t = 0; t < T_COUNT; t++) {
		join_path(&path, dir, TABLES[t].file);
		if (TABLES[t].optional && !file_exists(sb_str(&path)))
			continue;
		if (TABLES[t].per_pupil)
			w.todo[w.n++] = (table_id)t; /* after leerlingen, below */
		else if (dataset_read_path(sb_str(&path), (table_id)t, b, pr, threads) != 0)
			rc = -1;
	}
	sb_free(&path);
	/* Largest first, so the threads finish together. (Insertion sort: at most
	 * six files.) */
	for (size_t i = 1; i < w.n; i++)
		for (size_t j = i; j > 0 && by_size_desc(&w.todo[j - 1], &w.todo[j], dir) > 0; j--) {
			table_id tmp = w.todo[j];
			w.todo[j] = w.todo[j - 1];
			w.todo[j - 1] = tmp;
		}
	pthread_mutex_init(&w.lock, NULL);
	pthread_t tid[T_COUNT];
	int started = 0;
	for (int i = 1; i < threads && (size_t)i < w.n; i++)
		if (pthread_create(&tid[started], NULL, worker, &w) == 0)
			started++;
	worker(&w);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&w.lock);
	return rc || w.rc ? -1 : 0;
}

static void format_list(const fact_error *e, size_t kept, size_t total, const char *prefix, const char *noun,
			strbuf *out)
{
	for (size_t i = 0; i < kept; i++) {
		sb_puts(out, prefix);
		fact_error_format(&e[i], out);
		sb_putc(out, '\n');
	}
	if (total > kept)
		sb_printf(out, "%s... en nog %zu %s\n", prefix, total - kept, noun);
}

void builder_errors_format(const builder *b, strbuf *out)
{
	size_t kept, total;
	const fact_error *e = builder_errors(b, &kept, &total);
	format_list(e, kept, total, "", "fouten", out);
}

size_t builder_warnings_format(const builder *b, const char *prefix, strbuf *out)
{
	size_t kept, total;
	const fact_error *e = builder_warnings(b, &kept, &total);
	format_list(e, kept, total, prefix, "waarschuwingen", out);
	return total;
}

dataset *dataset_dir_load(const char *dir, unsigned flags, const char *only_pupil, const progress *pr,
			  int threads, strbuf *err, dataset_warnings *warn)
{
	builder *b = builder_new(flags);
	if (only_pupil)
		builder_only_pupil(b, only_pupil);
	dataset_dir_read(dir, b, pr, threads);
	dataset *ds = builder_finish(b);
	if (!ds)
		builder_errors_format(b, err);
	if (warn)
		warn->total = builder_warnings_format(b, warn->prefix ? warn->prefix : "", &warn->text);
	builder_free(b);
	return ds;
}
