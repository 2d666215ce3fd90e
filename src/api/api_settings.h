/*
 * api_settings.h - the user's own settings over the API (issue 14): whether
 * they get the daily digest by e-mail, and at which address. Its own route
 * table (route_tables.c), read by the page Mijn instellingen
 * (src/web/ui_settings.c).
 */
#ifndef INBEELD_API_SETTINGS_H
#define INBEELD_API_SETTINGS_H

#include "../http/routes.h"

extern const route SETTINGS_ROUTES[];
extern const size_t N_SETTINGS_ROUTES;

#endif
