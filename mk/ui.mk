# The web interface (issue 5): server-rendered pages in src/web/ui_*.c,
# their assets from npm (NL Design System, htmx, uPlot) copied into build/web
# (served by inbeeld itself, default: web/ next to the binary), and the tests:
# HTML escaping (cmocka, under ASan) and the browser tests (playwright-core
# driving Debian's chromium, tests/browser).

LIBS += -lxlsxwriter

# WEB_OUT and NPM_STAMP are defined in the Makefile (the steps of make check use them).
WEB_OWN    := $(wildcard web/*)

BINS        += $(WEB_OUT)/.stamp
CHECK_STEPS += ui-unit browser-tests browser-tests-faketime

$(NPM_STAMP): package.json package-lock.json
	@echo "  NPM     ci"
	@npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

# Only what the pages load, from the installed packages and web/.
$(WEB_OUT)/.stamp: $(NPM_STAMP) $(WEB_OWN)
	@echo "  WEB     $(WEB_OUT)"
	@rm -rf $(WEB_OUT) && mkdir -p $(WEB_OUT)/utrecht $(WEB_OUT)/htmx $(WEB_OUT)/uplot
	@cp node_modules/@utrecht/design-tokens/dist/theme.css $(WEB_OUT)/utrecht/theme.css
	@cp node_modules/@utrecht/component-library-css/dist/index.css $(WEB_OUT)/utrecht/components.css
	@cp node_modules/htmx.org/dist/htmx.min.js $(WEB_OUT)/htmx/htmx.min.js
	@cp node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css $(WEB_OUT)/uplot/
	@cp $(WEB_OWN) $(WEB_OUT)/
	@touch $@

build/asan/tests/ui/test_html: build/asan/obj/tests/ui/test_html.o build/asan/obj/src/web/html.o \
		build/asan/obj/src/util/strbuf.o build/asan/obj/src/util/alloc.o
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(SANITIZE) $^ -o $@ -lcmocka

.PHONY: ui-unit browser-tests browser-tests-faketime chromium
CHECK_NEEDS_ui-unit := build/asan/tests/ui/test_html
ui-unit: $(CHECK_NEEDS_ui-unit)
	@echo "== test_html (ASan+UBSan)"
	@./build/asan/tests/ui/test_html

# Debian's chromium, installed when missing (as root), else a hint.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then echo "ui: chromium installeren"; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null || \
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }; \
		else echo "ui: chromium ontbreekt: sudo apt-get install chromium" >&2; exit 1; fi; fi

# Some files generate regions (build/inbeeld-gen).
BROWSER_TEST_NEEDS := $(NPM_STAMP) $(WEB_OUT)/.stamp chromium build/asan/inbeeld build/inbeeld-gen
CHECK_NEEDS_browser-tests := $(BROWSER_TEST_NEEDS)
browser-tests: $(CHECK_NEEDS_browser-tests)
	@$(with_templates) INBEELD_BIN=build/asan/inbeeld node --test --test-concurrency=$(TEST_JOBS) tests/browser/

# Again with the wall clock moved (FAKETIME_RUN, Makefile: the release
# binary, as the server suite's run under that clock); chromium itself
# keeps the real clock (tests/browser/browser.mjs). Only the pages that show
# business dates (deadlines, the day's signals, targets): the server suite
# already runs whole under the moved clock, and the other pages' dates come
# from the same functions. A new page with deadlines adds its file here.
BROWSER_FAKETIME_TESTS := cases signals doelen
# Its screenshots and downloads in a folder of its own: make check runs it
# beside browser-tests.
CHECK_NEEDS_browser-tests-faketime := $(BROWSER_TEST_NEEDS) build/inbeeld
browser-tests-faketime: $(CHECK_NEEDS_browser-tests-faketime)
	@$(with_templates) INBEELD_TEST_OUTPUT=build/test-output/faketime $(FAKETIME_RUN) node --test --test-concurrency=$(TEST_JOBS) \
		$(patsubst %,tests/browser/%.test.mjs,$(BROWSER_FAKETIME_TESTS))
