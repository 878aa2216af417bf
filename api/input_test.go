package api

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"shebao/services"
)

// TestPanicAnswersJSONWithRequestID: a handler that panics gets a 500 JSON
// error quoting the request ID of the log and of X-Request-ID.
func TestPanicAnswersJSONWithRequestID(t *testing.T) {
	var logged strings.Builder
	s := &server{svc: &services.Set{Log: slog.New(slog.NewTextHandler(&logged, nil))}}
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/x", nil))
	id := rec.Header().Get("X-Request-ID")
	if rec.Code != http.StatusInternalServerError || id == "" || !strings.Contains(rec.Body.String(), id) ||
		!strings.Contains(logged.String(), "request_id="+id) || !strings.Contains(rec.Body.String(), `"reason":"INTERNAL"`) {
		t.Errorf("panic answered %d %s; logged %q", rec.Code, rec.Body.String(), logged.String())
	}
}
