package web

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"shebao"
)

// TestAdminUnlock: an account locked out by wrong passwords shows as
// locked on its unit's page; the administrator unlocks it without a new
// password, the owner logs in with their own, and the audit log says so.
func TestAdminUnlock(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		addAdmin(t, f)
		guesser := f.browser()
		for range 10 {
			guesser.post("/login", url.Values{"username": {"hr_a"}, "password": {"wrong-" + testPassword}})
		}
		if p := guesser.post("/login", url.Values{"username": {"hr_a"}, "password": {testPassword}}); p.url.Path == "/" {
			t.Fatal("not locked after 10 wrong passwords")
		}
		var hrA shebao.Account
		if err := f.db.View(t.Context(), func(tx shebao.Tx) error {
			var err error
			hrA, err = tx.AccountByUsername(t.Context(), "hr_a")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		id := strconv.FormatInt(hrA.ID, 10)
		b := f.browser()
		b.login("admin")
		unitPage := "/admin/units/" + strconv.FormatInt(f.unitA.ID, 10)
		if p := b.get(unitPage); !p.has("#locked-"+id) || !p.has("#unlock-"+id) {
			t.Fatalf("the unit's page does not show hr_a locked: %q", p.text("#accounts"))
		}
		p := b.post("/admin/accounts/"+id+"/unlock", url.Values{})
		if p.url.Path != unitPage || p.has("#locked-"+id) {
			t.Errorf("after unlocking: at %s, locked shown %v", p.url, p.has("#locked-"+id))
		}
		f.browser().login("hr_a") // with the old password: no reset needed
		if p := b.get("/admin/audit?username=admin"); !strings.Contains(p.text("#audit"), "解除账号锁定") {
			t.Errorf("the audit log does not show the unlock: %q", p.text("#audit"))
		}
	})
}
