package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestSmallThings: the small things of issue 10 a user would notice.
func TestSmallThings(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		// No item type chosen: the catalogue, not a message with empty quotes.
		for _, path := range []string{"/items/new", "/check-id"} {
			if p := b.get(path); p.url.Path != "/" || p.status != http.StatusOK {
				t.Errorf("%s: at %s (%d): %q", path, p.url, p.status, p.text("#error-message"))
			}
		}
		// A past year without a policy is not "not yet published".
		if p := b.get("/bill?period=2020-01"); !strings.Contains(p.text("#form-error"), "没有 2020 年度的缴费政策") {
			t.Errorf("bill of 2020-01: %q", p.text("#form-error"))
		}
		// The roster links to each person's contributions.
		if p := b.get("/roster"); !p.has(`#roster td.name a[href^="/persons/"][href$="/contributions"]`) {
			t.Error("the roster has no link to a person's contributions")
		}
		// The unit's name is labelled as a unit's, the person's as a person's.
		if p := b.get("/changes/unit"); p.text(`label[for="chg_name"]`) != "单位名称" {
			t.Errorf("unit change form: name labelled %q", p.text(`label[for="chg_name"]`))
		}
		// The favicon.
		resp, err := http.Get(f.srv.URL + "/favicon.ico")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" {
			t.Errorf("favicon: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	})
}
