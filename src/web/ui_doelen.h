/*
 * ui_doelen.h - the Doelen page, its forms and its tile on the overview
 * (ui_doelen.c), and the annual report (ui_jaarverslag.c), with their route
 * tables.
 */
#ifndef INBEELD_UI_DOELEN_H
#define INBEELD_UI_DOELEN_H

#include "ui.h"

extern const route DOEL_PAGES[];
extern const size_t N_DOEL_PAGES;
extern const route JAARVERSLAG_PAGES[]; /* ui_jaarverslag.c */
extern const size_t N_JAARVERSLAG_PAGES;

void ui_doelen(req *r);
void ui_doel_create(req *r);
void ui_doel_template(req *r);
void ui_doel_change(req *r);
void ui_doel_withdraw(req *r);
void ui_jaarverslag(req *r);

/* On track (true), not (false), or not to be shown (null: small numbers). */
void ui_on_track_badge(strbuf *o, json_t *op_koers);
/* The overview's tiles: how many targets (GET /api/doelen) are on track. */
void ui_targets_tiles(strbuf *o, json_t *doelen);

#endif
