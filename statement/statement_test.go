package statement_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/collection"
	"shebao/demo/demotest"
	"shebao/i18n"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
	"shebao/statement"
)

// importResult exports p's collection list and applies a result file in
// which every line is paid except unit code's, which failed with reason.
func importResult(t *testing.T, s *collection.Service, clerk shebao.Actor, p shebao.Period, code, reason string) {
	t.Helper()
	var list bytes.Buffer
	if _, err := s.WriteCSV(t.Context(), clerk, p, &list); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(list.String(), "\xEF\xBB\xBF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append(append([]string{}, recs[0]...), collection.ResultHeader...))
	for _, r := range recs[1 : len(recs)-1] {
		if r[2] == code {
			w.Write(append(append([]string{}, r...), "失败", "", reason))
		} else {
			w.Write(append(append([]string{}, r...), "成功", "", ""))
		}
	}
	w.Flush()
	if rep, err := s.Import(t.Context(), clerk, p, buf.Bytes(), true); err != nil || !rep.Applied {
		t.Fatalf("import: %+v %v", rep, err)
	}
}

// TestMonth: the statements are the bill's amounts per employee, with ID
// numbers masked; an operator reads their own unit only; the status
// follows the month from provisional (open) to due (closed), then paid or
// owed with the collector's reason after the result file.
func TestMonth(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		f := demotest.Load(t, db)
		set := demotest.Services(t, db, f.Clock)
		s := set.Statement
		const p = shebao.Period(202606)

		st, err := s.Month(ctx, f.OpA, 0, p, 0)
		if err != nil || st.Status != statement.Provisional || st.Unit.ID != f.UnitA.ID {
			t.Fatalf("open month: %v %+v", err, st.Status)
		}
		bill, err := set.Billing.Bill(ctx, f.OpA, 0, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Employees) < len(bill.Persons) || len(bill.Persons) == 0 {
			t.Fatalf("%d statements for %d persons on the bill", len(st.Employees), len(bill.Persons))
		}
		var er, ee shebao.Fen
		for i, e := range st.Employees[:len(bill.Persons)] {
			m := bill.Persons[i]
			if e.PersonID != m.PersonID || e.Employer != m.Employer || e.Employee != m.Employee || len(e.Lines) != len(m.Lines) {
				t.Errorf("employee %d: %+v, bill %+v", i, e, m)
			}
			if e.IDNumber == m.IDNumber || e.IDNumber != shebao.MaskIDNumber(m.IDNumber) {
				t.Errorf("ID number not masked: %q", e.IDNumber)
			}
			for _, l := range e.Lines {
				er, ee = er+l.Employer, ee+l.Employee
			}
		}
		if er != bill.Employer || ee != bill.Employee {
			t.Errorf("lines sum to %s + %s, the bill to %s + %s", er, ee, bill.Employer, bill.Employee)
		}

		_, err = s.Month(ctx, f.OpA, f.UnitB.ID, p, 0)
		demotest.WantError(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden)
		if b, err := s.Month(ctx, f.Reviewer, f.UnitB.ID, p, 0); err != nil || b.Unit.ID != f.UnitB.ID {
			t.Fatalf("a reviewer reads unit B: %v", err)
		}
		one, err := s.Month(ctx, f.OpA, 0, p, st.Employees[0].PersonID)
		if err != nil || len(one.Employees) != 1 || one.Employees[0].PersonID != st.Employees[0].PersonID {
			t.Fatalf("one employee: %v %d", err, len(one.Employees))
		}
		_, err = s.Month(ctx, f.OpA, 0, p, 999999)
		demotest.WantError(t, err, shebao.ENOTFOUND, shebao.ReasonNotFound)

		if _, err := set.Billing.Assess(ctx, p, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := set.Billing.Close(ctx, p); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Month(ctx, f.OpA, 0, p, 0); st.Status != statement.Due || st.DueDate != 20260720 {
			t.Fatalf("closed month before its deduction: %s %s", st.Status, st.DueDate)
		}
		importResult(t, set.Collection, f.Clerk, p, f.UnitB.CreditCode, "余额不足")
		if st, _ := s.Month(ctx, f.OpA, 0, p, 0); st.Status != statement.Paid {
			t.Errorf("unit A collected: %s", st.Status)
		}
		b, err := s.Month(ctx, f.OpB, 0, p, 0)
		if err != nil || b.Status != statement.Owed || b.Reason != "余额不足" {
			t.Fatalf("unit B failed: %v %s %q", err, b.Status, b.Reason)
		}
		f.Clock.Set(shebao.NewDate(2026, 7, 25).Time().Add(10 * time.Hour))
		if _, err := set.Collection.RecordPayment(ctx, f.Clerk, f.UnitB.ID, p, "窗口缴纳", "k"); err != nil {
			t.Fatal(err)
		}
		if b, _ := s.Month(ctx, f.OpB, 0, p, 0); b.Status != statement.Paid {
			t.Errorf("unit B after paying at the counter: %s", b.Status)
		}

		var book bytes.Buffer
		if err := st.WriteXLSX(&book, func(k string, a ...string) string { return i18n.T(i18n.ZH, k, a...) }); err != nil {
			t.Fatal(err)
		}
		rows := readBook(t, book.Bytes())
		want := 2
		for _, e := range st.Employees {
			want += len(e.Lines) + len(e.Backpay) + 1
		}
		if len(rows) != want || rows[1][0] != "所属期" || rows[2][1] != st.Employees[0].Name || rows[2][2] != st.Employees[0].IDNumber {
			t.Fatalf("workbook: %d rows, want %d: %q", len(rows), want, rows[:3])
		}
	})
}

// readBook reads the first sheet of a workbook.
func readBook(t *testing.T, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestWorkbookText: names typed by people never become formulas.
func TestWorkbookText(t *testing.T) {
	st := statement.Statement{Unit: shebao.Unit{Name: "=HYPERLINK(\"x\")", CreditCode: "X"}, Period: 202606,
		Status: statement.Paid, Employees: []statement.Employee{{Name: "=1+1", IDNumber: "110105********1234",
			Lines:    []statement.Line{{Insurance: shebao.Pension, Base: 800000, Employer: 128000, Employee: 64000}},
			Employer: 128000, Employee: 64000}}}
	var book bytes.Buffer
	if err := st.WriteXLSX(&book, func(k string, a ...string) string { return i18n.T(i18n.EN, k, a...) }); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	for _, cell := range []string{"A1", "B3"} {
		if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
			t.Errorf("%s is a formula: %q", cell, formula)
		}
		if v, _ := f.GetCellValue(sheet, cell); !strings.HasPrefix(v, "'") {
			t.Errorf("%s = %q: not guarded", cell, v)
		}
	}
	if v, _ := f.GetCellValue(sheet, "G3"); v != "1,280.00" {
		t.Errorf("employer amount %q", v)
	}
}
