package stats_test

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
	"shebao/stats"
)

// failOne applies a result file for p in which unit code's deduction
// failed and every other line was paid.
func failOne(t *testing.T, s *collection.Service, clerk shebao.Actor, p shebao.Period, code string) {
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
		o := []string{"成功", "", ""}
		if r[2] == code {
			o = []string{"失败", "", "余额不足"}
		}
		w.Write(append(append([]string{}, r...), o...))
	}
	w.Flush()
	if rep, err := s.Import(t.Context(), clerk, p, buf.Bytes(), true); err != nil || !rep.Applied {
		t.Fatalf("import: %+v %v", rep, err)
	}
}

// TestCollectionView: the office's collection figures agree with what the
// collection service tells each unit (one truth): a closed month's
// expected sum is its units' sums; after a result file in which unit B
// failed, collected is the rest and failed is B's sum; the units in
// arrears after the deduction day are those UnitOwed lists, with the same
// principal; a payment at the counter collects B's month without undoing
// "failed", and clears the arrears. Both databases.
func TestCollectionView(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		f := demotest.Load(t, db)
		set := demotest.Services(t, db, f.Clock)
		const p = shebao.Period(202606)
		if _, err := set.Billing.Assess(ctx, p, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := set.Billing.Close(ctx, p); err != nil {
			t.Fatal(err)
		}
		var units []shebao.Unit
		sums := map[int64]shebao.Fen{}
		var expected shebao.Fen
		err := db.View(ctx, func(tx shebao.Tx) error {
			var err error
			if units, _, err = tx.Units(ctx, "", 1000, 0); err != nil {
				return err
			}
			for _, u := range units {
				us, err := tx.UnitPeriodSums(ctx, u.ID)
				if err != nil {
					return err
				}
				for _, s := range us {
					if s.Period == p {
						sums[u.ID] = s.Employer + s.Employee
						expected += s.Employer + s.Employee
					}
				}
			}
			return nil
		})
		if err != nil || sums[f.UnitB.ID] == 0 {
			t.Fatalf("unit sums: %v %v", err, sums)
		}
		report := func() stats.Collection {
			t.Helper()
			rep, err := set.Stats.Report(ctx, f.Clerk, 202605, 202607)
			if err != nil {
				t.Fatal(err)
			}
			return rep.Collection
		}
		c := report()
		if len(c.Months) != 3 || c.Months[2].Closed || !c.Months[1].Closed {
			t.Fatalf("months: %+v", c.Months)
		}
		if m := c.Months[1]; m.Expected != expected || m.Collected != 0 || m.Failed != 0 || m.Units != len(sums) || m.UnitsOwing != len(sums) {
			t.Fatalf("2026-06 closed, not collected: %+v, want expected %s over %d units", m, expected, len(sums))
		}

		failOne(t, set.Collection, f.Clerk, p, f.UnitB.CreditCode)
		c = report()
		m := c.Months[1]
		if m.Collected != expected-sums[f.UnitB.ID] || m.Failed != sums[f.UnitB.ID] || m.UnitsFailed != 1 || m.UnitsOwing != 1 ||
			m.UnitsPaid != len(sums)-1 {
			t.Fatalf("after the result file: %+v; B owes %s", m, sums[f.UnitB.ID])
		}
		if want := (stats.Ratio{Num: int64(m.Collected), Den: int64(expected)}); m.Rate != want || c.Rate != want {
			t.Errorf("rate %v (range %v), want %v", m.Rate, c.Rate, want)
		}
		if c.Through != 202605 || c.ArrearsUnits() != 0 {
			t.Errorf("on 8 July June is not in arrears yet: through %s, %d units", c.Through, c.ArrearsUnits())
		}

		f.Clock.Set(shebao.NewDate(2026, 7, 25).Time().Add(10 * time.Hour))
		// What the collection service tells each unit it owes (every
		// closed month is past its deduction day on 25 July).
		truth := func() (n int, owed shebao.Fen, bOwes bool) {
			t.Helper()
			for _, u := range units {
				o, err := set.Collection.UnitOwed(ctx, f.Clerk, u.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(o) > 0 {
					n++
				}
				for _, po := range o {
					owed += po.Principal
					bOwes = bOwes || u.ID == f.UnitB.ID && po.Period == p
				}
			}
			return n, owed, bOwes
		}
		c = report()
		n, owed, bOwes := truth()
		if c.Through != p || c.ArrearsUnits() != n || c.ArrearsOwed() != owed || !bOwes {
			t.Fatalf("arrears on 25 July: through %s, %d units owing %s; UnitOwed says %d owing %s", c.Through,
				c.ArrearsUnits(), c.ArrearsOwed(), n, owed)
		}
		if len(c.Arrears) != 3 || c.Arrears[0].MonthsLabel() != "1" || c.Arrears[1].MonthsLabel() != "2–3" || c.Arrears[2].MonthsLabel() != "4+" {
			t.Errorf("buckets: %+v", c.Arrears)
		}

		if _, err := set.Collection.RecordPayment(ctx, f.Clerk, f.UnitB.ID, p, "窗口缴纳", "k"); err != nil {
			t.Fatal(err)
		}
		c = report()
		n, owed, _ = truth()
		if m := c.Months[1]; m.Collected != expected || m.Failed != sums[f.UnitB.ID] || m.UnitsOwing != 0 ||
			c.ArrearsUnits() != n || c.ArrearsOwed() != owed {
			t.Errorf("after the counter: %+v, %d units in arrears owing %s; UnitOwed says %d owing %s", m,
				c.ArrearsUnits(), c.ArrearsOwed(), n, owed)
		}

		tr := func(k string, a ...string) string { return i18n.T(i18n.ZH, k, a...) }
		if svg := stats.CollectionChart(c, tr); !strings.Contains(svg, "<title>2026-06: 应收") || strings.Contains(svg, "<script") {
			t.Errorf("chart: %.300s", svg)
		}
		rep, err := set.Stats.Report(ctx, f.Clerk, 202605, 202607)
		if err != nil {
			t.Fatal(err)
		}
		var book bytes.Buffer
		if err := stats.WriteXLSX(&book, rep, tr); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&book)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, err := x.GetRows("征收情况")
		if err != nil || len(rows) < 4 || rows[2][0] != "2026-06" || rows[3][1] != "未关账" {
			t.Fatalf("the collection sheet: %v %q", err, rows)
		}
	})
}
