package web

import (
	"strings"
	"testing"
)

// TestIDCheckSaysOnlyWellFormed checks the ID step for a person who will be
// refused (no employment registration with the unit): the step says that
// the number is well-formed, and promises nothing about the item.
func TestIDCheckSaysOnlyWellFormed(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/check-id?type=enroll&id_number=" + f.person["none"].IDNumber)
		ok := p.text("#id-ok")
		if !strings.Contains(ok, "格式正确") || strings.Contains(ok, "可以继续办理") || strings.Contains(ok, "有效") {
			t.Errorf("ID step: %q", ok)
		}
		if intro := p.text("main p.muted"); strings.Contains(intro, "能否在这里办理") {
			t.Errorf("intro promises an answer: %q", intro)
		}
	})
}
