# Security tests of issue 11 (docs/security.md): the kill test of the audit
# log - repeated SIGKILLs of the server under write load, then 0 changes
# without an audit entry (tests/security/audit_kill.mjs, about 20 s).

CHECK_STEPS += audit-kill-test

.PHONY: audit-kill-test
CHECK_NEEDS_audit-kill-test := build/inbeeld
audit-kill-test: $(CHECK_NEEDS_audit-kill-test)
	@INBEELD_BIN=build/inbeeld node tests/security/audit_kill.mjs 12
