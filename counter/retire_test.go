package counter_test

import (
	"context"
	"encoding/json"
	"testing"

	"shebao"
	"shebao/counter"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// retireDocs are the documents of a retirement payment.
var retireDocs = []string{"id_original", "hukou", "personnel_file", "retire_form", "bank_card", "unit_letter"}

// insuredSince creates a man born on birth, insured at unit for every
// insurance type from first on, and returns his ID number.
func insuredSince(t *testing.T, db *sqldb.DB, unit int64, birth shebao.Date, seq string, first shebao.Period) (string, int64) {
	t.Helper()
	first17 := "110108" + birth.String()[:4] + birth.String()[5:7] + birth.String()[8:] + seq
	p := shebao.Person{IDNumber: first17 + string(rules.IDCheckChar(first17)), Name: "退休" + seq, Sex: shebao.Male, BirthDate: birth}
	err := db.InTx(context.Background(), func(tx shebao.Tx) error {
		ctx := context.Background()
		if err := tx.CreatePerson(ctx, &p); err != nil {
			return err
		}
		for _, ins := range shebao.Insurances {
			c := shebao.Coverage{PersonID: p.ID, UnitID: unit, Insurance: ins, Status: shebao.CoverageActive,
				FirstPeriod: first, Base: 800000}
			if err := tx.InsertCoverage(ctx, &c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return p.IDNumber, p.ID
}

// TestRetirePayChecksThePreReview records retirement payments at the
// counter on 2026-07-15: a man past the statutory age (2017-09) with six
// months contributed is refused, 174 months short, unless the clerk records
// why; the clerk sees the same answer before recording; a man who meets
// the minimum is recorded at once. A recorded retirement stops the person's
// coverages from the next period: he is billed for July, not for August,
// and leaves the roster.
func TestRetirePayChecksThePreReview(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, clerk, guide := setup(t, db)
		ctx := context.Background()
		a := unitID(t, db, guide.UnitACode)
		short, shortID := insuredSince(t, db, a, 19570910, "313", 202601)
		ok, okID := insuredSince(t, db, a, 19600110, "317", 200901)

		rv, err := s.RetireCheck(ctx, clerk, a, short)
		if err != nil || !rv.Reached || rv.Review.Eligible || rv.Review.ShortMonths != 174 || rv.CanRetireNow() {
			t.Fatalf("pre-review at the counter: %+v %v", rv, err)
		}
		req := counter.Request{Type: shebao.ItemRetirePay, UnitID: a, IDNumber: short, Documents: retireDocs}
		_, err = s.Record(ctx, clerk, req)
		if e := shebao.AsError(err); e.Code != shebao.EREFUSED || e.Reason != counter.ReasonRetireShort || e.Field != "override_reason" ||
			len(e.Args) == 0 || e.Args[0] != "174" {
			t.Fatalf("short of the minimum, no reason: %v", err)
		}
		req.OverrideReason = "已一次性补缴，税务缴费凭证号 2026-0001"
		it, err := s.Record(ctx, clerk, req)
		if err != nil || it.Status != shebao.StatusApproved {
			t.Fatalf("with a reason: %+v %v", it, err)
		}
		var pl counter.Payload
		if err := json.Unmarshal([]byte(it.Payload), &pl); err != nil || pl.OverrideReason != req.OverrideReason ||
			pl.Retirement == nil || pl.Retirement.ShortMonths != 174 || pl.Stopped != len(shebao.Insurances) {
			t.Errorf("payload %s (%v)", it.Payload, err)
		}

		it, err = s.Record(ctx, clerk, counter.Request{Type: shebao.ItemRetirePay, UnitID: a, IDNumber: ok, Documents: retireDocs})
		if err != nil || it.Status != shebao.StatusApproved {
			t.Fatalf("eligible: %+v %v", it, err)
		}

		err = db.View(ctx, func(tx shebao.Tx) error {
			for _, c := range []struct {
				p    shebao.Period
				want bool
			}{{202607, true}, {202608, false}} {
				covs, err := tx.PeriodCoverages(ctx, a, c.p)
				if err != nil {
					return err
				}
				found := map[int64]bool{}
				for _, cv := range covs {
					found[cv.PersonID] = true
				}
				if found[shortID] != c.want || found[okID] != c.want {
					t.Errorf("%s: billed %v and %v, want %v", c.p, found[shortID], found[okID], c.want)
				}
			}
			roster, _, err := tx.Roster(ctx, a, short, 10, 0)
			if len(roster) != 0 {
				t.Errorf("still on the roster: %+v", roster)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
