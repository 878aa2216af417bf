package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"shebao"
	"shebao/reqinfo"
)

// TestFreeTextRule: free text with control characters or invalid UTF-8
// gets a field error in the user's language (never a 500, on either
// database), and nothing of it is stored.
func TestFreeTextRule(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		anon := f.browser()
		for _, name := range []string{"hr_a\x00", "hr_a\x1b[31m", "hr\xff\xfe", "\u202eadmin"} {
			p := anon.post("/login", url.Values{"username": {name}, "password": {"wrong1234"}})
			if p.status != http.StatusBadRequest || !strings.Contains(p.doc.Text(), "控制字符") && !strings.Contains(p.doc.Text(), "UTF-8") {
				t.Errorf("login as %q: %d %q", name, p.status, p.text("main"))
			}
		}
		p := anon.get("/lang?to=en&next=/login")
		p = anon.post("/login", url.Values{"username": {"hr_a\a"}, "password": {"wrong1234"}})
		if !strings.Contains(p.doc.Text(), "control character (U+0007)") {
			t.Errorf("English field error: %q", p.text("main"))
		}

		officeStaff(t, f)
		b := f.browser()
		b.login("admin")
		b.get("/admin/units/new")
		code := creditCode(t, "9111010599999998")
		for field, bad := range map[string]string{"name": "新单位\x00", "address": "北京\u202e路", "contact": "李\x1b[31m四"} {
			form := url.Values{"credit_code": {code}, "name": {"新单位"}, "address": {"北京"}, "contact": {"李"}, "risk_class": {"3"}}
			form.Set(field, bad)
			if p := b.post("/admin/units/new", form); p.status != http.StatusBadRequest {
				t.Errorf("%s %q: status %d", field, bad, p.status)
			}
		}
		err := f.db.View(t.Context(), func(tx shebao.Tx) error {
			_, err := tx.UnitByCreditCode(t.Context(), code)
			return err
		})
		if shebao.ErrorCode(err) != shebao.ENOTFOUND {
			t.Errorf("a unit with control characters was stored: %v", err)
		}
		if p := b.get("/admin/units?q=" + url.QueryEscape("新\x00")); p.status != http.StatusBadRequest {
			t.Errorf("search with NUL: %d", p.status)
		}
		op := f.browser()
		op.login("hr_a")
		if p := op.get("/proofs/%ff%fe"); p.status != http.StatusBadRequest {
			t.Errorf("a proof code with invalid UTF-8: %d", p.status)
		}
	})
}

// TestPanicAnswersWithRequestID: a handler that panics gets a 500 answer
// with a request ID instead of an empty reply.
func TestPanicAnswersWithRequestID(t *testing.T) {
	var logged strings.Builder
	h := &handler{log: reqinfo.Logger(slog.New(slog.NewTextHandler(&logged, nil)))} // as web.New makes it
	srv := h.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	_, id, _ := strings.Cut(logged.String(), "request_id=")
	id, _, _ = strings.Cut(id, " ")
	if rec.Code != http.StatusInternalServerError || id == "" || !strings.Contains(rec.Body.String(), id) {
		t.Errorf("panic answered %d %q; logged %q", rec.Code, rec.Body.String(), logged.String())
	}
}

// TestBatchWithLongIDNumber: an ID number longer than 18 characters in a
// batch row is a malformed row, shown masked, for the operator and staff.
func TestBatchWithLongIDNumber(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		op := f.browser()
		op.login("hr_a")
		long := f.person["new"].IDNumber + "12345"
		shown := op.uploadBatch("enroll", batchWorkbook(t, []any{long, "张伟", "新参保", "8000"}, []any{"1\x1b2", "李\u202e娜", "新参保", "8000"}))
		if !strings.HasPrefix(shown.url.Path, "/batches/") || shown.status != http.StatusOK {
			t.Fatalf("upload: at %s (%d)", shown.url, shown.status)
		}
		if n := shown.doc.Find("#batch-rows tbody tr.row-bad").Length(); n != 2 {
			t.Errorf("%d problem rows, want 2", n)
		}
		if text := shown.text("#batch-rows tr.row-bad"); strings.Contains(text, long) || !strings.Contains(text, "********") {
			t.Errorf("problems show %q", text)
		}
		for _, who := range []*browser{op, f.browser()} {
			if who != op {
				officeStaff(t, f)
				who.login("clerk")
			}
			if p := who.get(shown.url.Path); p.status != http.StatusOK {
				t.Errorf("batch page answered %d", p.status)
			}
		}
	})
}
