package web

import (
	"strings"
	"testing"
)

func TestStop(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/items/new?type=stop")
		if n := p.doc.Find("#stop_reason option").Length(); n != 6 {
			t.Errorf("%d stop reason options, want 5 and a prompt", n)
		}
		form := itemForm("stop", f.person["insured"].IDNumber, "resignation", "preview")
		p = b.post("/items/new", form)
		if got := p.text("#pv-last"); got != "2026-06" {
			t.Errorf("last month = %q, want 2026-06", got)
		}
		if got := p.text("#pv-person"); got != "刘洋" {
			t.Errorf("person = %q", got)
		}
		form.Set("action", "submit")
		p = b.post("/items/new", form)
		itemIDOf(t, p)
		if got := p.text("#decision"); !strings.Contains(got, "2026-06") {
			t.Errorf("decision = %q", got)
		}
		if p := b.get("/roster"); p.has("#roster") {
			t.Error("the stopped person is still on the roster")
		}
		// Stopping again is refused: nothing left to stop.
		form.Set("action", "preview")
		p = b.post("/items/new", form)
		if got := p.text("#refusal"); !strings.Contains(got, "不在本单位参保") {
			t.Errorf("second stop: %q", got)
		}
	})
}
