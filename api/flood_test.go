package api_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/batch"
	"shebao/sheet"
	"shebao/sheet/sheettest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// batchUpload is a POST /api/v1/batches of an enrollment workbook.
func batchUpload(t *testing.T, token string, file []byte) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("kind", string(shebao.BatchEnroll))
	fw, _ := mw.CreateFormFile("file", "名单.xlsx")
	_, _ = fw.Write(file)
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/api/v1/batches", bytes.NewReader(body.Bytes()))
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Authorization", "Bearer "+token)
	return r
}

// TestUploadFloodHeld: 24 clients upload a maximal workbook at once while
// the server is busy reading. Only sheet.MaxAdmitted bodies are read and
// held (the heap grows by less than MaxAdmitted × 16 MB, where 24 bodies
// would be 240 MB), the others wait unread, and everyone gets an answer
// once the server is free. The pages' twin is web's. Not parallel: it
// measures the process's heap.
func TestUploadFloodHeld(t *testing.T) {
	ta := newTestAPI(t, sqldbtest.Open(t, sqldb.SQLite))
	ta.svc.Uploads = sheet.NewAdmission(0, time.Hour) // nobody is refused for waiting here
	token := ta.login("opa")
	const n = 24
	reqs := make([]*http.Request, n)
	file := append([]byte("PK\x03\x04"), make([]byte, batch.MaxUploadBytes-4)...)
	for i := range reqs {
		reqs[i] = batchUpload(t, token, file)
	}

	tpl, err := batch.Template(shebao.BatchEnroll)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	answers := make([]*httptest.ResponseRecorder, n)
	send := func(i int) {
		wg.Go(func() {
			answers[i] = httptest.NewRecorder()
			ta.h.ServeHTTP(answers[i], reqs[i])
		})
	}
	sheettest.Flood(t, ta.svc.Uploads, tpl, n, send)
	wg.Wait()
	for _, w := range answers {
		if w.Code != http.StatusBadRequest { // not a workbook
			t.Errorf("an upload answered %d: %s", w.Code, w.Body)
		}
	}
	if a, w := ta.svc.Uploads.Load(); a != 0 || w != 0 {
		t.Errorf("after the flood: %d admitted, %d waiting", a, w)
	}
}

// TestUploadBusy: an upload that waits past the admission's wait is
// answered 503 UPLOAD_BUSY with Retry-After and nothing is read; the
// pages' twin is web's.
func TestUploadBusy(t *testing.T) {
	t.Parallel()
	ta := newTestAPI(t, sqldbtest.Open(t, sqldb.SQLite))
	ta.svc.Uploads = sheet.NewAdmission(1, time.Millisecond)
	leave, err := ta.svc.Uploads.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer leave()
	token := ta.login("clerk")
	for _, r := range []*http.Request{batchUpload(t, token, []byte("PK\x03\x04")),
		httptest.NewRequest(http.MethodPost, "/api/v1/collection/results?period=2026-05", strings.NewReader("a,b\n"))} {
		if !strings.Contains(r.URL.Path, "batches") {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		w := httptest.NewRecorder()
		ta.h.ServeHTTP(w, r)
		checkResponse(t, r, w)
		e := wantError(t, w, http.StatusServiceUnavailable, sheet.ReasonBusy, "")
		if e.Error.Code != "unavailable" || w.Header().Get("Retry-After") != sheet.RetryAfter || !strings.Contains(e.Error.Message, "上传") {
			t.Errorf("%s: %+v, Retry-After %q", r.URL.Path, e, w.Header().Get("Retry-After"))
		}
	}
}

// TestAnonymousBodyBounded: a login body far above what a login needs is
// refused after reading 16 KB of it, with the limit in the message; the
// pages' twin is web's.
func TestAnonymousBodyBounded(t *testing.T) {
	t.Parallel()
	ta := newTestAPI(t, sqldbtest.Open(t, sqldb.SQLite))
	body := &sheettest.CountingReader{}
	r := httptest.NewRequest(http.MethodPost, "/api/v1/login",
		io.MultiReader(strings.NewReader(`{"username":"opa","password":"`), io.LimitReader(body, 1<<20)))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	ta.h.ServeHTTP(w, r)
	e := wantError(t, w, http.StatusBadRequest, "BODY_TOO_LARGE", "body")
	if !strings.Contains(e.Error.Message, "16384") {
		t.Errorf("message %q names no limit of 16 KB", e.Error.Message)
	}
	if body.N > 32<<10 {
		t.Errorf("read %d bytes of an anonymous body, want at most 16 KB and a buffer", body.N)
	}
}
