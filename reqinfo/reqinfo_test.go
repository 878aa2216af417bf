package reqinfo

import (
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"testing"
)

// TestHeaderKeyIsCanonical: the header is set by its canonical key, so that
// Header.Get finds it.
func TestHeaderKeyIsCanonical(t *testing.T) {
	if textproto.CanonicalMIMEHeaderKey(Header) != headerKey {
		t.Fatalf("headerKey %q is not the canonical form of %q", headerKey, Header)
	}
}

// TestMiddlewareIDs: every request gets its own ID of 12 base32 characters,
// in its context and in X-Request-ID; a client's ID is not taken.
func TestMiddlewareIDs(t *testing.T) {
	var seen []string
	h := Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r2, id := Ensure(r)
		if r2 != r || id != ID(r.Context()) {
			t.Error("Ensure inside Middleware made another ID")
		}
		SetHeader(w, "other")
		seen = append(seen, id)
	}))
	ids := map[string]bool{}
	for range 1000 {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set(Header, "CLIENTCHOSEN")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		id := seen[len(seen)-1]
		if got := w.Header().Get(Header); got != id || len(w.Header().Values(Header)) != 1 {
			t.Fatalf("X-Request-ID %q, context %q", w.Header().Values(Header), id)
		}
		if len(id) != 12 {
			t.Fatalf("ID %q: want 12 characters", id)
		}
		for _, c := range id {
			if !(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7') {
				t.Fatalf("ID %q: %q is not of base32's alphabet", id, c)
			}
		}
		if ids[id] {
			t.Fatalf("ID %q given twice", id)
		}
		ids[id] = true
	}
}
