/*
 * ui_settings.h - the page Mijn instellingen (ui_settings.c): the user's own
 * settings, today the daily digest by e-mail (issue 14), with its route
 * table.
 */
#ifndef INBEELD_UI_SETTINGS_H
#define INBEELD_UI_SETTINGS_H

#include "ui.h"

extern const route SETTINGS_PAGES[];
extern const size_t N_SETTINGS_PAGES;

#endif
