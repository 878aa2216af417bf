package backpay_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"shebao"
	"shebao/backpay"
	"shebao/billing"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestBillingShowsBackpay approves a back-pay of 2025-11..2026-01 and
// checks that billing shows it, at the amounts quoted, exactly once: in
// the person's history (marked back-pay, late fee apart), in the unit's
// export (备注 补收, totals adding up) and among what the unit owes; the
// monthly assessment does not charge the months again.
func TestBillingShowsBackpay(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		id, pid := f.person(t, shebao.NewDate(2025, 1, 1), 0)
		it, q, err := f.s.Submit(ctx, f.op, backpay.Request{IDNumber: id, From: period("2025-11"), To: period("2026-01"), Wage: 900000})
		if err != nil || it.Status != shebao.StatusInReview {
			t.Fatalf("submit: %v %+v", err, it)
		}
		f.do(t, func(ctx context.Context, tx shebao.Tx) error {
			at := time.Now()
			if err := tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, shebao.StatusApproved, nil, at); err != nil {
				return err
			}
			return backpay.Hook(ctx, tx, it, true, at)
		})
		bs := &billing.Service{Store: db, Clock: shebao.FixedDayClock{Day: today}}

		h, err := bs.History(ctx, f.op, pid)
		if err != nil {
			t.Fatal(err)
		}
		var er, ee, fee shebao.Fen
		for _, m := range h.Months {
			if !m.Backpay || m.ItemID != it.ID || m.LateFee == 0 || m.Due() != m.Employer+m.Employee+m.LateFee {
				t.Errorf("history month %s = %+v, want a back-paid month of item %d", m.Period, m, it.ID)
			}
			er, ee, fee = er+m.Employer, ee+m.Employee, fee+m.LateFee
		}
		if len(h.Months) != 3 || er+ee+fee != q.Total {
			t.Errorf("history: %d months adding up to %v, quote %v", len(h.Months), er+ee+fee, q.Total)
		}

		dues, err := backpayDue(bs.Due(ctx, f.op, 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(dues) != 1 || dues[0].ItemID != it.ID || dues[0].Months != 3 || dues[0].Total() != q.Total ||
			dues[0].From != period("2025-11") || dues[0].To != period("2026-01") || dues[0].PersonID != pid {
			t.Errorf("owed back-pay = %+v, want item %d total %v", dues, it.ID, q.Total)
		}

		var due shebao.Fen
		var backpaid int
		var buf bytes.Buffer
		e, err := bs.WriteExport(ctx, f.op, 0, period("2025-11"), period("2026-01"), billing.FormatCSV,
			func(key string, _ ...string) string { return key }, func(string) (io.Writer, error) { return &buf, nil })
		if err != nil {
			t.Fatal(err)
		}
		_, err = bs.EachExportRow(ctx, f.op, 0, period("2025-11"), period("2026-01"), billing.ExportVisitor{
			Row: func(r billing.ExportRow) error {
				if r.IDNumber == id {
					t.Errorf("row %s of the back-paid person is assessed too: %+v", r.Period, r)
				}
				return nil
			},
			Backpay: func(r billing.BackpayRow) error {
				if r.IDNumber != id || r.ItemID != it.ID {
					t.Errorf("back-pay row %+v", r)
				}
				due += r.Due()
				backpaid++
				return nil
			}})
		if err != nil {
			t.Fatal(err)
		}
		if backpaid != 3 || due != q.Total || e.BackpaySum.Due() != q.Total {
			t.Errorf("export: %d back-paid rows due %v, want 3 due %v", backpaid, due, q.Total)
		}
		rd := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\xEF\xBB\xBF")))
		rd.FieldsPerRecord = -1
		recs, err := rd.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var notes int
		for _, r := range recs {
			if len(r) == 10 && r[2] == id {
				notes++
				if r[4] == "" || r[8] == "" || r[9] != strconv.FormatInt(it.ID, 10) {
					t.Errorf("CSV back-pay row = %v", r)
				}
			}
		}
		if notes != 3 || recs[len(recs)-1][5] != e.Charged().Due().Yuan() {
			t.Errorf("CSV: %d rows marked 补收, totals row %v", notes, recs[len(recs)-1])
		}
	})
}

// backpayDue is the back-pay items of what a unit owes (Service.Due).
func backpayDue(d billing.Due, err error) ([]billing.BackpayDue, error) { return d.Backpay, err }
