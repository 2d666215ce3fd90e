# The server's sandbox (issue 11, src/http/sandbox.h): seccomp through
# libseccomp (Debian libseccomp-dev, scripts/deps.sh), Landlock through the
# kernel's system calls. The ASan build is the test build: it alone has the
# probe GET /_test/sandbox (src/http/sandbox_probe.c), which the sandbox
# test (tests/server/sandbox.test.mjs, part of server-tests) asks; the
# release binary never has it.

LIBS     += -lseccomp
SANITIZE += -DINBEELD_TEST_BUILD
