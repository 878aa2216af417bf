package web

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestStreamDownload checks what a user's browser gets from a streamed
// download that fails: before its first byte, the error (for the error
// page) and no attachment header; after it, a cut connection
// (http.ErrAbortHandler), never a file that looks whole.
func TestStreamDownload(t *testing.T) {
	h := &handler{log: slog.New(slog.DiscardHandler)}
	r := httptest.NewRequest(http.MethodGet, "/bill/export", nil)
	boom := errors.New("boom")

	w := httptest.NewRecorder()
	err := h.streamDownload(w, r, ctypeCSV, func(start func(string) (io.Writer, error)) error {
		if _, err := start("a.csv"); err != nil {
			return err
		}
		return boom // refused before writing
	})
	if !errors.Is(err, boom) || w.Header().Get("Content-Disposition") != "" || w.Body.Len() != 0 {
		t.Errorf("early failure: err %v, headers %v, %d bytes", err, w.Header(), w.Body.Len())
	}

	w = httptest.NewRecorder()
	err = h.streamDownload(w, r, ctypeCSV, func(start func(string) (io.Writer, error)) error {
		out, _ := start("a.csv")
		_, err := io.WriteString(out, "a,b\n")
		return err
	})
	if err != nil || w.Body.String() != "a,b\n" || w.Header().Get("Content-Disposition") != `attachment; filename=a.csv` {
		t.Errorf("download: err %v, headers %v, body %q", err, w.Header(), w.Body.String())
	}

	w = httptest.NewRecorder()
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("late failure: recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	_ = h.streamDownload(w, r, ctypeCSV, func(start func(string) (io.Writer, error)) error {
		out, _ := start("a.csv")
		io.WriteString(out, "a,b\n")
		return boom
	})
	t.Error("a failure after the first byte returned")
}
