package admin_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"shebao"
	"shebao/admin"
	"shebao/auth"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

var day = shebao.NewDate(2026, 7, 8)

func setup(t *testing.T, db *sqldb.DB) (*admin.Service, *auth.Service, shebao.Actor, demo.Guide) {
	t.Helper()
	clock := demotest.NewClock(day)
	g := demotest.District(t, db, clock)
	return &admin.Service{Store: db, Clock: clock, Cost: 4}, &auth.Service{Store: db, Clock: clock, Cost: 4},
		demotest.Actor(t, db, "admin"), g
}

// audited returns the audit entries whose action starts with prefix.
func audited(t *testing.T, db *sqldb.DB, prefix string) []shebao.AuditEntry {
	t.Helper()
	var es []shebao.AuditEntry
	err := db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		es, _, err = sqldbtest.AuditLog(context.Background(), tx, shebao.AuditFilter{Action: prefix})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestOneTimePassword(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 500; i++ {
		pw := admin.OneTimePassword()
		if err := auth.CheckPassword(pw, "opa"); err != nil || len(pw) != 12 || strings.ContainsAny(pw, "0O1lI") {
			t.Fatalf("password %q: %v", pw, err)
		}
		if seen[pw] {
			t.Fatalf("password %q issued twice", pw)
		}
		seen[pw] = true
	}
}

func TestUnits(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, a, g := setup(t, db)
		ctx := context.Background()
		in := admin.UnitInput{CreditCode: " 91350100m000100y43 ", Name: "新建示范有限公司", Address: "北京市朝阳区一路 1 号",
			Contact: "李经理", RiskClass: 3}
		u, err := s.CreateUnit(ctx, a, in)
		if err != nil || u.ID == 0 || u.CreditCode != "91350100M000100Y43" || u.Status != shebao.UnitActive {
			t.Fatalf("create: %+v %v", u, err)
		}
		bad := []struct {
			change func(*admin.UnitInput)
			field  string
			reason string
		}{
			{func(i *admin.UnitInput) { i.CreditCode = "91350100M000100Y44" }, "credit_code", shebao.ReasonCreditCheck},
			{func(i *admin.UnitInput) { i.CreditCode = g.UnitACode }, "credit_code", admin.ReasonCreditTaken},
			{func(i *admin.UnitInput) { i.CreditCode = "" }, "credit_code", shebao.ReasonCreditLength},
			{func(i *admin.UnitInput) { i.Name = " " }, "name", shebao.ReasonRequired},
			{func(i *admin.UnitInput) { i.Address = strings.Repeat("路", 201) }, "address", shebao.ReasonTooLong},
			{func(i *admin.UnitInput) { i.RiskClass = 0 }, "risk_class", shebao.ReasonOutOfRange},
			{func(i *admin.UnitInput) { i.RiskClass = 9 }, "risk_class", shebao.ReasonOutOfRange},
		}
		for _, b := range bad {
			x := in
			x.CreditCode = "91110000600037341L" // another valid code
			b.change(&x)
			_, err := s.CreateUnit(ctx, a, x)
			if e := shebao.AsError(err); e.Code != shebao.EINVALID || e.Field != b.field || e.Reason != b.reason {
				t.Errorf("%+v: %v, want %s on %s", x, err, b.reason, b.field)
			}
		}
		// Every field at fault is reported, in the form's order.
		x := in
		x.CreditCode, x.Contact, x.RiskClass = "91350100M000100Y44", "", 9
		_, err = s.CreateUnit(ctx, a, x)
		var fe shebao.FieldErrors
		if !errors.As(err, &fe) {
			t.Fatalf("several bad fields: %v, want shebao.FieldErrors", err)
		}
		var got []string
		for _, e := range fe {
			got = append(got, e.Field+" "+e.Reason)
		}
		want := []string{"credit_code " + shebao.ReasonCreditCheck, "contact " + shebao.ReasonRequired,
			"risk_class " + shebao.ReasonOutOfRange}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("field errors (-want +got):\n%s", diff)
		}
		if e := shebao.AsError(err); e.Code != shebao.EINVALID || e.Field != "credit_code" {
			t.Errorf("first error %v, want credit_code", e)
		}
		if u, err = s.SetUnitStatus(ctx, a, u.ID, shebao.UnitSuspended); err != nil || u.Status != shebao.UnitSuspended {
			t.Fatalf("suspend: %+v %v", u, err)
		}
		if u, err = s.SetUnitStatus(ctx, a, u.ID, shebao.UnitActive); err != nil || u.Status != shebao.UnitActive {
			t.Fatalf("activate: %+v %v", u, err)
		}
		_, err = s.SetUnitStatus(ctx, a, u.ID, "closed")
		demotest.WantError(t, err, shebao.EINVALID, shebao.ReasonOutOfRange)
		var actions []string
		for _, e := range audited(t, db, "unit.") {
			if e.UnitID != u.ID || e.AccountID != a.AccountID {
				t.Errorf("audit entry %+v", e)
			}
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, " ") != "unit.activate unit.suspend unit.create" {
			t.Errorf("audited %v", actions)
		}
		// A real Xiamen code issued before 2016 fails the GB 32100 check
		// character: refused, unless the administrator checked the licence;
		// a code with another fault is refused even then.
		xiamen := in
		xiamen.CreditCode, xiamen.Name = "91350203M0001QKT19", "厦门某有限公司"
		_, err = s.CreateUnit(ctx, a, xiamen)
		demotest.WantError(t, err, shebao.EINVALID, shebao.ReasonCreditCheck)
		xiamen.LicenceChecked = true
		if x, err := s.CreateUnit(ctx, a, xiamen); err != nil || x.CreditCode != "91350203M0001QKT19" {
			t.Fatalf("licence-checked anomaly: %+v %v", x, err)
		}
		wrongLength := xiamen
		wrongLength.CreditCode = "91350203M0001QKT1"
		_, err = s.CreateUnit(ctx, a, wrongLength)
		demotest.WantError(t, err, shebao.EINVALID, shebao.ReasonCreditLength)
	})
}

func TestPasswordReset(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, au, a, g := setup(t, db)
		ctx := context.Background()
		op := demotest.Actor(t, db, g.OperatorA)
		// The operator has locked the account by guessing.
		for i := 0; i < 5; i++ {
			au.Login(ctx, g.OperatorA, "wrong-guess-1", shebao.Online, "")
		}
		if _, err := au.Login(ctx, g.OperatorA, demo.Password, shebao.Online, ""); shebao.AsError(err).Reason != shebao.ReasonLoginFailed {
			t.Fatalf("not locked: %v", err)
		}
		issued, err := s.ResetPassword(ctx, a, op.AccountID)
		if err != nil || !issued.Account.MustChange {
			t.Fatalf("reset: %+v %v", issued.Account, err)
		}
		if _, err := au.Login(ctx, g.OperatorA, demo.Password, shebao.Online, ""); err == nil {
			t.Error("the old password still works")
		}
		acc, err := au.Login(ctx, g.OperatorA, issued.Password, shebao.Online, "")
		if err != nil || !acc.MustChange {
			t.Fatalf("login with the one-time password: %+v %v", acc, err)
		}
		if _, err := au.ChangePassword(ctx, op, issued.Password, "Neues2026pw", "Neues2026pw"); err != nil {
			t.Fatal(err)
		}
		if acc, err = au.Login(ctx, g.OperatorA, "Neues2026pw", shebao.Online, ""); err != nil || acc.MustChange {
			t.Errorf("after the change: %+v %v", acc, err)
		}
		es := audited(t, db, "account.reset_password")
		if len(es) != 1 || es[0].UnitID != op.UnitID || !strings.Contains(es[0].Detail, g.OperatorA) || strings.Contains(es[0].Detail, issued.Password) {
			t.Errorf("audit: %+v", es)
		}
		_, err = s.ResetPassword(ctx, a, a.AccountID)
		demotest.WantError(t, err, shebao.EINVALID, admin.ReasonSelf)
		_, err = s.ResetPassword(ctx, a, 424242)
		demotest.WantError(t, err, shebao.ENOTFOUND, "")
	})
}

func TestAccounts(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, au, a, g := setup(t, db)
		ctx := context.Background()
		unitA := demotest.Actor(t, db, g.OperatorA).UnitID
		op, err := s.CreateOperator(ctx, a, unitA, "hr.zhang", "张三")
		if err != nil || op.Account.UnitID != unitA || op.Account.Role != shebao.RoleOperator || !op.Account.MustChange {
			t.Fatalf("operator: %+v %v", op.Account, err)
		}
		if acc, err := au.Login(ctx, "HR.ZHANG", op.Password, shebao.Online, ""); err != nil || !acc.MustChange {
			t.Fatalf("first login: %+v %v", acc, err)
		}
		_, err = s.CreateOperator(ctx, a, unitA, "Hr.Zhang", "")
		demotest.WantError(t, err, shebao.EINVALID, admin.ReasonUsernameTaken)
		for _, bad := range []string{"ab", "张三", "a b c", strings.Repeat("x", 33)} {
			_, err = s.CreateOperator(ctx, a, unitA, bad, "")
			demotest.WantError(t, err, shebao.EINVALID, admin.ReasonUsernameChars)
		}
		_, err = s.CreateOperator(ctx, a, 777777, "nobody-unit", "")
		demotest.WantError(t, err, shebao.ENOTFOUND, "")

		st, err := s.CreateStaff(ctx, a, shebao.RoleReviewer, "rev2", "复核员二")
		if err != nil || st.Account.Role != shebao.RoleReviewer || st.Account.UnitID != 0 {
			t.Fatalf("staff: %+v %v", st.Account, err)
		}
		_, err = s.CreateStaff(ctx, a, shebao.RoleOperator, "rev3", "")
		demotest.WantError(t, err, shebao.EINVALID, admin.ReasonUnknownRole)
		if acc, err := s.SetRole(ctx, a, st.Account.ID, shebao.RoleClerk); err != nil || acc.Role != shebao.RoleClerk {
			t.Errorf("set role: %+v %v", acc, err)
		}
		_, err = s.SetRole(ctx, a, op.Account.ID, shebao.RoleAdmin)
		demotest.WantError(t, err, shebao.EINVALID, admin.ReasonNotStaff)
		_, err = s.SetRole(ctx, a, a.AccountID, shebao.RoleClerk)
		demotest.WantError(t, err, shebao.EINVALID, admin.ReasonSelf)

		if _, err := s.SetDisabled(ctx, a, op.Account.ID, true); err != nil {
			t.Fatal(err)
		}
		_, err = au.Login(ctx, "hr.zhang", op.Password, shebao.Online, "")
		demotest.WantError(t, err, shebao.EUNAUTHORIZED, shebao.ReasonAccountOff)
		if _, err := s.SetDisabled(ctx, a, op.Account.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := au.Login(ctx, "hr.zhang", op.Password, shebao.Online, ""); err != nil {
			t.Errorf("enabled again: %v", err)
		}
		_, err = s.SetDisabled(ctx, a, a.AccountID, true)
		demotest.WantError(t, err, shebao.EINVALID, admin.ReasonSelf)

		staff, err := s.Accounts(ctx, a, 0)
		if err != nil || len(staff) != 4 {
			t.Errorf("staff accounts: %d %v", len(staff), err)
		}
		ops, err := s.Accounts(ctx, a, unitA)
		if err != nil || len(ops) != 3 { // demo-a, demo-new, hr.zhang
			t.Errorf("unit A's accounts: %d %v", len(ops), err)
		}
		if n := len(audited(t, db, "account.")); n != 5 { // create ×2, role, disable, enable
			t.Errorf("%d account audit entries, want 5", n)
		}
	})
}

func TestTerminals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, a, g := setup(t, db)
		ctx := context.Background()
		k, secret, err := s.CreateTerminal(ctx, a, " hall-02 ", "大厅自助终端 2 号", "一楼办事大厅东侧")
		if err != nil || k.Code != "HALL-02" || len(secret) < 20 || k.SecretHash != auth.HashSecret(secret) {
			t.Fatalf("create: %+v %v", k, err)
		}
		if p := admin.EnrollPath(k.Code, secret); p != "/kiosk/enroll?code=HALL-02&secret="+secret {
			t.Errorf("enrol path %q", p)
		}
		_, _, err = s.CreateTerminal(ctx, a, g.Terminal, "x", "y")
		demotest.WantError(t, err, shebao.EINVALID, admin.ReasonCodeTaken)
		_, _, err = s.CreateTerminal(ctx, a, "厅1", "x", "y")
		demotest.WantError(t, err, shebao.EINVALID, admin.ReasonCodeChars)
		_, _, err = s.CreateTerminal(ctx, a, "HALL-03", "", "y")
		demotest.WantError(t, err, shebao.EINVALID, shebao.ReasonRequired)
		ts, err := s.Terminals(ctx, a)
		if err != nil || len(ts) != 2 {
			t.Errorf("terminals: %+v %v", ts, err)
		}
	})
}

func TestAdminRoles(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, _, g := setup(t, db)
		ctx := context.Background()
		for _, name := range []string{"clerk", "reviewer", g.OperatorA} {
			who := demotest.Actor(t, db, name)
			calls := map[string]error{}
			_, _, calls["units"] = s.Units(ctx, who, "", 10, 0)
			_, calls["create unit"] = s.CreateUnit(ctx, who, admin.UnitInput{})
			_, calls["suspend"] = s.SetUnitStatus(ctx, who, 1, shebao.UnitSuspended)
			_, calls["reset"] = s.ResetPassword(ctx, who, 1)
			_, calls["operator"] = s.CreateOperator(ctx, who, 1, "abcdef", "")
			_, calls["staff"] = s.CreateStaff(ctx, who, shebao.RoleAdmin, "abcdef", "")
			_, calls["role"] = s.SetRole(ctx, who, 1, shebao.RoleAdmin)
			_, calls["disable"] = s.SetDisabled(ctx, who, 1, true)
			_, calls["terminals"] = s.Terminals(ctx, who)
			_, _, calls["terminal"] = s.CreateTerminal(ctx, who, "X-1", "x", "y")
			_, _, calls["secret"] = s.RegenerateSecret(ctx, who, g.Terminal)
			for what, err := range calls {
				if shebao.ErrorCode(err) != shebao.EFORBIDDEN {
					t.Errorf("%s may %s: %v", name, what, err)
				}
			}
		}
	})
}
