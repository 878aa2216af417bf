package app_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"shebao/app"
)

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

// The operator's instruments: /healthz and /readyz answer without login,
// /readyz says 503 when the schema is behind the binary, /metrics counts
// requests by route and status; pprof is only on the metrics handler; and
// the ID a request answers with is on its error page and on its log lines.
func TestInstruments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shebao.db")
	var logged bytes.Buffer
	a, err := app.Open(t.Context(), app.Config{DB: "sqlite:" + path, Clock: today,
		Log: slog.New(slog.NewJSONHandler(&logged, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	if rec := get(t, a.Handler, "/healthz"); rec.Code != http.StatusOK {
		t.Errorf("/healthz: %d", rec.Code)
	}
	if rec := get(t, a.Handler, "/readyz"); rec.Code != http.StatusOK {
		t.Errorf("/readyz on a current schema: %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, a.Handler, "/debug/pprof/"); rec.Code == http.StatusOK {
		t.Errorf("pprof is on the main listener")
	}
	if rec := get(t, a.MetricsHandler(), "/debug/pprof/"); rec.Code != http.StatusOK {
		t.Errorf("pprof on the metrics listener: %d", rec.Code)
	}

	missing := get(t, a.Handler, "/no-such-page")
	id := missing.Header().Get("X-Request-ID")
	if missing.Code != http.StatusNotFound || id == "" || !strings.Contains(missing.Body.String(), id) {
		t.Errorf("error page %d does not show its request ID %q", missing.Code, id)
	}

	metrics := get(t, a.Handler, "/metrics").Body.String()
	for _, want := range []string{
		`shebao_http_request_duration_seconds_count{route="GET /healthz",status="200"} 1`,
		`shebao_review_queue_depth 0`,
		`shebao_db_tx_retries_total 0`,
		`shebao_uploads_admitted 0`,
		`shebao_uploads_waiting 0`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// The binary is newer than the schema (a rolled-back migration).
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`DELETE FROM goose_db_version WHERE version_id = (SELECT MAX(version_id) FROM goose_db_version)`); err != nil {
		t.Fatal(err)
	}
	logged.Reset()
	rec := get(t, a.Handler, "/readyz")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz on an old schema: %d", rec.Code)
	}
	var line struct {
		Msg       string `json:"msg"`
		RequestID string `json:"request_id"`
	}
	dec := json.NewDecoder(&logged)
	for dec.Decode(&line) == nil && line.Msg != "not ready" {
	}
	if line.Msg != "not ready" || line.RequestID != rec.Header().Get("X-Request-ID") {
		t.Errorf("log line %+v does not carry the request ID %q", line, rec.Header().Get("X-Request-ID"))
	}
}

// With -metrics-addr, /metrics is on the metrics listener only.
func TestSeparateMetrics(t *testing.T) {
	a, err := app.Open(t.Context(), app.Config{DB: "sqlite:" + filepath.Join(t.TempDir(), "s.db"), Clock: today,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), SeparateMetrics: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if rec := get(t, a.Handler, "/metrics"); strings.Contains(rec.Body.String(), "shebao_http_request_duration_seconds") {
		t.Errorf("/metrics on the main listener with a separate one")
	}
	if rec := get(t, a.MetricsHandler(), "/metrics"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "go_goroutines") {
		t.Errorf("/metrics on the metrics listener: %d", rec.Code)
	}
}
