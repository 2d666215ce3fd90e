/*
 * route_tables.h - the whole site for the server: every route table of the
 * API and the pages, and the API's description (route_tables.c).
 */
#ifndef INBEELD_WEB_ROUTE_TABLES_H
#define INBEELD_WEB_ROUTE_TABLES_H

#include "../http/server.h"

/* Fill in cfg's routes and describe. */
void site_routes(server_config *cfg);

#endif
