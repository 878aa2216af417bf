package rules

import (
	"errors"
	"testing"

	"shebao"
)

// testToday is the fixed "today" of the tests.
const testToday = shebao.Date(20260708)

// wantInvalid fails t unless err is a *shebao.Error with code EINVALID and
// the given field and reason.
func wantInvalid(t testing.TB, err error, field, reason string) *shebao.Error {
	t.Helper()
	var e *shebao.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want *shebao.Error %s/%s", err, field, reason)
	}
	if e.Code != shebao.EINVALID || e.Field != field || e.Reason != reason {
		t.Fatalf("error = %v, want %s %s (field %s)", e, shebao.EINVALID, reason, field)
	}
	return e
}

// makeID completes 17 digits into a valid ID number.
func makeID(t testing.TB, first17 string) string {
	t.Helper()
	c := IDCheckChar(first17)
	if c == 0 {
		t.Fatalf("IDCheckChar(%q) = 0", first17)
	}
	return first17 + string(c)
}
