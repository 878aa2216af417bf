package retirement_test

import (
	"encoding/json"
	"testing"

	"shebao"
	"shebao/catalogue"
	"shebao/demo/demotest"
	"shebao/retirement"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestReviewAtCohortBoundaries runs the pre-review through the service for
// persons born at each cohort boundary of the three groups, insured at
// unit A since 2010-01 (198 months through 2026-06).
func TestReviewAtCohortBoundaries(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &retirement.Service{Store: db, Clock: f.Clock}
		tests := []struct {
			name      string
			sex       shebao.Sex
			post      shebao.PostCategory
			birth     shebao.Date
			statutory shebao.Period
			min       int
		}{
			{"men: last undelayed", shebao.Male, "", 19641231, 202412, 180},
			{"men: first delayed", shebao.Male, "", 19650101, 202502, 180},
			{"men: step 2", shebao.Male, "", 19650501, 202507, 180},
			{"men: before the cap", shebao.Male, "", 19760831, 203907, 240},
			{"men: cap", shebao.Male, "", 19760901, 203909, 240},
			{"women55: last undelayed", shebao.Female, shebao.PostCadre, 19691231, 202412, 180},
			{"women55: first delayed", shebao.Female, shebao.PostCadre, 19700101, 202502, 180},
			{"women55: cap", shebao.Female, shebao.PostCadre, 19810901, 203909, 240},
			{"women50: last undelayed", shebao.Female, shebao.PostWorker, 19741231, 202412, 180},
			{"women50: first delayed", shebao.Female, shebao.PostWorker, 19750101, 202502, 180},
			{"women50: step 2", shebao.Female, shebao.PostWorker, 19750301, 202505, 180},
			{"women50: cap", shebao.Female, shebao.PostWorker, 19841101, 203911, 240},
			{"minimum 2030", shebao.Male, "", 19690101, 203002, 186},
			{"minimum 2035", shebao.Male, "", 19730501, 203507, 216},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := f.Insured(t, f.UnitA.ID, tt.sex, tt.post, tt.birth, 201001, 0)
				res, err := s.Review(t.Context(), f.OpA, retirement.Request{IDNumber: p.IDNumber})
				if err != nil {
					t.Fatal(err)
				}
				want, _ := rules.ReviewRetirement(tt.birth, tt.sex, tt.post, 198, demotest.Today)
				if res.Review != want || res.Review.StatutoryMonth != tt.statutory || res.Review.MinMonths != tt.min {
					t.Errorf("review = %+v\nwant statutory %v, minimum %d (%+v)", res.Review, tt.statutory, tt.min, want)
				}
				// Today is in 2026-07: a statutory month up to it has been reached.
				if res.Reached != (tt.statutory <= 202607) {
					t.Errorf("reached = %v for statutory %v in 2026-07", res.Reached, tt.statutory)
				}
				if res.Through != 202606 || res.Review.ContributedMonths != 198 {
					t.Errorf("contributed %d through %v, want 198 through 2026-06", res.Review.ContributedMonths, res.Through)
				}
				it := f.Item(t, res.Item.ID)
				var pl retirement.Payload
				if err := json.Unmarshal([]byte(it.Payload), &pl); err != nil {
					t.Fatal(err)
				}
				if it.Type != shebao.ItemRetireReview || it.Status != shebao.StatusApproved || it.PersonID != p.ID ||
					pl.StatutoryMonth != tt.statutory.String() || pl.MinMonths != tt.min {
					t.Errorf("item %+v, payload %+v", it, pl)
				}
			})
		}
		// Short of the minimum: 138 months, past the statutory month.
		p := f.Insured(t, f.UnitA.ID, shebao.Male, "", 19650101, 201501, 0)
		res, err := s.Review(t.Context(), f.OpA, retirement.Request{IDNumber: p.IDNumber})
		if err != nil || res.Review.Eligible || res.Review.ShortMonths != 180-138 || res.Review.EarliestElastic != 0 || !res.Reached {
			t.Errorf("short: %+v %v", res.Review, err)
		}
	})
}

// TestContributedMonths: distinct pension months at any unit, overlaps
// counted once, through the month before today's.
func TestContributedMonths(t *testing.T) {
	cs := []shebao.Coverage{
		{Insurance: shebao.Pension, Status: shebao.CoverageStopped, FirstPeriod: 201001, LastPeriod: 201012},
		{Insurance: shebao.Pension, Status: shebao.CoverageStopped, FirstPeriod: 201006, LastPeriod: 201105},
		{Insurance: shebao.Medical, Status: shebao.CoverageStopped, FirstPeriod: 200001, LastPeriod: 200912},
		{Insurance: shebao.Pension, Status: shebao.CoverageStopped, FirstPeriod: 201203, LastPeriod: 201202},
		{Insurance: shebao.Pension, Status: shebao.CoverageActive, FirstPeriod: 202601},
		{Insurance: shebao.Pension, Status: shebao.CoverageActive, FirstPeriod: 202608},
	}
	if got := retirement.ContributedMonths(cs, 202606); got != 17+6 {
		t.Errorf("ContributedMonths = %d, want 23", got)
	}
}

// TestReviewBadInput: a woman without post category, a stored birth date
// before 1900 or in the future, another unit's person, legacy and malformed
// ID numbers each get a clear answer, and write nothing.
func TestReviewBadInput(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &retirement.Service{Store: db, Clock: f.Clock}
		ctx := t.Context()
		noPost := f.Insured(t, f.UnitA.ID, shebao.Female, shebao.PostNone, 19800101, 201001, 0)
		old := f.Insured(t, f.UnitA.ID, shebao.Male, "", 19600101, 201001, 0)
		future := f.Insured(t, f.UnitA.ID, shebao.Male, "", 19600102, 201001, 0)
		for id, birth := range map[int64]shebao.Date{old.ID: 18991231, future.ID: 20270101} {
			err := db.InTx(ctx, func(tx shebao.Tx) error {
				p, err := tx.Person(ctx, id)
				if err != nil {
					return err
				}
				p.BirthDate = birth
				return tx.UpdatePerson(ctx, p)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		elsewhere := f.Insured(t, f.UnitB.ID, shebao.Male, "", 19700101, 201001, 0)
		tests := []struct {
			name, id, code, reason string
		}{
			{"no post category", noPost.IDNumber, shebao.EREFUSED, catalogue.ReasonPostCategory},
			{"born before 1900", old.IDNumber, shebao.EREFUSED, catalogue.ReasonBirthRange},
			{"born in the future", future.IDNumber, shebao.EREFUSED, catalogue.ReasonBirthRange},
			{"another unit's person", elsewhere.IDNumber, shebao.EREFUSED, catalogue.ReasonNotOfUnit},
			{"unknown person", f.IDNumber(19700101, shebao.Male), shebao.EREFUSED, shebao.ReasonPersonUnknown},
			{"legacy number", "110105710101123", shebao.EINVALID, shebao.ReasonIDLegacy},
			{"malformed number", "11010519700101", shebao.EINVALID, shebao.ReasonIDLength},
			{"empty", " ", shebao.EINVALID, shebao.ReasonRequired},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.Review(ctx, f.OpA, retirement.Request{IDNumber: tt.id})
				demotest.WantError(t, err, tt.code, tt.reason)
			})
		}
		var n int
		err := db.View(ctx, func(tx shebao.Tx) error {
			var err error
			_, n, err = tx.Items(ctx, shebao.ItemFilter{Type: shebao.ItemRetireReview})
			return err
		})
		if err != nil || n != 0 {
			t.Errorf("refused pre-reviews wrote %d items (%v)", n, err)
		}
		// The reviewer role does not submit items; unit B's operator sees its own person.
		_, err = s.Review(ctx, f.Reviewer, retirement.Request{UnitID: f.UnitA.ID, IDNumber: old.IDNumber})
		demotest.WantError(t, err, shebao.EFORBIDDEN, "")
		if _, err := s.Review(ctx, f.OpB, retirement.Request{IDNumber: elsewhere.IDNumber}); err != nil {
			t.Errorf("unit B's own person: %v", err)
		}
	})
}
