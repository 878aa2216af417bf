package collection_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
	"time"

	"shebao"
	"shebao/backpay"
	"shebao/collection"
	"shebao/demo/demotest"
	"shebao/review"
	"shebao/services"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// on sets the clock to 10:00 on day d.
func on(f *demotest.Fixture, d shebao.Date) { f.Clock.Set(d.Time().Add(10 * time.Hour)) }

// billsOwe sums what the bills say the units on a list owe today (the
// months' principal and the back-pay, billing.Service.Due) and the late
// fees of their months (collection.Service.UnitOwed).
func billsOwe(t *testing.T, set *services.Set, f *demotest.Fixture, recs [][]string) shebao.Fen {
	t.Helper()
	seen := map[string]bool{}
	var want shebao.Fen
	for _, r := range recs[1 : len(recs)-1] {
		if seen[r[2]] {
			continue
		}
		seen[r[2]] = true
		var u shebao.Unit
		err := f.DB.View(t.Context(), func(tx shebao.Tx) (err error) { u, err = tx.UnitByCreditCode(t.Context(), r[2]); return err })
		if err != nil {
			t.Fatal(err)
		}
		d, err := set.Billing.Due(t.Context(), f.Clerk, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		want += d.Unpaid + d.BackpayDue
		owed, err := set.Collection.UnitOwed(t.Context(), f.Clerk, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range owed {
			want += o.LateFee
		}
	}
	return want
}

// line returns the list's line with key, or nil.
func line(recs [][]string, key string) []string {
	for _, r := range recs[1:] {
		if r[1] == key {
			return r
		}
	}
	return nil
}

// TestBackpayOnTheList: an approved back-pay is on every list until it is
// paid, whenever approved, as its own line; its late fee runs to each
// list's due date (not frozen at submission); a part payment leaves only
// what is still owed on the next list and on the bill; on a due date the
// list adds up to the bills exactly; and once paid its fee is what it ran
// up to the days it was paid.
func TestBackpayOnTheList(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		f := demotest.Load(t, db)
		set := demotest.Services(t, db, f.Clock)
		s := set.Collection
		it, q, err := set.Backpay.Submit(ctx, f.OpA, backpay.Request{IDNumber: f.Guide.Backpay,
			From: 202511, To: 202604, Wage: 900000})
		if err != nil || it.Status != shebao.StatusInReview {
			t.Fatalf("submit: %+v %v", it, err)
		}
		if _, err := set.Review.Decide(ctx, f.Reviewer, review.Decision{ItemID: it.ID, Approve: true}); err != nil {
			t.Fatal(err)
		}
		key := "B-" + itoa(it.ID)
		const jun, jul = shebao.Period(202606), shebao.Period(202607)
		closeMonth(t, set, jun)

		recs, tot := listRows(t, s, f.Clerk, jun) // exported 8 July, due 20 July
		l := line(recs, key)
		if l == nil || l[6] != "补收" || l[5] != "2025-11~2026-04" || l[2] != f.UnitA.CreditCode {
			t.Fatalf("back-pay line %v", l)
		}
		principal := q.Employer + q.Employee
		fee := yuan(t, l[17])
		if yuan(t, l[16]) != 0 || fee <= q.LateFee || yuan(t, l[18]) != principal+fee {
			t.Errorf("back-pay line %v: the fee must run past the quote's %s to the due date", l, q.LateFee)
		}

		on(f, 20260720) // on the due date the bills owe what the list deducts, to the fen
		if want := billsOwe(t, set, f, recs); tot.Amount != want {
			t.Fatalf("June's list %s, the bills %s", tot.Amount, want)
		}
		d, err := set.Billing.Due(ctx, f.OpA, 0)
		if err != nil || len(d.Backpay) != 1 || d.Backpay[0].LateFee != fee {
			t.Fatalf("the bill's back-pay %+v %v, want the fee %s", d.Backpay, err, fee)
		}

		part := principal / 2 // half paid on 20 July
		file := partial(recs, key, part)
		if r, err := s.Import(ctx, f.Clerk, jun, file, true); err != nil || !r.Applied || r.Partial != 1 {
			t.Fatalf("import: %+v %v", r, err)
		}
		d, _ = set.Billing.Due(ctx, f.OpA, 0)
		if len(d.Backpay) != 1 || d.Backpay[0].Collected != part || d.Backpay[0].Total() != principal+fee-part {
			t.Fatalf("after a part payment the bill's back-pay is %+v, want %s owed", d.Backpay, principal+fee-part)
		}

		on(f, 20260803)
		closeMonth(t, set, jul) // due 20 August
		recs, tot = listRows(t, s, f.Clerk, jul)
		l = line(recs, key)
		if l == nil || yuan(t, l[16]) != part || yuan(t, l[17]) <= 0 {
			t.Fatalf("July's back-pay line %v: ¥%s collected", l, part.Yuan())
		}
		on(f, 20260820)
		if want := billsOwe(t, set, f, recs); tot.Amount != want {
			t.Fatalf("July's list %s, the bills %s", tot.Amount, want)
		}
		rest := yuan(t, l[18])
		if r, err := s.Import(ctx, f.Clerk, jul, result(recs, nil), true); err != nil || !r.Applied {
			t.Fatalf("import July: %+v %v", r, err)
		}
		d, _ = set.Billing.Due(ctx, f.OpA, 0)
		if len(d.Backpay) != 0 {
			t.Fatalf("paid in full, the back-pay is still owed: %+v", d.Backpay)
		}
		acc, err := s.Account(ctx, f.OpA, 0)
		if err != nil {
			t.Fatal(err)
		}
		var bp, fees, collected shebao.Fen
		for _, a := range acc {
			if a.Period >= 202511 && a.Period <= 202604 {
				bp, fees, collected = bp+a.Backpay, fees+a.LateFee, collected+a.Collected
				if a.Balance != 0 {
					t.Errorf("account %s: %+v", a.Period, a)
				}
			}
		}
		if bp != principal || collected != principal+fees || collected != part+rest {
			t.Errorf("account of the back-pay: %s, fees %s, collected %s; paid %s then %s", bp, fees, collected, principal+fee, rest)
		}
		if fees <= fee {
			t.Errorf("the fee stopped at the first payment: %s, %s on 20 July", fees, fee)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// yuan reads an amount of the list.
func yuan(t *testing.T, s string) shebao.Fen {
	t.Helper()
	v, err := shebao.ParseYuan(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return v
}

// partial writes a result file paying every line of the list in full but
// line key, paid in part (paid).
func partial(recs [][]string, key string, paid shebao.Fen) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append(append([]string{}, recs[0]...), collection.ResultHeader...))
	for _, r := range recs[1 : len(recs)-1] {
		o := []string{"成功", "", ""}
		if r[1] == key {
			o = []string{"部分", paid.Yuan(), ""}
		}
		w.Write(append(append([]string{}, r...), o...))
	}
	w.Flush()
	return buf.Bytes()
}
