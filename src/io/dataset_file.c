/*
 * dataset_file.c - a dataset serialised to one file and read back with a few
 * large reads. See dataset_file.h.
 *
 * Layout: a header (magic, format version, layout signature, the caller's
 * key, the counts of every table, and per section its offset, length,
 * checksum and whether the array exists), then the sections, each starting
 * at a multiple of 64 bytes. Arrays without pointers are written as they lie
 * in memory; structs with pointers are copied first, each pointer replaced
 * by (offset in its string block + 1), 0 for NULL, and padding zeroed so the
 * file is the same for the same dataset. Reading is dataset_file_read.c's.
 */
#define _GNU_SOURCE /* pread/pwrite, fchmod, mkstemp */
#include "dataset_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../util/alloc.h"
#include "dataset_file_format.h"

const char DSF_MAGIC[16] = "INBEELD-DATASET";

/* ---- the checksum --------------------------------------------------------- */

/* Fletcher's sums over 64-bit words in eight lanes (a += w, b += a), which
 * the compiler keeps in registers: a flipped bit changes a, a moved word
 * changes b. Against damage, not against an adversary (the file has the
 * registry's trust). Near memory speed: this runs over every byte read. */
static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDu;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53u;
	h ^= h >> 33;
	return h;
}

/* The sums of a checksum fed in parts (a section written piece by piece):
 * every part but the last a whole number of 64-byte words. */
typedef struct dsf_sum {
	uint64_t a[8], b[8], len;
} dsf_sum;

static void sum_feed(dsf_sum *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i = 0;
	for (; i + 64 <= len; i += 64) {
		uint64_t w[8];
		memcpy(w, p + i, sizeof w);
		for (int j = 0; j < 8; j++) {
			s->a[j] += w[j];
			s->b[j] += s->a[j];
		}
	}
	if (i < len) {
		uint64_t w[8] = {0};
		memcpy(w, p + i, len - i);
		for (int j = 0; j < 8; j++) {
			s->a[j] += w[j];
			s->b[j] += s->a[j];
		}
	}
	s->len += len;
}

static uint64_t sum_end(const dsf_sum *s)
{
	uint64_t h = mix(s->len);
	for (int j = 0; j < 8; j++)
		h = mix(h ^ s->a[j]) + mix(s->b[j] + (uint64_t)j);
	return h;
}

uint64_t dsf_checksum(const void *data, size_t len)
{
	dsf_sum s = {0};
	sum_feed(&s, data, len);
	return sum_end(&s);
}

/* A build whose dataset.h lays the structs out otherwise does not read the
 * file. */
uint64_t dsf_layout(void)
{
#define L(t, f) offsetof(t, f)
	const size_t v[] = {
		sizeof(void *), sizeof(size_t), sizeof(day_t),
		sizeof(gemeente), L(gemeente, code), L(gemeente, naam), L(gemeente, regio),
		sizeof(swv), L(swv, code), L(swv, naam), L(swv, sector),
		sizeof(swv_gemeente), sizeof(school), L(school, brin), L(school, vestiging), L(school, naam),
		L(school, soort), L(school, gemeente), L(school, swv_po), L(school, swv_vo), L(school, swv),
		sizeof(vakantie), L(vakantie, regio), L(vakantie, van), L(vakantie, tot), L(vakantie, naam),
		sizeof(holiday_calendar), sizeof(day_range), sizeof(pupil), L(pupil, id), L(pupil, bsn),
		L(pupil, onderwijsnummer), L(pupil, voornaam), L(pupil, achternaam), L(pupil, geboortedatum),
		L(pupil, startkwalificatie), L(pupil, lp_start), L(pupil, kwal_end), sizeof(struct age_span),
		sizeof(residence), L(residence, van), L(residence, tot), L(residence, gemeente),
		L(residence, in_onderzoek), sizeof(enrolment), L(enrolment, van), L(enrolment, tot),
		L(enrolment, school), sizeof(absence), L(absence, van), L(absence, tot), L(absence, school),
		L(absence, uren), L(absence, soort), sizeof(vrijstelling), L(vrijstelling, aanvraag),
		L(vrijstelling, van), L(vrijstelling, tot), L(vrijstelling, kind), L(vrijstelling, status),
		L(vrijstelling, grond), sizeof(melding), L(melding, datum_melding), L(melding, eerste_verzuimdag),
		L(melding, school), L(melding, soort), sizeof(aanbod), L(aanbod, datum), L(aanbod, plaats_per),
		L(aanbod, soort), F_COUNT, T_COUNT,
	};
#undef L
	uint64_t w[sizeof v / sizeof v[0]];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		w[i] = v[i];
	return dsf_checksum(w, sizeof w);
}

const size_t DSF_FACT_SIZE[F_COUNT] = {sizeof(residence), sizeof(enrolment), sizeof(absence),
					   sizeof(vrijstelling), sizeof(melding), sizeof(aanbod)};

/* ---- writing ------------------------------------------------------------ */

static void *fact_array(const dataset *ds, int k)
{
	void *const a[F_COUNT] = {ds->res, ds->enr, ds->abs, ds->vrij, ds->meld, ds->aanbod};
	return a[k];
}


/* A string block: strings end to end, each with its NUL. */
typedef struct blob {
	char *p;
	size_t len, cap;
} blob;

/* Append s; its encoding (offset + 1, 0 for NULL). */
static uint64_t put_str(blob *b, const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s) + 1;
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	return b->len - n + 1;
}

/* Store the encoding of s in the pointer field at *field. */
static void enc_str(blob *b, const char *s, const char **field)
{
	uint64_t v = put_str(b, s);
	memcpy(field, &v, sizeof v);
}

/* A fixed-size char field copied up to its NUL, the rest zero. */
#define COPY_CODE(dst, src) memcpy((dst), (src), strnlen((src), sizeof(src)))

typedef struct writer {
	int fd;
	uint64_t pos;
	dsf_header *h;
	int err; /* errno of the first failure */
} writer;

static void put_bytes(writer *w, const void *p, size_t len)
{
	const char *c = p;
	while (len && !w->err) {
		ssize_t n = pwrite(w->fd, c, len, (off_t)w->pos);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			w->err = n < 0 ? errno : EIO;
			return;
		}
		c += n;
		len -= (size_t)n;
		w->pos += (uint64_t)n;
	}
}

/* Write one section (data NULL: the array does not exist). */
static void put_section(writer *w, section_id s, const void *data, size_t len)
{
	static const char zeros[DSF_ALIGN];
	if (w->pos % DSF_ALIGN)
		put_bytes(w, zeros, DSF_ALIGN - w->pos % DSF_ALIGN);
	w->h->sec[s] = (dsf_section){w->pos, data ? len : 0, data ? dsf_checksum(data, len) : 0, data != NULL};
	if (data)
		put_bytes(w, data, len);
}

/* A section written in parts (section_part, each but the last a whole
 * number of 64-byte words), its checksum summed as they go: a large array
 * converted a slice at a time instead of in one copy of it. */
typedef struct section_out {
	section_id s;
	dsf_sum sum;
} section_out;

static void section_begin(writer *w, section_out *so, section_id s)
{
	static const char zeros[DSF_ALIGN];
	if (w->pos % DSF_ALIGN)
		put_bytes(w, zeros, DSF_ALIGN - w->pos % DSF_ALIGN);
	*so = (section_out){.s = s};
	w->h->sec[s] = (dsf_section){w->pos, 0, 0, true};
}

static void section_part(writer *w, section_out *so, const void *data, size_t len)
{
	sum_feed(&so->sum, data, len);
	put_bytes(w, data, len);
}

static void section_end(writer *w, section_out *so)
{
	w->h->sec[so->s].len = so->sum.len;
	w->h->sec[so->s].hash = sum_end(&so->sum);
}

/* Rows converted and written per part (times any row size, a whole number
 * of 64-byte words). */
enum { SLICE_ROWS = 65536 };

/* Sections whose structs hold strings, converted into a zeroed copy. */
static void put_reference(writer *w, const dataset *ds, blob *str)
{
	gemeente *g = xcalloc(ds->n_gemeenten + 1, sizeof *g);
	for (size_t i = 0; i < ds->n_gemeenten; i++) {
		COPY_CODE(g[i].code, ds->gemeenten[i].code);
		g[i].regio = ds->gemeenten[i].regio;
		enc_str(str, ds->gemeenten[i].naam, &g[i].naam);
	}
	put_section(w, S_GEMEENTEN, ds->gemeenten ? g : NULL, ds->n_gemeenten * sizeof *g);
	free(g);
	swv *v = xcalloc(ds->n_swvs + 1, sizeof *v);
	for (size_t i = 0; i < ds->n_swvs; i++) {
		COPY_CODE(v[i].code, ds->swvs[i].code);
		v[i].sector = ds->swvs[i].sector;
		enc_str(str, ds->swvs[i].naam, &v[i].naam);
	}
	put_section(w, S_SWVS, ds->swvs ? v : NULL, ds->n_swvs * sizeof *v);
	free(v);
	school *sc = xcalloc(ds->n_schools + 1, sizeof *sc);
	for (size_t i = 0; i < ds->n_schools; i++) {
		const school *o = &ds->schools[i];
		COPY_CODE(sc[i].brin, o->brin);
		COPY_CODE(sc[i].vestiging, o->vestiging);
		sc[i].soort = o->soort;
		sc[i].gemeente = o->gemeente;
		sc[i].swv_po = o->swv_po;
		sc[i].swv_vo = o->swv_vo;
		sc[i].swv = o->swv;
		enc_str(str, o->naam, &sc[i].naam);
	}
	put_section(w, S_SCHOOLS, ds->schools ? sc : NULL, ds->n_schools * sizeof *sc);
	free(sc);
	uint64_t *r = xcalloc(ds->n_regios + 1, sizeof *r);
	for (size_t i = 0; i < ds->n_regios; i++)
		r[i] = put_str(str, ds->regios[i]);
	put_section(w, S_REGIOS, ds->regios ? r : NULL, ds->n_regios * sizeof *r);
	free(r);
	vakantie *va = xcalloc(ds->n_vakanties + 1, sizeof *va);
	for (size_t i = 0; i < ds->n_vakanties; i++) {
		va[i].regio = ds->vakanties[i].regio;
		va[i].van = ds->vakanties[i].van;
		va[i].tot = ds->vakanties[i].tot;
		enc_str(str, ds->vakanties[i].naam, &va[i].naam);
	}
	put_section(w, S_VAKANTIES, ds->vakanties ? va : NULL, ds->n_vakanties * sizeof *va);
	free(va);
}

/* The calendars: their structs (pointers replaced by 1 when present), then
 * each array of all of them end to end. */
static void put_calendars(writer *w, const dataset *ds)
{
	size_t n = ds->calendars ? ds->n_regios : 0, ranges = 0, next = 0;
	holiday_calendar *c = xcalloc(n + 1, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		const holiday_calendar *o = &ds->calendars[i];
		c[i].n = o->n;
		c[i].base = o->base;
		c[i].span = o->next ? o->span : 0;
		uint64_t one = 1;
		memcpy(&c[i].next, o->next ? &one : &(uint64_t){0}, sizeof one);
		ranges += o->n;
		next += c[i].span;
	}
	put_section(w, S_CALENDARS, ds->calendars ? c : NULL, n * sizeof *c);
	free(c);
	day_range *rg = xmalloc((ranges + 1) * sizeof *rg);
	int64_t *bf = xmalloc((ranges + n + 1) * sizeof *bf), *bw = xmalloc((ranges + n + 1) * sizeof *bw);
	uint8_t *nx = xmalloc(next + 1);
	size_t ri = 0, bi = 0, ni = 0;
	for (size_t i = 0; i < n; i++) {
		const holiday_calendar *o = &ds->calendars[i];
		memcpy(rg + ri, o->ranges, o->n * sizeof *rg);
		memcpy(bf + bi, o->before, (o->n + 1) * sizeof *bf);
		memcpy(bw + bi, o->before_wd, (o->n + 1) * sizeof *bw);
		if (o->next)
			memcpy(nx + ni, o->next, o->span);
		ri += o->n;
		bi += o->n + 1;
		ni += o->next ? o->span : 0;
	}
	put_section(w, S_CAL_RANGES, rg, ri * sizeof *rg);
	put_section(w, S_CAL_BEFORE, bf, bi * sizeof *bf);
	put_section(w, S_CAL_BEFORE_WD, bw, bi * sizeof *bw);
	put_section(w, S_CAL_NEXT, nx, ni);
	free(rg);
	free(bf);
	free(bw);
	free(nx);
}

static void put_pupils(writer *w, const dataset *ds, blob *str, blob *ident)
{
	if (!ds->pupils) {
		put_section(w, S_PUPILS, NULL, 0);
	} else {
		pupil *p = xmalloc(SLICE_ROWS * sizeof *p);
		section_out so;
		section_begin(w, &so, S_PUPILS);
		for (size_t at = 0; at < ds->n_pupils; at += SLICE_ROWS) {
			size_t n = ds->n_pupils - at < SLICE_ROWS ? ds->n_pupils - at : SLICE_ROWS;
			for (size_t i = 0; i < n; i++) {
				const pupil *o = &ds->pupils[at + i];
				p[i] = *o; /* no padding: the layout signature holds sizeof(pupil) */
				enc_str(str, o->id, &p[i].id);
				enc_str(ident, o->bsn, &p[i].bsn);
				enc_str(ident, o->onderwijsnummer, &p[i].onderwijsnummer);
				enc_str(ident, o->voornaam, &p[i].voornaam);
				enc_str(ident, o->achternaam, &p[i].achternaam);
			}
			section_part(w, &so, p, n * sizeof *p);
		}
		section_end(w, &so);
		free(p);
	}
	put_section(w, S_AGES, ds->ages, ds->n_pupils * sizeof *ds->ages);
}

/* Facts at .. at + n - 1 of kind k into buf (zeroed): their padding zero. */
static void put_fact_slice(const dataset *ds, int k, size_t at, size_t n, void *buf, blob *str)
{
	for (size_t j = 0; j < n; j++) {
		size_t i = at + j;
		switch (k) {
		case F_RESIDENCE: {
			const residence *o = &ds->res[i];
			residence *d = (residence *)buf + j;
			d->van = o->van, d->tot = o->tot, d->gemeente = o->gemeente, d->in_onderzoek = o->in_onderzoek;
			break;
		}
		case F_ABSENCE: {
			const absence *o = &ds->abs[i];
			absence *d = (absence *)buf + j;
			d->van = o->van, d->tot = o->tot, d->school = o->school, d->uren = o->uren, d->soort = o->soort;
			break;
		}
		case F_VRIJSTELLING: {
			const vrijstelling *o = &ds->vrij[i];
			vrijstelling *d = (vrijstelling *)buf + j;
			d->aanvraag = o->aanvraag, d->van = o->van, d->tot = o->tot, d->kind = o->kind;
			d->status = o->status;
			COPY_CODE(d->grond, o->grond);
			break;
		}
		case F_MELDING: {
			const melding *o = &ds->meld[i];
			melding *d = (melding *)buf + j;
			d->datum_melding = o->datum_melding, d->eerste_verzuimdag = o->eerste_verzuimdag;
			d->school = o->school;
			enc_str(str, o->soort, &d->soort);
			break;
		}
		case F_AANBOD: {
			const aanbod *o = &ds->aanbod[i];
			aanbod *d = (aanbod *)buf + j;
			d->datum = o->datum, d->plaats_per = o->plaats_per, d->soort = o->soort;
			break;
		}
		default: break;
		}
	}
}

/* A fact array with its padding zeroed (and melding's soort encoded). */
static void put_facts(writer *w, const dataset *ds, int k, blob *str)
{
	size_t n = ds->n_fact[k];
	const void *src = fact_array(ds, k);
	if (!src || k == F_ENROLMENT) { /* enrolment has no padding */
		put_section(w, (section_id)(S_FACTS + k), src, n * DSF_FACT_SIZE[k]);
		return;
	}
	void *buf = xmalloc(SLICE_ROWS * DSF_FACT_SIZE[k]);
	section_out so;
	section_begin(w, &so, (section_id)(S_FACTS + k));
	for (size_t at = 0; at < n; at += SLICE_ROWS) {
		size_t m = n - at < SLICE_ROWS ? n - at : SLICE_ROWS;
		memset(buf, 0, m * DSF_FACT_SIZE[k]);
		put_fact_slice(ds, k, at, m, buf, str);
		section_part(w, &so, buf, m * DSF_FACT_SIZE[k]);
	}
	section_end(w, &so);
	free(buf);
}

enum { LEFTOVER_SECONDS = 3600 };

/* Remove temporary files of path ("<path>.XXXXXX") that a writer killed
 * midway left behind: those untouched for an hour (a writer still at work
 * touches its file all the time). Best effort: a failure changes nothing. */
static void remove_leftovers(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	strbuf dir = STRBUF_INIT, full = STRBUF_INIT;
	sb_append(&dir, path, slash ? (size_t)(slash - path) + 1 : 0);
	DIR *d = opendir(dir.len ? sb_str(&dir) : ".");
	size_t n = strlen(base);
	time_t now = time(NULL);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (strlen(e->d_name) != n + 7 || strncmp(e->d_name, base, n) != 0 || e->d_name[n] != '.')
			continue;
		sb_reset(&full);
		sb_printf(&full, "%s%s", sb_str(&dir), e->d_name);
		struct stat st;
		if (lstat(sb_str(&full), &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > LEFTOVER_SECONDS)
			unlink(sb_str(&full));
	}
	if (d)
		closedir(d);
	sb_free(&dir);
	sb_free(&full);
}

int dataset_file_stage(const char *path, const dataset *ds, const char *key, char **staged, strbuf *err)
{
	*staged = NULL;
	remove_leftovers(path);
	if (strlen(key) >= DATASET_FILE_KEY_MAX) {
		sb_printf(err, "momentopname %s: sleutel te lang", path);
		return -1;
	}
	strbuf tmp = STRBUF_INIT;
	sb_printf(&tmp, "%s.XXXXXX", path);
	char *tmpname = xstrdup(sb_str(&tmp));
	sb_free(&tmp);
	int fd = mkstemp(tmpname); /* mode 0600 */
	if (fd < 0) {
		sb_printf(err, "momentopname %s kan niet worden geschreven: %s", path, strerror(errno));
		free(tmpname);
		return -1;
	}
	dsf_header *h = xcalloc(1, sizeof *h);
	memcpy(h->magic, DSF_MAGIC, sizeof h->magic);
	h->version = DSF_VERSION;
	h->layout = dsf_layout();
	memcpy(h->key, key, strlen(key));
	h->n_gemeenten = ds->n_gemeenten, h->n_swvs = ds->n_swvs, h->n_swv_gemeenten = ds->n_swv_gemeenten;
	h->n_schools = ds->n_schools, h->n_regios = ds->n_regios, h->n_vakanties = ds->n_vakanties;
	h->n_pupils = ds->n_pupils;
	for (int k = 0; k < F_COUNT; k++)
		h->n_fact[k] = ds->n_fact[k];
	h->school_cap = ds->school_index.cap, h->school_count = ds->school_index.count;

	writer w = {fd, sizeof *h, h, fchmod(fd, 0600) ? errno : 0};
	blob str = {0}, ident = {0};
	put_reference(&w, ds, &str);
	put_section(&w, S_GEMEENTE_BY_NUM, ds->gemeente_by_num, 10000 * sizeof(int32_t));
	put_section(&w, S_SWV_BY_NUM, ds->swv_by_num, 20000 * sizeof(int32_t));
	put_section(&w, S_SWV_GEMEENTEN, ds->swv_gemeenten, ds->n_swv_gemeenten * sizeof *ds->swv_gemeenten);
	put_section(&w, S_REGION_SWV_PO, ds->region_swv[0], ds->n_gemeenten * sizeof(int32_t));
	put_section(&w, S_REGION_SWV_VO, ds->region_swv[1], ds->n_gemeenten * sizeof(int32_t));
	put_section(&w, S_SCHOOL_KEYS, ds->school_index.keys, ds->school_index.cap * sizeof(uint64_t));
	put_section(&w, S_SCHOOL_VALS, ds->school_index.vals, ds->school_index.cap * sizeof(uint32_t));
	put_calendars(&w, ds);
	put_pupils(&w, ds, &str, &ident);
	for (int k = 0; k < F_COUNT; k++) {
		put_facts(&w, ds, k, &str);
		put_section(&w, (section_id)(S_OFFS + k), ds->off[k], (ds->n_pupils + 1) * sizeof(uint32_t));
	}
	put_section(&w, S_STRINGS, str.p ? str.p : "", str.len);
	put_section(&w, S_IDENTITY, ident.p ? ident.p : "", ident.len);
	free(str.p);
	free(ident.p);
	h->file_size = w.pos;
	h->hash = dsf_checksum(h, offsetof(dsf_header, hash));
	w.pos = 0;
	put_bytes(&w, h, sizeof *h);
	free(h);
	/* No fsync: the file is a cache of the registry, checked in full when
	 * read, so a file torn by a crash is only rebuilt; the rename of publish makes the
	 * switch atomic for readers. */
	if (close(fd) != 0 && !w.err)
		w.err = errno;
	if (w.err) {
		sb_printf(err, "momentopname %s kan niet worden geschreven: %s", path, strerror(w.err));
		unlink(tmpname);
		free(tmpname);
		return -1;
	}
	*staged = tmpname;
	return 0;
}

int dataset_file_publish(char *staged, const char *path, strbuf *err)
{
	int rc = rename(staged, path) == 0 ? 0 : -1;
	if (rc) {
		sb_printf(err, "momentopname %s kan niet worden geschreven: %s", path, strerror(errno));
		unlink(staged);
	}
	free(staged);
	return rc;
}

void dataset_file_discard(char *staged)
{
	if (staged)
		unlink(staged);
	free(staged);
}

int dataset_file_write(const char *path, const dataset *ds, const char *key, strbuf *err)
{
	char *staged;
	return dataset_file_stage(path, ds, key, &staged, err) || dataset_file_publish(staged, path, err) ? -1 : 0;
}

