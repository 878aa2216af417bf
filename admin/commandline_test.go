package admin_test

import (
	"strings"
	"testing"

	"shebao"
	"shebao/admin"
	"shebao/auth"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// On an empty database the command line creates the first administrator,
// whose one-time password works once and must be changed; later a second
// one, and a lost one gets a new password.
func TestCreateAdminFromCommandLine(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		clock := demotest.NewClock(day)
		s := &admin.Service{Store: db, Clock: clock, Cost: 4}
		au := &auth.Service{Store: db, Clock: clock, Cost: 4}
		first, err := s.CreateAdminFromCommandLine(ctx, "chief", "Chief", false)
		if err != nil {
			t.Fatal(err)
		}
		acc, err := au.Login(ctx, "chief", first.Password, shebao.Online, "")
		if err != nil || acc.Role != shebao.RoleAdmin || !acc.MustChange {
			t.Fatalf("login with the printed password: %+v, %v", acc, err)
		}
		es := audited(t, db, "account.create")
		if len(es) != 1 || es[0].Terminal != "command line" || !strings.Contains(es[0].Detail, `"chief"`) {
			t.Fatalf("audit: %+v", es)
		}
		if _, err := s.CreateAdminFromCommandLine(ctx, "chief", "", false); shebao.AsError(err).Reason != admin.ReasonUsernameTaken {
			t.Fatalf("same username again: %v", err)
		}
		if _, err := s.CreateAdminFromCommandLine(ctx, "deputy", "", false); err != nil {
			t.Fatalf("a second administrator: %v", err)
		}
		again, err := s.CreateAdminFromCommandLine(ctx, "chief", "", true)
		if err != nil || again.Password == first.Password {
			t.Fatalf("reset: %v", err)
		}
		if _, err := au.Login(ctx, "chief", first.Password, shebao.Online, ""); err == nil {
			t.Fatal("the old password still works after the reset")
		}
		if _, err := au.Login(ctx, "chief", again.Password, shebao.Online, ""); err != nil {
			t.Fatalf("the new password: %v", err)
		}
		if _, err := s.CreateAdminFromCommandLine(ctx, "nobody", "", true); shebao.ErrorCode(err) != shebao.ENOTFOUND {
			t.Fatalf("reset of an unknown account: %v", err)
		}
	})
}
