package declaration_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/batch"
	"shebao/declaration"
	"shebao/demo"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// inWindow is a day in 2026's declaration window (07-01..07-31); 2026's
// floor is ¥6,720 and ceiling ¥33,600 (60% and 300% of ¥11,200).
var inWindow = shebao.NewDate(2026, 7, 10)

type fixture struct {
	db     *sqldb.DB
	s      *declaration.Service
	op     shebao.Actor
	unit   shebao.Unit
	staff  []shebao.RosterEntry // unit A's insured employees
	clock  *shebao.FixedDayClock
	before shebao.Fen // unit A's monthly bill before any declaration
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	clock := &shebao.FixedDayClock{Day: inWindow}
	g, err := demo.Load(context.Background(), db, clock, demo.Size{Units: 1, PeoplePerUnit: 4, HistoryMonths: 3}, 4)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, s: &declaration.Service{Store: db, Clock: clock}, clock: clock}
	err = db.View(context.Background(), func(tx shebao.Tx) error {
		ctx := context.Background()
		acc, err := tx.AccountByUsername(ctx, g.OperatorA)
		if err != nil {
			return err
		}
		f.op = shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID, Channel: shebao.Online}
		if f.unit, err = tx.Unit(ctx, acc.UnitID); err != nil {
			return err
		}
		f.staff, _, err = tx.Roster(ctx, acc.UnitID, "", 0, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.staff) < 3 {
		t.Fatalf("unit A has %d employees; the tests need 3", len(f.staff))
	}
	return f
}

func rowErrors(es []declaration.RowError) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%d %s %s %v", e.Row, e.Column, e.Reason, e.Args))
	}
	return out
}

func TestDeclareClamp(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cases := []struct {
			wage  string
			base  shebao.Fen
			clamp rules.Clamp
		}{
			{"3000", 672000, rules.ClampFloor},
			{"12,345.67", 1234567, rules.ClampNone},
			{"50000", 3360000, rules.ClampCeiling},
		}
		for i, c := range cases {
			p := f.staff[i].Person
			res, err := f.s.Declare(ctx, f.op, 0, declaration.Entry{IDNumber: p.IDNumber, Wage: c.wage})
			if err != nil || len(res.Lines) != 1 || len(res.Errors) != 0 {
				t.Fatalf("declare %s: %v %v", c.wage, err, rowErrors(res.Errors))
			}
			l := res.Lines[0]
			if l.Base.Base != c.base || l.Base.Clamp != c.clamp || l.Item.Type != shebao.ItemDeclare || l.Item.Status != shebao.StatusApproved {
				t.Errorf("%s: base %v item %+v", c.wage, l.Base, l.Item)
			}
			if res.NewBill-res.OldBill != l.NewMonthly-l.OldMonthly {
				t.Errorf("%s: bill %d → %d, person %d → %d", c.wage, res.OldBill, res.NewBill, l.OldMonthly, l.NewMonthly)
			}
			if res.Window.FromPeriod != shebao.NewPeriod(2026, 7) {
				t.Errorf("from period %s", res.Window.FromPeriod)
			}
		}
		// The bases apply from 2026-07, not before.
		err := db.View(ctx, func(tx shebao.Tx) error {
			now, err := tx.UnitBases(ctx, f.unit.ID, shebao.NewPeriod(2026, 7))
			if err != nil {
				return err
			}
			before, err := tx.UnitBases(ctx, f.unit.ID, shebao.NewPeriod(2026, 6))
			if err != nil {
				return err
			}
			for i := range now {
				if now[i].Person.ID == f.staff[2].Person.ID && (now[i].Base != 3360000 || !now[i].Declared || before[i].Declared) {
					t.Errorf("bases: July %+v June %+v", now[i], before[i])
				}
			}
			audit, _, err := sqldbtest.AuditLog(ctx, tx, shebao.AuditFilter{Action: "item.declare"})
			if len(audit) != 3 {
				t.Errorf("audit entries: %d", len(audit))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestDeclareBadInput(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		id := f.staff[0].Person.IDNumber
		cases := map[string]string{
			"0":       shebao.ReasonAmountZero,
			"-5000":   declaration.ReasonAmountNegative,
			"abc":     shebao.ReasonAmountMalformed,
			"8000.5.": shebao.ReasonAmountMalformed,
			"":        shebao.ReasonAmountEmpty,
			"336001":  declaration.ReasonWageAbsurd, // above 10 × ¥33,600
		}
		for wage, reason := range cases {
			res, err := f.s.Declare(context.Background(), f.op, 0, declaration.Entry{IDNumber: id, Wage: wage})
			if err != nil || len(res.Lines) != 0 || len(res.Errors) != 1 || res.Errors[0].Reason != reason ||
				res.Errors[0].Column != declaration.HeaderWage {
				t.Errorf("%q: %v %v", wage, err, rowErrors(res.Errors))
			}
		}
		res, _ := f.s.Declare(context.Background(), f.op, 0, declaration.Entry{IDNumber: id, Name: "别人", Wage: "8000"})
		if d := cmp.Diff([]string{"0 姓名 DECLARE_NAME_MISMATCH []"}, rowErrors(res.Errors)); d != "" {
			t.Errorf("name (-want +got):\n%s", d)
		}
	})
}

func TestDeclareWindow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.clock.Day = shebao.NewDate(2026, 8, 5)
		_, err := f.s.Declare(context.Background(), f.op, 0, declaration.Entry{IDNumber: f.staff[0].Person.IDNumber, Wage: "8000"})
		e := shebao.AsError(err)
		if e.Code != shebao.EREFUSED || e.Reason != declaration.ReasonWindowClosed || fmt.Sprint(e.Args) != "[2026-07-01 2026-07-31]" {
			t.Errorf("outside the window: %v", err)
		}
	})
}

// TestUndeclared lists unit A after the deadline and applies the rule once.
func TestUndeclared(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		if _, err := f.s.Declare(ctx, f.op, 0, declaration.Entry{IDNumber: f.staff[0].Person.IDNumber, Wage: "8000"}); err != nil {
			t.Fatal(err)
		}
		admin := shebao.Actor{Role: shebao.RoleAdmin, Username: "admin"}
		if _, err := f.s.ApplyRule(ctx, admin); shebao.AsError(err).Reason != declaration.ReasonUndeclaredEarly {
			t.Errorf("rule before the deadline: %v", err)
		}
		f.clock.Day = shebao.NewDate(2026, 8, 1)
		u, err := f.s.Undeclared(ctx, admin)
		if err != nil || !u.Passed || u.Rule != declaration.UndeclaredKeep {
			t.Fatalf("undeclared: %v %+v", err, u)
		}
		var a *shebao.UndeclaredUnit
		for i := range u.Units {
			if u.Units[i].Unit.ID == f.unit.ID {
				a = &u.Units[i]
			}
		}
		if a == nil || a.Declared != 1 || a.Active != len(f.staff) {
			t.Fatalf("unit A: %+v", a)
		}
		n, err := f.s.ApplyRule(ctx, admin)
		if err != nil || n == 0 {
			t.Fatalf("apply rule: %d %v", n, err)
		}
		if n2, err := f.s.ApplyRule(ctx, admin); err != nil || n2 != 0 {
			t.Errorf("second run: %d %v", n2, err)
		}
		if u, _ := f.s.Undeclared(ctx, admin); len(u.Units) != 0 {
			t.Errorf("still undeclared: %+v", u.Units)
		}
		if _, err := f.s.Undeclared(ctx, f.op); shebao.ErrorCode(err) != shebao.EFORBIDDEN {
			t.Errorf("operator: %v", err)
		}
	})
}

// sheet builds an .xlsx upload: rows of cells, each a string (stored as
// text) or a number.
func sheet(t testing.TB, rows [][]any, merge ...string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i+1 < len(merge); i += 2 {
		if err := x.MergeCell("Sheet1", merge[i], merge[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var header = []any{"身份证号码", "姓名", "上年度月平均工资(元)"}

func TestUploadMixedRows(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		p0, p1, p2 := f.staff[0].Person, f.staff[1].Person, f.staff[2].Person
		data := sheet(t, [][]any{
			header,
			{p0.IDNumber, p0.Name, 9000},         // 2: a number
			{p1.IDNumber, p1.Name, " 8,500.50 "}, // 3: a number stored as text
			{"110105198503011", "某人", "8000"},    // 4: legacy ID
			{p2.IDNumber, p2.Name, "八千"},         // 5: not a number
			{},                                   // 6: empty, skipped
			{p0.IDNumber, p0.Name, "9100"},       // 7: duplicate of row 2
			{"11010519850301100X", "无名", "8000"}, // 8: check character wrong
			{p2.IDNumber, p2.Name, 4494.3},       // 9: a float cell, exact
		})
		res, err := f.s.Upload(context.Background(), f.op, 0, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"4 身份证号码 ID_LEGACY []",
			"5 上年度月平均工资(元) AMOUNT_MALFORMED []",
			"7 身份证号码 DECLARE_DUPLICATE_ROW [2]",
			"8 身份证号码 ID_CHECK [0]",
		}
		if d := cmp.Diff(want, rowErrors(res.Errors)); d != "" {
			t.Errorf("errors (-want +got):\n%s", d)
		}
		var got []string
		for _, l := range res.Lines {
			got = append(got, fmt.Sprintf("%d %d %d", l.Row, l.Base.Wage, l.Base.Base))
		}
		if d := cmp.Diff([]string{"2 900000 900000", "3 850050 850050", "9 449430 672000"}, got); d != "" {
			t.Errorf("lines (-want +got):\n%s", d)
		}
	})
}

func TestUploadFileProblems(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		p0, p1, p2 := f.staff[0].Person, f.staff[1].Person, f.staff[2].Person
		// Merged cells: rows 3–4 are refused, row 2 applies.
		data := sheet(t, [][]any{header, {p0.IDNumber, p0.Name, "9000"}, {p1.IDNumber, p1.Name, "9000"}, {p2.IDNumber, p2.Name}}, "C3", "C4")
		res, err := f.s.Upload(ctx, f.op, 0, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]string{"3  DECLARE_SHEET_MERGED [C3:C4]", "4  DECLARE_SHEET_MERGED [C3:C4]"}, rowErrors(res.Errors)); d != "" || len(res.Lines) != 1 {
			t.Errorf("merged (-want +got):\n%s lines %d", d, len(res.Lines))
		}
		// An ID number typed as a number has lost its last digits.
		data = sheet(t, [][]any{header, {110105198503011234, "某人", "9000"}})
		res, err = f.s.Upload(ctx, f.op, 0, bytes.NewReader(data))
		if err != nil || fmt.Sprint(rowErrors(res.Errors)) != "[2 身份证号码 DECLARE_ID_AS_NUMBER []]" {
			t.Errorf("ID as number: %v %v", err, rowErrors(res.Errors))
		}
		fileErrors := []struct {
			name   string
			data   io.Reader
			reason string
		}{
			{"wrong columns", bytes.NewReader(sheet(t, [][]any{{"身份证", "姓名", "工资"}, {p0.IDNumber, p0.Name, "9000"}})), declaration.ReasonSheetColumns},
			{"not a workbook", bytes.NewReader([]byte("身份证号码,姓名\n")), declaration.ReasonSheetUnreadable},
			{"header only", bytes.NewReader(sheet(t, [][]any{header})), declaration.ReasonSheetEmpty},
			{"50 MB", io.LimitReader(zeros{}, 50<<20), declaration.ReasonFileTooLarge},
		}
		for _, c := range fileErrors {
			_, err := f.s.Upload(ctx, f.op, 0, c.data)
			if e := shebao.AsError(err); e.Code != shebao.EINVALID || e.Reason != c.reason || e.Field != "file" {
				t.Errorf("%s: %v", c.name, err)
			}
		}
	})
}

// zeros reads zero bytes forever.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestTemplateParses reads the upload template, which is the batch
// package's declare template (one template for both uploads).
func TestTemplateParses(t *testing.T) {
	data, err := batch.Template(shebao.BatchDeclare)
	if err != nil {
		t.Fatal(err)
	}
	rows, bad, err := declaration.ParseSheet(data)
	if err != nil || len(rows) != 0 || len(bad) != 0 {
		t.Errorf("template: %v %v %v", rows, bad, err)
	}
}

// FuzzParseSheet feeds the parser arbitrary bytes and workbooks: it must
// never panic, and every data row it returns is either good or listed bad.
func FuzzParseSheet(f *testing.F) {
	tmpl, _ := batch.Template(shebao.BatchDeclare)
	f.Add(tmpl)
	f.Add(sheet(f, [][]any{header, {"110105198503011234", "张三", "8000"}, {"x", "", 12.5}}, "A3", "B3"))
	f.Add(sheet(f, [][]any{{"姓名", "上年度月平均工资（元）", "身份证号码"}, {"李四", "-1", "1"}}))
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, bad, err := declaration.ParseSheet(data)
		if err != nil {
			if e := shebao.AsError(err); e.Code != shebao.EINVALID || e.Field != "file" {
				t.Fatalf("error %v is not a file error", err)
			}
			return
		}
		seen := map[int]bool{}
		for _, r := range rows {
			if r.Row < 2 || seen[r.Row] {
				t.Fatalf("row %d twice or in the header", r.Row)
			}
			seen[r.Row] = true
		}
		for _, b := range bad {
			if b.Row < 2 || seen[b.Row] {
				t.Fatalf("bad row %d also good or in the header", b.Row)
			}
		}
	})
}

// TestDeclareAfterCutoff declares on 2026-07-16: from the 16th the business
// period is August's, July's is closed to new items, so the new base
// applies from 2026-08 (not the year's base month 2026-07), and the result
// and the window say so.
func TestDeclareAfterCutoff(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		f.clock.Day = shebao.NewDate(2026, 7, 16)
		p := f.staff[0].Person
		res, err := f.s.Declare(ctx, f.op, 0, declaration.Entry{IDNumber: p.IDNumber, Wage: "20000"})
		if err != nil || len(res.Lines) != 1 {
			t.Fatalf("declare: %v %v", err, rowErrors(res.Errors))
		}
		if res.Window.FromPeriod != shebao.NewPeriod(2026, 8) || res.Lines[0].Item.Period != shebao.NewPeriod(2026, 8) {
			t.Errorf("applies from %s (item period %s), want 2026-08", res.Window.FromPeriod, res.Lines[0].Item.Period)
		}
		if w, _, _, err := f.s.CurrentWindow(ctx); err != nil || w.FromPeriod != shebao.NewPeriod(2026, 8) {
			t.Errorf("window on the 16th: %+v %v", w, err)
		}
		err = db.View(ctx, func(tx shebao.Tx) error {
			for _, c := range []struct {
				p    shebao.Period
				want bool
			}{{shebao.NewPeriod(2026, 7), false}, {shebao.NewPeriod(2026, 8), true}} {
				bases, err := tx.UnitBases(ctx, f.unit.ID, c.p)
				if err != nil {
					return err
				}
				for _, b := range bases {
					if b.Person.ID == p.ID && b.Declared != c.want {
						t.Errorf("%s: declared %v, want %v", c.p, b.Declared, c.want)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
