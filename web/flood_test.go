package web

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

// TestUploadFloodHeld: 24 operators upload a maximal workbook at once
// while the server is busy reading. Only sheet.MaxAdmitted bodies are read
// and held (the heap grows by less than MaxAdmitted × 16 MB, where 24
// bodies would be 240 MB), the others wait unread, and everyone gets an
// answer once the server is free. Not parallel: it measures the process's
// heap.
func TestUploadFloodHeld(t *testing.T) {
	f := newFixture(t, sqldbtest.Open(t, sqldb.SQLite))
	f.svc.Uploads = sheet.NewAdmission(0, time.Hour) // nobody is refused for waiting here
	op := f.browser()
	op.login("hr_a")
	op.get("/batches")

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", op.csrf)
	_ = mw.WriteField("kind", string(shebao.BatchEnroll))
	fw, _ := mw.CreateFormFile("file", "名单.xlsx")
	_, _ = fw.Write(append([]byte("PK\x03\x04"), make([]byte, batch.MaxUploadBytes-4)...))
	_ = mw.Close()
	data, ctype := body.Bytes(), mw.FormDataContentType()

	tpl, err := batch.Template(shebao.BatchEnroll)
	if err != nil {
		t.Fatal(err)
	}
	const n = 24
	var wg sync.WaitGroup
	statuses := make([]int, n)
	send := func(i int) {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, f.srv.URL+"/batches", bytes.NewReader(data))
		req.Header.Set("Content-Type", ctype)
		wg.Go(func() {
			resp, err := op.hc.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	sheettest.Flood(t, f.svc.Uploads, tpl, n, send)
	wg.Wait()
	for _, s := range statuses {
		if s != http.StatusUnprocessableEntity { // not a workbook: refused beside the file field
			t.Errorf("an upload answered %d", s)
		}
	}
	if a, w := f.svc.Uploads.Load(); a != 0 || w != 0 {
		t.Errorf("after the flood: %d admitted, %d waiting", a, w)
	}
}

// TestUploadBusy: an upload that waits past the admission's wait is
// answered 503 with the page's message and Retry-After, and nothing is
// read; the API's twin is api's.
func TestUploadBusy(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqldbtest.Open(t, sqldb.SQLite))
	f.svc.Uploads = sheet.NewAdmission(1, time.Millisecond)
	leave, err := f.svc.Uploads.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer leave()
	op := f.browser()
	op.login("hr_a")
	op.get("/batches")
	p := op.uploadBatch(string(shebao.BatchEnroll), []byte("PK\x03\x04"))
	if p.status != http.StatusServiceUnavailable || !strings.Contains(p.doc.Text(), "系统正在处理其他上传的文件") {
		t.Errorf("a busy upload: %d %q", p.status, p.text("main"))
	}
}

// TestAnonymousBodyBounded: a login form, or any public page's, far above
// what a login needs is refused after reading 16 KB of it; the API's twin
// is api's.
func TestAnonymousBodyBounded(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqldbtest.Open(t, sqldb.SQLite))
	for _, path := range []string{"/login", "/no-such-page"} {
		body := &sheettest.CountingReader{}
		r := httptest.NewRequest(http.MethodPost, path,
			io.MultiReader(strings.NewReader("username=hr_a&password="), io.LimitReader(body, 1<<20)))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		f.srv.Config.Handler.ServeHTTP(w, r)
		if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "提交的内容过大") {
			t.Errorf("POST %s of 1 MB: %d", path, w.Code)
		}
		if body.N > 32<<10 {
			t.Errorf("POST %s: read %d bytes of an anonymous body, want at most 16 KB and a buffer", path, body.N)
		}
	}
}

// TestResultFileAsLargeAsTheAPIs: the pages take a result file up to the
// same 10 MB as the API (a district's month is about 2 MB of CSV); the
// body limit is the upload's, not the forms' 1 MB.
func TestResultFileAsLargeAsTheAPIs(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqldbtest.Open(t, sqldb.SQLite))
	clerk := f.browser()
	clerk.login("clerk")
	clerk.get("/collection")
	data := bytes.Repeat([]byte("x,y\n"), 3<<20/4)
	p := uploadResult(t, clerk, "2026-06", data, "check")
	if p.status == http.StatusRequestEntityTooLarge || strings.Contains(p.doc.Text(), "提交的内容过大") {
		t.Errorf("a 3 MB result file: %d %q", p.status, p.text("main"))
	}
}
