/*
 * dataset_file_read.c - reading a dataset file (see dataset_file.h): each
 * array allocated on its own (dataset_free frees a read dataset like a built
 * one), the large ones read with pread on up to `threads` threads, each
 * checked against its checksum, then the string offsets turned back into
 * pointers and the CSR offsets checked.
 */
#define _GNU_SOURCE /* pread */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/alloc.h"
#include "dataset_file_format.h"

enum { MAX_JOBS = 32 };

/* A section to read into buf (once the large sections are all known, on
 * several threads). */
typedef struct read_job {
	const dsf_section *sec;
	char *buf;
	const char *why; /* NULL when read and sound */
	int errnum;
} read_job;

typedef struct reader {
	int fd;
	const dsf_header *h;
	strbuf *err;
	bool bad;
	bool defer; /* get_section only plans the read (run_jobs does it) */
	read_job jobs[MAX_JOBS];
	size_t n_jobs, next_job;
	pthread_mutex_t lock;
} reader;

static void *fail(reader *r, const char *why)
{
	if (!r->bad)
		sb_puts(r->err, why);
	r->bad = true;
	return NULL;
}

/* Read job j's section and check it (any thread: touches only j). */
static void read_job_run(int fd, read_job *j)
{
	size_t done = 0, len = j->sec->len;
	while (done < len) {
		ssize_t n = pread(fd, j->buf + done, len - done, (off_t)(j->sec->off + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			j->errnum = n < 0 ? errno : 0;
			j->why = "het bestand is korter dan de kop zegt";
			return;
		}
		done += (size_t)n;
	}
	if (dsf_checksum(j->buf, len) != j->sec->hash)
		j->why = "de controlesom van een sectie klopt niet";
}

static void *job_worker(void *arg)
{
	reader *r = arg;
	for (;;) {
		pthread_mutex_lock(&r->lock);
		size_t i = r->next_job < r->n_jobs ? r->next_job++ : r->n_jobs;
		pthread_mutex_unlock(&r->lock);
		if (i == r->n_jobs)
			return NULL;
		read_job_run(r->fd, &r->jobs[i]);
	}
}

/* Do the planned reads, largest first, on up to `threads` threads. */
static void run_jobs(reader *r, int threads)
{
	for (size_t i = 1; i < r->n_jobs; i++) /* a handful: insertion sort */
		for (size_t k = i; k > 0 && r->jobs[k].sec->len > r->jobs[k - 1].sec->len; k--) {
			read_job t = r->jobs[k];
			r->jobs[k] = r->jobs[k - 1];
			r->jobs[k - 1] = t;
		}
	pthread_mutex_init(&r->lock, NULL);
	pthread_t tid[8];
	int started = 0;
	for (int i = 1; i < threads && i <= 8 && (size_t)i < r->n_jobs; i++)
		if (pthread_create(&tid[started], NULL, job_worker, r) == 0)
			started++;
	job_worker(r);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&r->lock);
	for (size_t i = 0; i < r->n_jobs; i++)
		if (r->jobs[i].why) {
			fail(r, r->jobs[i].errnum ? strerror(r->jobs[i].errnum) : r->jobs[i].why);
			break;
		}
	r->n_jobs = r->next_job = 0;
	r->defer = false;
}

/* Read section sec (len bytes) into buf and check it, or plan it when
 * r->defer; false on failure with r->bad set. */
static bool read_checked(reader *r, const dsf_section *sec, char *buf, size_t len)
{
	if (sec->len != len || sec->off % DSF_ALIGN || sec->off > r->h->file_size ||
	    r->h->file_size - sec->off < sec->len) {
		fail(r, "een sectie heeft niet de lengte die de tellingen geven");
		return false;
	}
	read_job j = {sec, buf, NULL, 0};
	if (r->defer && r->n_jobs < MAX_JOBS) {
		r->jobs[r->n_jobs++] = j;
		return true;
	}
	read_job_run(r->fd, &j);
	if (j.why)
		fail(r, j.errnum ? strerror(j.errnum) : j.why);
	return !j.why;
}

/* Section s, which must be `len` bytes, read and checked (NULL when it does
 * not exist, or on failure with r->bad set). */
static void *get_section(reader *r, section_id s, size_t len)
{
	const dsf_section *sec = &r->h->sec[s];
	if (r->bad)
		return NULL;
	if (!sec->present)
		return sec->len ? fail(r, "een lege sectie heeft een lengte") : NULL;
	char *buf = xmalloc(len ? len : 1);
	if (!read_checked(r, sec, buf, len)) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Turn the encoded string at *field back into a pointer into block. */
static bool dec_str(const char *block, size_t len, const char **field)
{
	uint64_t v;
	memcpy(&v, field, sizeof v);
	if (v > len)
		return false;
	*field = v ? block + v - 1 : NULL;
	return true;
}

/* The string blocks: read into the dataset's arena, NUL-terminated at the end
 * so that every offset in range is a terminated string. */
static char *get_strings(reader *r, dataset *ds, section_id s, size_t *len)
{
	const dsf_section *sec = &r->h->sec[s];
	*len = sec->len;
	if (r->bad)
		return NULL;
	if (!sec->present)
		return fail(r, "een tekstblok ontbreekt");
	/* Read straight into the dataset's arena (freed with the dataset). */
	char *block = arena_alloc(&ds->strings, sec->len ? sec->len : 1);
	return read_checked(r, sec, block, sec->len) ? block : NULL;
}

/* Every offset into a block in range is a terminated string: it ends with
 * a NUL (once read). */
static bool block_ends(const char *block, size_t len)
{
	return !len || block[len - 1] == '\0';
}

static bool fix_reference(dataset *ds, char *str, size_t sl)
{
	for (size_t i = 0; i < ds->n_gemeenten; i++)
		if (!dec_str(str, sl, &ds->gemeenten[i].naam))
			return false;
	for (size_t i = 0; i < ds->n_swvs; i++)
		if (!dec_str(str, sl, &ds->swvs[i].naam))
			return false;
	for (size_t i = 0; i < ds->n_schools; i++)
		if (!dec_str(str, sl, &ds->schools[i].naam))
			return false;
	for (size_t i = 0; i < ds->n_vakanties; i++)
		if (!dec_str(str, sl, &ds->vakanties[i].naam))
			return false;
	uint64_t *enc = (uint64_t *)(void *)ds->regios;
	for (size_t i = 0; i < ds->n_regios; i++) {
		uint64_t v = enc[i];
		if (v == 0 || v > sl)
			return false;
		ds->regios[i] = str + v - 1;
	}
	return true;
}

/* The calendars from their structs and the arrays of all of them. */
static holiday_calendar *get_calendars(reader *r, const dataset *ds)
{
	size_t n = ds->n_regios;
	holiday_calendar *c = get_section(r, S_CALENDARS, n * sizeof *c);
	if (!c) {
		if (!r->bad)
			fail(r, "de vakantiekalenders ontbreken");
		return NULL;
	}
	uint64_t ranges = 0, next = 0;
	for (size_t i = 0; i < n; i++) {
		ranges += c[i].n;
		next += c[i].span;
	}
	day_range *rg = get_section(r, S_CAL_RANGES, ranges * sizeof *rg);
	int64_t *bf = get_section(r, S_CAL_BEFORE, (ranges + n) * sizeof *bf);
	int64_t *bw = get_section(r, S_CAL_BEFORE_WD, (ranges + n) * sizeof *bw);
	uint8_t *nx = get_section(r, S_CAL_NEXT, next);
	size_t ri = 0, bi = 0, ni = 0;
	for (size_t i = 0; i < n && !r->bad; i++) {
		holiday_calendar *o = &c[i];
		uint64_t has_next;
		memcpy(&has_next, &o->next, sizeof has_next);
		o->ranges = xmalloc((o->n ? o->n : 1) * sizeof *o->ranges);
		memcpy(o->ranges, rg + ri, o->n * sizeof *rg);
		o->before = xmalloc((o->n + 1) * sizeof *o->before);
		memcpy(o->before, bf + bi, (o->n + 1) * sizeof *bf);
		o->before_wd = xmalloc((o->n + 1) * sizeof *o->before_wd);
		memcpy(o->before_wd, bw + bi, (o->n + 1) * sizeof *bw);
		o->next = NULL;
		if (has_next) {
			o->next = xmalloc(o->span ? o->span : 1);
			memcpy(o->next, nx + ni, o->span);
		}
		ri += o->n;
		bi += o->n + 1;
		ni += has_next ? o->span : 0;
	}
	free(rg);
	free(bf);
	free(bw);
	free(nx);
	if (r->bad) {
		free(c); /* the calendars' own arrays: none, or freed by the caller's dataset_free */
		return NULL;
	}
	return c;
}

/* The CSR offsets of kind k: from 0, never down, ending at the count. */
static bool offsets_valid(const dataset *ds, int k)
{
	const uint32_t *o = ds->off[k];
	if (o[0] != 0 || o[ds->n_pupils] != ds->n_fact[k])
		return false;
	for (size_t i = 0; i < ds->n_pupils; i++)
		if (o[i + 1] < o[i])
			return false;
	return true;
}

/* 0 when h is a header of this format for key; 2 when it is one for another
 * key (stale); -1 otherwise (why says what is wrong). */
static int header_check(const dsf_header *h, const char *key, uint64_t size, strbuf *why)
{
	if (memcmp(h->magic, DSF_MAGIC, sizeof h->magic) != 0) {
		sb_puts(why, "geen momentopname van inbeeld");
		return -1;
	}
	if (h->version != DSF_VERSION || h->layout != dsf_layout()) {
		sb_printf(why, "indeling %llu van een andere inbeeld (deze leest %d)", (unsigned long long)h->version,
			  DSF_VERSION);
		return -1;
	}
	if (h->hash != dsf_checksum(h, offsetof(dsf_header, hash))) {
		sb_puts(why, "de controlesom van de kop klopt niet");
		return -1;
	}
	if (h->file_size != size) {
		sb_printf(why, "het bestand is %llu bytes, de kop zegt %llu", (unsigned long long)size,
			  (unsigned long long)h->file_size);
		return -1;
	}
	if (h->n_pupils >= UINT32_MAX || (h->school_cap & (h->school_cap - 1)) ||
	    h->school_count >= h->school_cap + !h->school_cap) {
		sb_puts(why, "de tellingen in de kop kloppen niet");
		return -1;
	}
	if (h->key[DATASET_FILE_KEY_MAX - 1] != '\0' || strcmp(h->key, key) != 0) {
		sb_puts(why, "van een andere stand van de registratie");
		return 2;
	}
	return 0;
}

static void read_body(reader *r, dataset *ds, bool with_identity, int threads)
{
	const dsf_header *h = r->h;
	ds->n_gemeenten = h->n_gemeenten, ds->n_swvs = h->n_swvs, ds->n_swv_gemeenten = h->n_swv_gemeenten;
	ds->n_schools = h->n_schools, ds->n_vakanties = h->n_vakanties, ds->n_pupils = h->n_pupils;
	for (int k = 0; k < F_COUNT; k++)
		ds->n_fact[k] = h->n_fact[k];
	ds->gemeenten = get_section(r, S_GEMEENTEN, ds->n_gemeenten * sizeof *ds->gemeenten);
	ds->gemeente_by_num = get_section(r, S_GEMEENTE_BY_NUM, 10000 * sizeof(int32_t));
	ds->swvs = get_section(r, S_SWVS, ds->n_swvs * sizeof *ds->swvs);
	ds->swv_by_num = get_section(r, S_SWV_BY_NUM, 20000 * sizeof(int32_t));
	ds->swv_gemeenten = get_section(r, S_SWV_GEMEENTEN, ds->n_swv_gemeenten * sizeof *ds->swv_gemeenten);
	ds->region_swv[0] = get_section(r, S_REGION_SWV_PO, ds->n_gemeenten * sizeof(int32_t));
	ds->region_swv[1] = get_section(r, S_REGION_SWV_VO, ds->n_gemeenten * sizeof(int32_t));
	ds->schools = get_section(r, S_SCHOOLS, ds->n_schools * sizeof *ds->schools);
	ds->school_index.keys = get_section(r, S_SCHOOL_KEYS, h->school_cap * sizeof(uint64_t));
	ds->school_index.vals = get_section(r, S_SCHOOL_VALS, h->school_cap * sizeof(uint32_t));
	ds->school_index.cap = ds->school_index.keys ? h->school_cap : 0;
	ds->school_index.count = ds->school_index.keys ? h->school_count : 0;
	ds->regios = get_section(r, S_REGIOS, h->n_regios * sizeof(uint64_t));
	ds->vakanties = get_section(r, S_VAKANTIES, ds->n_vakanties * sizeof *ds->vakanties);
	/* The large sections, read together. */
	r->defer = true;
	ds->pupils = get_section(r, S_PUPILS, ds->n_pupils * sizeof *ds->pupils);
	ds->ages = get_section(r, S_AGES, ds->n_pupils * sizeof *ds->ages);
	void **facts[F_COUNT] = {(void **)&ds->res, (void **)&ds->enr,	(void **)&ds->abs,
				 (void **)&ds->vrij, (void **)&ds->meld, (void **)&ds->aanbod};
	for (int k = 0; k < F_COUNT; k++) {
		*facts[k] = get_section(r, (section_id)(S_FACTS + k), ds->n_fact[k] * DSF_FACT_SIZE[k]);
		ds->off[k] = get_section(r, (section_id)(S_OFFS + k), (ds->n_pupils + 1) * sizeof(uint32_t));
	}
	size_t sl = 0, il = 0;
	char *str = get_strings(r, ds, S_STRINGS, &sl);
	const char *ident = with_identity ? get_strings(r, ds, S_IDENTITY, &il) : NULL;
	if (r->bad)
		return;
	run_jobs(r, threads);
	for (int k = 0; k < F_COUNT && !r->bad; k++)
		if (!ds->off[k] || !offsets_valid(ds, k) || (!*facts[k] && ds->n_fact[k]))
			fail(r, "de verwijzingen naar de feiten kloppen niet");
	if (!r->bad && (!block_ends(str, sl) || (ident && !block_ends(ident, il))))
		fail(r, "een tekstblok eindigt niet met een afsluiter");
	if (r->bad)
		return;
	if (!ds->regios != !h->n_regios || !ds->gemeente_by_num || !ds->swv_by_num || !ds->region_swv[0] ||
	    !ds->region_swv[1] || !ds->pupils != !h->n_pupils || !ds->ages) {
		fail(r, "een verplichte sectie ontbreekt");
		return;
	}
	ds->n_regios = h->n_regios;
	if (!fix_reference(ds, str, sl)) {
		ds->n_regios = 0; /* regios holds no pointers to free either way */
		fail(r, "een tekst ligt buiten het tekstblok");
		return;
	}
	for (size_t i = 0; i < ds->n_pupils; i++) {
		pupil *p = &ds->pupils[i];
		if (!dec_str(str, sl, &p->id) || !p->id) {
			fail(r, "een leerling-id ligt buiten het tekstblok");
			return;
		}
		if (!with_identity) {
			p->bsn = p->onderwijsnummer = p->voornaam = p->achternaam = NULL;
		} else if (!dec_str(ident, il, &p->bsn) || !dec_str(ident, il, &p->onderwijsnummer) ||
			   !dec_str(ident, il, &p->voornaam) || !dec_str(ident, il, &p->achternaam)) {
			fail(r, "een identiteitsgegeven ligt buiten het tekstblok");
			return;
		}
	}
	for (size_t i = 0; i < ds->n_fact[F_MELDING]; i++)
		if (!dec_str(str, sl, &ds->meld[i].soort)) {
			fail(r, "een meldingsoort ligt buiten het tekstblok");
			return;
		}
	ds->calendars = get_calendars(r, ds);
}

int dataset_file_read(const char *path, const char *key, bool with_identity, int threads, dataset **out,
		      strbuf *err)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		sb_printf(err, "momentopname %s is niet te lezen: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	dsf_header *h = xcalloc(1, sizeof *h);
	strbuf why = STRBUF_INIT;
	ssize_t got = fstat(fd, &st) == 0 ? pread(fd, h, sizeof *h, 0) : -1;
	int rc = -1;
	if (got != (ssize_t)sizeof *h)
		sb_puts(&why, got < 0 ? strerror(errno) : "het bestand is korter dan een kop");
	else
		rc = header_check(h, key, (uint64_t)st.st_size, &why);
	dataset *ds = NULL;
	if (rc == 0) {
		ds = xcalloc(1, sizeof *ds);
		reader *r = xcalloc(1, sizeof *r);
		*r = (reader){.fd = fd, .h = h, .err = &why};
		read_body(r, ds, with_identity, threads);
		bool bad = r->bad;
		free(r);
		if (bad) {
			dataset_free(ds);
			ds = NULL;
		}
	}
	close(fd);
	free(h);
	if (!ds)
		sb_printf(err, "momentopname %s wordt niet gebruikt: %s", path, sb_str(&why));
	sb_free(&why);
	*out = ds;
	return ds ? 0 : rc == 2 ? 2 : -1;
}
