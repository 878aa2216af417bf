package web

import (
	"io"
	"mime"
	"net/http"
	"time"
)

// Content types of downloads.
const (
	ctypeCSV  = "text/csv; charset=utf-8"
	ctypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// downloadIdle is how long a streamed download may go without a write
// before the server gives up on the client; it replaces the server's
// WriteTimeout, which bounds a whole response, for downloads whose length
// grows with the rows.
const downloadIdle = 2 * time.Minute

// streamDownload sends a file that write streams (docs/PERFORMANCE.md,
// "Exports"). write checks everything that can refuse the file, then
// calls start with the file's name and writes to the writer start returns:
// the headers go with the first bytes. An error before the first byte is
// returned, for the error page. After it the status is sent: the error is logged and
// the connection cut (http.ErrAbortHandler), so that the browser reports a
// failed download instead of saving half a file as a whole one.
func (h *handler) streamDownload(w http.ResponseWriter, r *http.Request, ctype string,
	write func(start func(name string) (io.Writer, error)) error) error {
	rc := http.NewResponseController(w)
	var out *deadlineWriter
	err := write(func(name string) (io.Writer, error) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		out = &deadlineWriter{w: w, rc: rc}
		return out, nil
	})
	if err == nil {
		return nil
	}
	if out == nil || !out.wrote {
		w.Header().Del("Content-Disposition")
		w.Header().Del("Content-Type")
		return err
	}
	h.log.ErrorContext(r.Context(), "download cut short", "path", r.URL.Path, "err", err)
	panic(http.ErrAbortHandler)
}

// deadlineWriter moves the connection's write deadline downloadIdle past
// each write.
type deadlineWriter struct {
	w     io.Writer
	rc    *http.ResponseController
	wrote bool
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	d.wrote = true
	_ = d.rc.SetWriteDeadline(time.Now().Add(downloadIdle)) // not every writer supports it (tests)
	return d.w.Write(p)
}

// startOnWrite calls start at its first write, for a writer that refuses
// before its first byte or not at all.
type startOnWrite struct {
	start func() (io.Writer, error)
	w     io.Writer
}

func (s *startOnWrite) Write(p []byte) (int, error) {
	if s.w == nil {
		w, err := s.start()
		if err != nil {
			return 0, err
		}
		s.w = w
	}
	return s.w.Write(p)
}
