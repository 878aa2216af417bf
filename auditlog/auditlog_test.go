package auditlog_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/admin"
	"shebao/auditlog"
	"shebao/counter"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

var day = shebao.NewDate(2026, 7, 8)

// setup loads the district and makes a few days of office work: on day 8 the
// clerk records a card for a person of unit A, on day 9 the admin resets
// operator A's password, and on day 10 the clerk stops the person.
func setup(t *testing.T, db *sqldb.DB) (*auditlog.Service, shebao.Actor, demo.Guide) {
	t.Helper()
	ctx := context.Background()
	clock := demotest.NewClock(day)
	g := demotest.District(t, db, clock)
	clerk, ad := demotest.Actor(t, db, "clerk"), demotest.Actor(t, db, "admin")
	op := demotest.Actor(t, db, g.OperatorA)
	c := &counter.Service{Store: db, Clock: clock, Handling: &handling.Service{Store: db, Clock: clock}}
	if _, err := c.Record(ctx, clerk, counter.Request{Type: shebao.ItemCard, UnitID: op.UnitID, IDNumber: g.Stop[0],
		Documents: []string{"id_original", "id_copy", "photo", "card_form"}}); err != nil {
		t.Fatal(err)
	}
	clock.Add(24 * time.Hour)
	if _, err := (&admin.Service{Store: db, Clock: clock, Cost: 4}).ResetPassword(ctx, ad, op.AccountID); err != nil {
		t.Fatal(err)
	}
	clock.Add(24 * time.Hour)
	if it, err := c.Handling.Submit(ctx, clerk, handling.Request{Type: shebao.ItemStop, UnitID: op.UnitID, IDNumber: g.Stop[0],
		StopReason: shebao.StopResignation}); err != nil || it.Status != shebao.StatusApproved {
		t.Fatalf("stop: %+v %v", it, err)
	}
	return &auditlog.Service{Store: db, Clock: clock}, ad, g
}

func actions(p auditlog.Page) string {
	var as []string
	for _, r := range p.Rows {
		as = append(as, r.Action)
	}
	return strings.Join(as, " ")
}

func TestFilters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, ad, g := setup(t, db)
		ctx := context.Background()
		// The district's own history is audited too: the cases look at the
		// office work from day on.
		cases := []struct {
			name string
			q    auditlog.Query
			want string
		}{
			{"unit", auditlog.Query{From: day, CreditCode: strings.ToLower(g.UnitACode)}, "item.stop account.reset_password item.card"},
			{"person", auditlog.Query{From: day, IDNumber: g.Stop[0]}, "item.stop item.card"},
			{"account", auditlog.Query{From: day, Username: "CLERK"}, "item.stop item.card"},
			{"action prefix", auditlog.Query{From: day, Action: "item."}, "item.stop item.card"},
			{"action prefix is not a pattern", auditlog.Query{Action: "item%"}, ""},
			{"one day", auditlog.Query{From: day.AddDays(1), To: day.AddDays(1)}, "account.reset_password"},
			{"from a day on", auditlog.Query{From: day.AddDays(1), Action: "item"}, "item.stop"},
			{"up to a day", auditlog.Query{From: day, To: day, CreditCode: g.UnitACode}, "item.card"},
			{"combined", auditlog.Query{Username: "admin", CreditCode: g.UnitACode}, "account.reset_password"},
		}
		for _, c := range cases {
			p, err := s.List(ctx, ad, c.q, 50, 0)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if got := actions(p); got != c.want || p.Total != len(p.Rows) {
				t.Errorf("%s: %q (total %d), want %q", c.name, got, p.Total, c.want)
			}
		}
		// Rows name their unit and person.
		p, _ := s.List(ctx, ad, auditlog.Query{Action: "item.card"}, 50, 0)
		if len(p.Rows) != 1 || p.Rows[0].UnitName != g.UnitA || p.Rows[0].IDNumber != g.Stop[0] || p.Rows[0].Channel != shebao.Counter {
			t.Errorf("card row: %+v", p.Rows)
		}
		// Paging.
		all, _ := s.List(ctx, ad, auditlog.Query{}, 50, 0)
		page2, err := s.List(ctx, ad, auditlog.Query{}, 2, 2)
		if err != nil || page2.Total != all.Total || len(page2.Rows) != 2 || page2.Rows[0].ID != all.Rows[2].ID {
			t.Errorf("page 2: %+v %v", page2, err)
		}
	})
}

func TestBadFilters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, ad, _ := setup(t, db)
		ctx := context.Background()
		bad := []struct {
			q      auditlog.Query
			field  string
			reason string
		}{
			{auditlog.Query{From: day, To: day.AddDays(-1)}, "to", auditlog.ReasonRangeReversed},
			{auditlog.Query{From: shebao.NewDate(2026, 2, 30)}, "from", shebao.ReasonDateMalformed},
			{auditlog.Query{CreditCode: "91350100M000100Y43"}, "credit_code", auditlog.ReasonNoUnit},
			{auditlog.Query{CreditCode: "9135"}, "credit_code", shebao.ReasonCreditLength},
			{auditlog.Query{IDNumber: "110105199003071234"}, "id_number", shebao.ReasonPersonUnknown},
			{auditlog.Query{Username: "nobody"}, "username", auditlog.ReasonNoAccount},
			{auditlog.Query{Action: strings.Repeat("a", 65)}, "action", shebao.ReasonTooLong},
		}
		for _, b := range bad {
			_, err := s.List(ctx, ad, b.q, 10, 0)
			if e := shebao.AsError(err); e.Code != shebao.EINVALID || e.Field != b.field || e.Reason != b.reason {
				t.Errorf("%+v: %v, want %s on %s", b.q, err, b.reason, b.field)
			}
		}
	})
}

func TestExport(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, ad, g := setup(t, db)
		ctx := context.Background()
		q := auditlog.Query{From: day, CreditCode: g.UnitACode}
		header := testLabels{}

		var xb bytes.Buffer
		if err := s.Export(ctx, ad, q, auditlog.XLSX, header, &xb); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&xb)
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 || rows[0][0] != "列at" || rows[1][5] != "操作item.stop" || rows[1][14] != "item.stop" ||
			rows[3][7] != g.UnitA || rows[3][8] != g.Stop[0] {
			t.Errorf("workbook rows: %q", rows)
		}

		var cb bytes.Buffer
		if err := s.Export(ctx, ad, q, auditlog.CSV, header, &cb); err != nil {
			t.Fatal(err)
		}
		text, ok := strings.CutPrefix(cb.String(), "\ufeff")
		recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
		if !ok || err != nil || len(recs) != 4 || recs[2][5] != "操作account.reset_password" ||
			recs[2][14] != "account.reset_password" || len(recs[0]) != len(auditlog.Columns) || recs[0][15] != "列detail_raw" ||
			recs[1][2] != "角色"+recs[1][12] || recs[1][11] != "详情"+recs[1][15] {
			t.Errorf("csv (bom %v): %q %v", ok, recs, err)
		}

		s.MaxExport = 2
		err = s.Export(ctx, ad, q, auditlog.CSV, header, &cb)
		demotest.WantError(t, err, shebao.EINVALID, auditlog.ReasonTooMany)
		err = s.Export(ctx, ad, q, "pdf", header, &cb)
		demotest.WantError(t, err, shebao.EINVALID, shebao.ReasonOutOfRange)
	})
}

func TestAuditRoles(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, g := setup(t, db)
		ctx := context.Background()
		for _, name := range []string{"clerk", "reviewer", g.OperatorA} {
			who := demotest.Actor(t, db, name)
			_, err := s.List(ctx, who, auditlog.Query{}, 10, 0)
			demotest.WantError(t, err, shebao.EFORBIDDEN, "")
			err = s.Export(ctx, who, auditlog.Query{}, auditlog.CSV, testLabels{}, &bytes.Buffer{})
			demotest.WantError(t, err, shebao.EFORBIDDEN, "")
		}
	})
}

// testLabels names columns and codes by a prefix, so that a test can see
// which cell went through which label.
type testLabels struct{}

func (testLabels) Header(c string) string          { return "列" + c }
func (testLabels) Role(r shebao.Role) string       { return "角色" + string(r) }
func (testLabels) Channel(c shebao.Channel) string { return "渠道" + string(c) }
func (testLabels) Action(a string) string          { return "操作" + a }
func (testLabels) Detail(d string) string          { return "详情" + d }
