/*
 * ui_pages.c - the one way a long list is paged (issue 14): pages of
 * UI_PAGE_SIZE rows chosen with ?pagina=N, the range shown as
 * "1–50 van 1.234", and the links to the other pages, which keep every other
 * query parameter of the page (its filters) as the route declares them.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"

ui_page ui_page_at(size_t total, size_t asked)
{
	ui_page p = {.total = total, .pages = total ? (total + UI_PAGE_SIZE - 1) / UI_PAGE_SIZE : 1};
	p.page = asked < 1 ? 1 : asked > p.pages ? p.pages : asked;
	p.from = (p.page - 1) * UI_PAGE_SIZE;
	p.to = p.from + UI_PAGE_SIZE < total ? p.from + UI_PAGE_SIZE : total;
	return p;
}

ui_page ui_page_of(req *r, size_t total)
{
	const char *v = query(r, "pagina"); /* the route declares it a number */
	return ui_page_at(total, v ? (size_t)strtoull(v, NULL, 10) : 1);
}

void ui_page_range(strbuf *o, const ui_page *p)
{
	if (!p->total)
		return;
	ui_int(o, (int64_t)p->from + 1);
	html_lit(o, "–");
	ui_int(o, (int64_t)p->to);
	html_lit(o, " van ");
	ui_int(o, (int64_t)p->total);
}

void ui_page_url(req *r, strbuf *url, size_t page)
{
	sb_puts(url, r->path);
	char sep = '?';
	const route *rt = r->rt;
	for (size_t i = 0; rt && i < MAX_PARAMS && rt->query[i].name; i++) {
		const char *name = rt->query[i].name;
		/* "gedaan" says what a form just did: not again on the next page. */
		if (strcmp(name, "pagina") == 0 || strcmp(name, "gedaan") == 0)
			continue;
		const char *v = query(r, name);
		if (!v)
			continue;
		sb_putc(url, sep);
		sep = '&';
		html_url_arg(url, name);
		sb_putc(url, '=');
		html_url_arg(url, v);
	}
	if (page > 1)
		sb_printf(url, "%cpagina=%zu", sep, page);
}

static void page_link(req *r, strbuf *o, size_t page, const char *hx_target, const char *rel)
{
	strbuf url = STRBUF_INIT;
	ui_page_url(r, &url, page);
	html_lit(o, "<a class=\"utrecht-link\" href=\"");
	html_attr(o, sb_str(&url));
	html_lit(o, "\"");
	if (hx_target) {
		html_lit(o, " hx-get=\"");
		html_attr(o, sb_str(&url));
		html_lit(o, "\" hx-target=\"");
		html_attr(o, hx_target);
		html_lit(o, "\" hx-swap=\"outerHTML\" hx-push-url=\"true\"");
	}
	if (rel) {
		html_lit(o, " rel=\"");
		html_attr(o, rel);
		html_lit(o, "\"");
	}
	html_lit(o, ">");
	sb_free(&url);
}

void ui_page_nav(req *r, strbuf *o, const ui_page *p, const char *hx_target)
{
	/* A page shown again after a refused form (a POST) has no address of
	 * its own to page through: it shows its first page, without links. */
	if (p->pages < 2 || strcmp(r->method, "GET") != 0)
		return;
	html_lit(o, "<nav class=\"utrecht-pagination ib-pages\" aria-label=\"Pagina's\"><p class=\"ib-pages__range\">");
	ui_page_range(o, p);
	html_lit(o, "</p><ul class=\"ib-pages__list\">");
	if (p->page > 1) {
		html_lit(o, "<li>");
		page_link(r, o, p->page - 1, hx_target, "prev");
		html_lit(o, "Vorige</a></li>");
	}
	for (size_t n = 1; n <= p->pages; n++) {
		if (n != 1 && n != p->pages && (n + 2 < p->page || n > p->page + 2)) {
			if (n + 3 == p->page || n == p->page + 3)
				html_lit(o, "<li class=\"ib-pages__gap\">…</li>");
			continue;
		}
		html_lit(o, "<li>");
		if (n == p->page) {
			html_markupf(o, "<span class=\"ib-pages__current\" aria-current=\"page\">%zu</span>", n);
		} else {
			page_link(r, o, n, hx_target, NULL);
			html_markupf(o, "<span class=\"ib-visually-hidden\">pagina </span>%zu</a>", n);
		}
		html_lit(o, "</li>");
	}
	if (p->page < p->pages) {
		html_lit(o, "<li>");
		page_link(r, o, p->page + 1, hx_target, "next");
		html_lit(o, "Volgende</a></li>");
	}
	html_lit(o, "</ul></nav>");
}

void ui_list_exports(req *r, strbuf *o, const char *path)
{
	strbuf url = STRBUF_INIT;
	ui_page_url(r, &url, 1);
	const char *args = strchr(sb_str(&url), '?');
	ui_export_links_for(o, path, args ? args : "", "Excel-bestand", true);
	sb_free(&url);
}
