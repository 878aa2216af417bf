package web

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestStatsPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("clerk")
		// One item today, through the online channel.
		b.post("/items/new", itemForm("enroll", f.person["new"].IDNumber, "8000", "submit"))
		p := b.get("/stats")
		if p.status != http.StatusOK || !p.has("#chart-bars svg rect") || !p.has("#chart-shares svg") {
			t.Fatalf("stats: %d %q", p.status, p.text("#form-error, #error-message"))
		}
		if got := p.doc.Find("#months tbody tr").Length(); got != 12 {
			t.Errorf("%d months shown, want the last 12", got)
		}
		if v, _ := p.doc.Find("#from").Attr("value"); v != "2025-08" {
			t.Errorf("default from = %q", v)
		}
		last := p.doc.Find("#months tbody tr").Last()
		if !strings.HasPrefix(strings.TrimSpace(last.Text()), "2026-07") {
			t.Errorf("last month row = %q", last.Text())
		}
		bad := map[string]string{
			"/stats?from=2016-07&to=2026-07": "#from-error",
			"/stats?from=2026-05&to=2026-03": "#to-error",
			"/stats?from=2026-13":            "#from-error",
			"/stats?to=abc":                  "#to-error",
		}
		for path, sel := range bad {
			p := b.get(path)
			if p.status != http.StatusBadRequest || p.text(sel) == "" || p.has("#months") {
				t.Errorf("%s: %d %q", path, p.status, p.text(sel))
			}
		}
		if msg := b.get("/stats?from=2016-07&to=2026-07").text("#from-error"); !strings.Contains(msg, "121") {
			t.Errorf("ten years: %q", msg)
		}
		// The export is an .xlsx file.
		resp, err := b.hc.Get(f.srv.URL + "/stats/export.xlsx?from=2026-01&to=2026-07")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "PK") ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), "2026-01-2026-07.xlsx") {
			t.Errorf("export: %d %q", resp.StatusCode, resp.Header)
		}
		// Operators may not see the statistics.
		op := f.browser()
		op.login("hr_a")
		if p := op.get("/stats"); p.status != http.StatusForbidden {
			t.Errorf("operator: %d", p.status)
		}
	})
}
