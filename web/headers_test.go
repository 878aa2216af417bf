package web

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"shebao"
	"shebao/handling"
)

func TestSecurityHeadersAndAssets(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		p := b.login("hr_a")
		resp, err := b.hc.Get(f.srv.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("CSP = %q", csp)
		}
		if h.Get("X-Frame-Options") != "DENY" || h.Get("Cache-Control") != "no-store" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("headers: %v", h)
		}
		href, _ := p.doc.Find(`link[rel="stylesheet"]`).Attr("href")
		if !strings.HasPrefix(href, "/static/style.") || href == "/static/style.css" {
			t.Fatalf("stylesheet URL is not content-hashed: %q", href)
		}
		resp, err = b.hc.Get(f.srv.URL + href)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "text/css") ||
			!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.Contains(string(body), "@media print") {
			t.Errorf("stylesheet: %d %v", resp.StatusCode, resp.Header)
		}
		if resp, _ := b.hc.Get(f.srv.URL + "/static/style.css"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unhashed asset: %d", resp.StatusCode)
		}
	})
}

func TestItemsPaging(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		// One refused submission through the pages, the rest through the
		// service behind them (docs/PERFORMANCE.md, "CI time").
		b := f.browser()
		b.login("hr_a")
		b.submit("enroll", f.person["none"].IDNumber, "8000")
		op := demotestActor(t, f, "hr_a")
		for range pageSize + 2 {
			it, err := f.svc.Handling.Submit(t.Context(), op, handling.Request{Type: shebao.ItemEnroll,
				IDNumber: f.person["none"].IDNumber, Wage: 800000})
			if err != nil || it.Status != shebao.StatusRefused {
				t.Fatalf("submit: %v, status %q", err, it.Status)
			}
		}
		p := b.get("/items?status=refused")
		if n := p.doc.Find("#items tbody tr").Length(); n != pageSize {
			t.Errorf("page 1: %d rows", n)
		}
		next, ok := p.doc.Find(`a[rel="next"]`).Attr("href")
		if !ok || !strings.Contains(next, "status=refused") {
			t.Fatalf("next link %q", next)
		}
		p = b.get(next)
		if n := p.doc.Find("#items tbody tr").Length(); n != 3 || !p.has(`a[rel="prev"]`) || p.has(`a[rel="next"]`) {
			t.Errorf("page 2: %d rows", n)
		}
	})
}
