package collection_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/collection"
	"shebao/demo/demotest"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// listRows exports p's list as CSV and returns its records, header first.
func listRows(t *testing.T, s *collection.Service, a shebao.Actor, p shebao.Period) ([][]string, collection.Totals) {
	t.Helper()
	var buf bytes.Buffer
	tot, err := s.WriteCSV(t.Context(), a, p, &buf)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\xEF\xBB\xBF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs, tot
}

// result writes a result file: the list's records with an outcome per
// credit code added.
func result(recs [][]string, outcome map[string][3]string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append(append([]string{}, recs[0]...), collection.ResultHeader...))
	for _, r := range recs[1 : len(recs)-1] {
		o, ok := outcome[r[2]]
		if !ok {
			o = [3]string{"成功", "", ""}
		}
		w.Write(append(append([]string{}, r...), o[0], o[1], o[2]))
	}
	w.Flush()
	return buf.Bytes()
}

// TestCollectionLoop closes a month, exports its list (which adds up to the
// units' sums), imports a result with one unit paid and one failed: a dry
// run changes nothing, the file applies once (a second import changes
// nothing), the failed unit owes a late fee that grows with the clock, a
// bad file is refused as a whole with each error by row and column, and a
// counter payment clears the arrears.
func TestCollectionLoop(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		f := demotest.Load(t, db)
		set := demotest.Services(t, db, f.Clock)
		s := set.Collection
		const p = shebao.Period(202606)
		if _, err := s.WriteCSV(ctx, f.Clerk, p, &bytes.Buffer{}); shebao.AsError(err).Reason != collection.ReasonNotClosed {
			t.Fatalf("list of an open period: %v", err)
		}
		if _, err := set.Billing.Assess(ctx, p, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := set.Billing.Close(ctx, p); err != nil {
			t.Fatal(err)
		}
		_, err := s.WriteCSV(ctx, f.OpA, p, &bytes.Buffer{})
		demotest.WantError(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden)

		recs, tot := listRows(t, s, f.Clerk, p)
		var want shebao.Fen
		for _, r := range recs[1 : len(recs)-1] {
			var u shebao.Unit
			err := db.View(ctx, func(tx shebao.Tx) (err error) { u, err = tx.UnitByCreditCode(ctx, r[2]); return err })
			if err != nil {
				t.Fatal(err)
			}
			d, err := set.Billing.Due(ctx, f.Clerk, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			want += d.Unpaid + d.BackpayDue
		}
		if tot.Amount != want || tot.Lines < 2 || len(recs) != tot.Lines+2 {
			t.Fatalf("list: %d lines, %s; want the bills' %s", tot.Lines, tot.Amount, want)
		}
		if recs[len(recs)-1][18] != want.Yuan() {
			t.Fatalf("totals row %v, want %s", recs[len(recs)-1], want.Yuan())
		}
		file := result(recs, map[string][3]string{f.UnitA.CreditCode: {"成功", "", ""},
			f.UnitB.CreditCode: {"失败", "", "余额不足"}})
		owedB := func() []collection.PeriodOwed {
			t.Helper()
			o, err := s.UnitOwed(ctx, f.OpB, 0)
			if err != nil {
				t.Fatal(err)
			}
			return o
		}

		dry, err := s.Import(ctx, f.Clerk, p, file, false)
		if err != nil || dry.Errors != 0 || dry.Applied || dry.Paid == 0 || dry.Failed == 0 {
			t.Fatalf("dry run: %+v %v", dry, err)
		}
		if o := owedB(); len(o) != 1 || o[0].Last.Outcome != "" {
			t.Fatalf("a dry run changed something: %+v", o)
		}
		r, err := s.Import(ctx, f.Clerk, p, file, true)
		if err != nil || !r.Applied || r.Replayed {
			t.Fatalf("apply: %+v %v", r, err)
		}
		again, err := s.Import(ctx, f.Clerk, p, file, true)
		if err != nil || !again.Replayed || again.Applied {
			t.Fatalf("the same file again: %+v %v", again, err)
		}
		if d, _ := set.Billing.Due(ctx, f.OpA, 0); d.Unpaid != 0 {
			t.Errorf("unit A paid in full still owes %s", d.Unpaid)
		}
		o := owedB()
		if len(o) != 1 || o[0].Last.Outcome != shebao.CollectFailed || o[0].Last.Reason != "余额不足" || o[0].LateFee != 0 {
			t.Fatalf("unit B before its due date: %+v", o)
		}
		principal := o[0].Principal

		f.Clock.Set(shebao.NewDate(2026, 7, 30).Time().Add(10 * time.Hour)) // 10 days after the 20th
		o = owedB()
		if _, fee := rules.LateFee(principal, 20260720, 20260730, 50); o[0].Days != 10 || o[0].LateFee != fee || fee == 0 {
			t.Fatalf("unit B 10 days late: %+v, want fee %s", o[0], fee)
		}
		f.Clock.Add(24 * time.Hour)
		if o2 := owedB(); o2[0].LateFee <= o[0].LateFee {
			t.Fatalf("the late fee did not grow: %s then %s", o[0].LateFee, o2[0].LateFee)
		}

		bad := result(recs, map[string][3]string{f.UnitA.CreditCode: {"成功", "", ""}, f.UnitB.CreditCode: {"部分", "abc", ""}})
		bad = append(bad, []byte("2026-06,M-202606,NOSUCHUNIT,,,,,,,,,,,,,,,,1.00,,成功,,\n")...)
		br, err := s.Import(ctx, f.Clerk, p, bad, true)
		if err != nil || br.Applied || br.Errors < 2 {
			t.Fatalf("bad file: %+v %v", br, err)
		}
		fields := map[string]bool{}
		for _, row := range br.Rows {
			if row.Err != nil {
				fields[row.Err.Field] = true
			}
		}
		if !fields["统一社会信用代码"] || !fields["明细编号"] && !fields["实扣金额"] {
			t.Errorf("errors by column: %v", fields)
		}

		_, err = s.WaiveFee(ctx, f.Clerk, f.UnitB.ID, p, "不可抗力")
		demotest.WantError(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden)
		waived, err := s.WaiveFee(ctx, f.Reviewer, f.UnitB.ID, p, "不可抗力")
		if err != nil || waived == 0 {
			t.Fatalf("waive: %s %v", waived, err)
		}
		if o := owedB(); o[0].LateFee != 0 || o[0].Principal != principal {
			t.Fatalf("after the waiver: %+v", o[0])
		}
		_, err = s.WaiveFee(ctx, f.Reviewer, f.UnitB.ID, p, "不可抗力")
		demotest.WantError(t, err, shebao.EREFUSED, collection.ReasonNoFee)
		f.Clock.Add(24 * time.Hour)
		if o := owedB(); o[0].LateFee == 0 || o[0].LateFee >= waived {
			t.Fatalf("the day after the waiver the fee is %s (waived %s)", o[0].LateFee, waived)
		}

		if _, err := s.RecordPayment(ctx, f.Clerk, f.UnitB.ID, p, "窗口现金缴纳", "k1"); err != nil {
			t.Fatal(err)
		}
		if o := owedB(); len(o) != 0 {
			t.Fatalf("after paying at the counter unit B owes %+v", o)
		}
		if d, _ := set.Billing.Due(ctx, f.OpB, 0); d.Unpaid != 0 {
			t.Errorf("unit B's bill still owes %s", d.Unpaid)
		}
		acc, err := s.Account(ctx, f.OpB, 0)
		if err != nil || len(acc) == 0 || acc[0].Period != p {
			t.Fatalf("account: %+v %v", acc, err)
		}
		if a := acc[0]; a.Assessed != principal || a.Balance != 0 || a.Waived != waived || a.LateFee <= waived ||
			a.Collected != a.Assessed+a.LateFee-a.Waived {
			t.Errorf("unit B's account of %s: %+v", p, a)
		}
	})
}
