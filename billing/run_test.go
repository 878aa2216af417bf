package billing

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"shebao"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// edgeBases are bases around every clamp and rounding edge of testPolicy.
var edgeBases = []shebao.Fen{1, 599_999, 600_000, 600_001, 700_100, 777_777, 800_000, 800_001,
	800_033, 2_999_999, 3_000_000, 3_000_001, shebao.MaxFen}

// randomDistrict fills db with units of every risk class (some with a
// floating rate) and persons with edge and random bases.
func randomDistrict(t *testing.T, db *sqldb.DB, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 1))
	n := 0
	for class := 0; class <= 9; class++ { // 0 and 9 are outside 1–8: injury rate 0
		u := addUnit(t, db, class, class)
		// Within the class's grades: a run refuses a rate outside them
		// (OutsideGrades); floatgrades_test.go tests that.
		lo, hi := rules.InjuryFloatBounds(testPolicy(), class)
		float := lo + r.Int64N(hi-lo+1)
		mustTx(t, db, func(tx shebao.Tx) error {
			return tx.SetUnitInjuryFloat(t.Context(), shebao.UnitRate{UnitID: u.ID, Year: 2026, InjuryFloat: float})
		})
		for i := 0; i < 6; i++ {
			base := edgeBases[r.IntN(len(edgeBases))]
			if i%2 == 1 {
				base = shebao.Fen(r.Int64N(4_000_000) + 1)
			}
			n++
			addPerson(t, db, u, n, base, 202501, 0)
		}
	}
	addPerson(t, db, addUnit(t, db, 99, 3), 999, 800_000, 202601, 202605) // stopped before the period
}

// The district run's SQL gives exactly what AssessLine gives, line by line,
// on both databases, and the same totals on both.
func TestAssessMatchesRule(t *testing.T) {
	var mu sync.Mutex
	totals := map[string]shebao.AssessmentRun{}
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		pol := savePolicy(t, db, withRounding(testPolicy(), shebao.Medical, shebao.RoundJiaoUp))
		randomDistrict(t, db, 7)
		s := testService(db, 20260710)
		run, err := s.Assess(t.Context(), 202607, nil)
		if err != nil {
			t.Fatal(err)
		}
		if run.Lines != 10*6*4 || run.Units != 10 || run.Status != shebao.AssessmentDone {
			t.Fatalf("run = %+v, want 240 lines of 10 units, assessed", run)
		}
		want, got := compareLines(t, db, pol, 202607)
		if got != want || run.Employer+run.Employee != want {
			t.Errorf("totals: lines %v, run %v, rule %v", got, run.Employer+run.Employee, want)
		}
		mu.Lock()
		totals[db.Dialect()] = run
		mu.Unlock()

		// A policy whose floor lies above its ceiling (ValidatePolicy refuses
		// it, but the rule still defines it): the ceiling wins, in SQL too.
		odd := testPolicy()
		odd.Year, odd.BaseFloor, odd.BaseCeiling = 2025, 800_000, 700_000
		odd = savePolicy(t, db, odd)
		mustTx(t, db, func(tx shebao.Tx) error {
			if err := tx.StartAssessment(t.Context(), 202512, 1); err != nil {
				return err
			}
			_, err := tx.AssessUnits(t.Context(), 202512, odd, 0, 1<<40)
			return err
		})
		compareLines(t, db, odd, 202512)
	})
	if a, b := totals[sqldb.SQLite], totals[sqldb.Postgres]; b.Lines > 0 {
		if a.Employer != b.Employer || a.Employee != b.Employee || a.Lines != b.Lines || a.Persons != b.Persons {
			t.Errorf("sqlite %+v != postgres %+v", a, b)
		}
	}
}

// compareLines compares every stored line of period p with AssessLine
// under pol, and returns the totals of both.
func compareLines(t *testing.T, db *sqldb.DB, pol shebao.Policy, p shebao.Period) (want, got shebao.Fen) {
	t.Helper()
	mustTx(t, db, func(tx shebao.Tx) error {
		ids, err := tx.UnitIDsAfter(t.Context(), 0, 1000)
		for _, id := range ids {
			u, _ := tx.Unit(t.Context(), id)
			terms, _ := TermsFor(t.Context(), tx, u, p.Year())
			stored, err := tx.AssessmentLines(t.Context(), p, id)
			if err != nil {
				return err
			}
			for _, l := range stored {
				wantLine := AssessLine(pol, terms, l.Insurance, l.StoredBase)
				wantLine.CoverageID = l.CoverageID
				if d := cmp.Diff(wantLine, storedLine(pol, l)); d != "" {
					t.Errorf("%s unit class %d line %+v (-rule +sql):\n%s", p, u.RiskClass, l, d)
				}
				want += wantLine.Total()
				got += l.Employer + l.Employee
			}
		}
		return err
	})
	return want, got
}

// snapshot returns every stored line and unit sum of a period's units.
func snapshot(t *testing.T, db *sqldb.DB, p shebao.Period) ([]shebao.AssessmentLine, []shebao.UnitPeriodSum) {
	var lines []shebao.AssessmentLine
	var sums []shebao.UnitPeriodSum
	mustTx(t, db, func(tx shebao.Tx) error {
		ids, err := tx.UnitIDsAfter(t.Context(), 0, 1000)
		for _, id := range ids {
			ls, err := tx.AssessmentLines(t.Context(), p, id)
			if err != nil {
				return err
			}
			lines = append(lines, ls...)
			ss, err := tx.UnitPeriodSums(t.Context(), id)
			if err != nil {
				return err
			}
			sums = append(sums, ss...)
		}
		return err
	})
	return lines, sums
}

// A re-run gives identical rows; a closed period refuses re-assessment and
// a second close; only ended periods close; bad periods are refused.
func TestAssessIdempotentAndFrozen(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		savePolicy(t, db, testPolicy())
		randomDistrict(t, db, 11)
		ctx := t.Context()
		s := testService(db, 20260720) // business period 2026-08 after the 15th
		var steps []int
		first, err := s.Assess(ctx, 202607, func(done, total, _ int) { steps = append(steps, done*100/max(total, 1)) })
		if err != nil {
			t.Fatal(err)
		}
		if len(steps) < 2 || steps[0] != 0 || steps[len(steps)-1] != 100 {
			t.Errorf("progress = %v, want 0 … 100", steps)
		}
		lines1, _ := snapshot(t, db, 202607)
		second, err := s.Assess(ctx, 202607, nil)
		if err != nil {
			t.Fatal(err)
		}
		lines2, _ := snapshot(t, db, 202607)
		if d := cmp.Diff(lines1, lines2); d != "" || len(lines1) == 0 {
			t.Errorf("re-run changed the lines (%d):\n%s", len(lines1), d)
		}
		if first.Employer != second.Employer || first.Lines != second.Lines {
			t.Errorf("re-run totals %+v != %+v", second, first)
		}

		_, err = s.Close(ctx, 202608)
		wantErr(t, err, shebao.EREFUSED, shebao.ReasonPeriodNotEnded)
		_, err = s.Close(ctx, 202606)
		wantErr(t, err, shebao.EREFUSED, shebao.ReasonPeriodNotAssessed)
		closed, err := s.Close(ctx, 202607)
		if err != nil || closed.Status != shebao.AssessmentClosed || closed.ClosedAt.IsZero() {
			t.Fatalf("close = %+v, %v", closed, err)
		}
		_, err = s.Assess(ctx, 202607, nil)
		wantErr(t, err, shebao.EREFUSED, shebao.ReasonPeriodClosed)
		_, err = s.Close(ctx, 202607)
		wantErr(t, err, shebao.EREFUSED, shebao.ReasonPeriodClosed)
		mustTx(t, db, func(tx shebao.Tx) error { // the storage refuses too
			_, err := tx.AssessUnits(ctx, 202607, testPolicy(), 0, 1<<40)
			wantErr(t, err, shebao.EREFUSED, shebao.ReasonPeriodClosed)
			return nil
		})
		lines3, sums := snapshot(t, db, 202607)
		if d := cmp.Diff(lines1, lines3); d != "" {
			t.Errorf("closed period changed:\n%s", d)
		}
		if len(sums) != 11-1 || sums[0].Paid {
			t.Errorf("sums of the closed period = %+v", sums)
		}

		_, err = s.Assess(ctx, 202609, nil)
		wantErr(t, err, shebao.EINVALID, shebao.ReasonPeriodFuture)
		_, err = s.Assess(ctx, 202613, nil)
		wantErr(t, err, shebao.EINVALID, shebao.ReasonPeriodMalformed)
		_, err = s.Assess(ctx, 202512, nil)
		wantErr(t, err, shebao.EREFUSED, shebao.ReasonNoPolicy)
	})
}

// A re-run replaces the period's lines: a person whose coverages stopped
// before the period since the first run loses their lines and sums.
func TestAssessRerunDropsStoppedLines(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		savePolicy(t, db, testPolicy())
		u := addUnit(t, db, 1, 1)
		p := addPerson(t, db, u, 1, 800_000, 202601, 0)
		addPerson(t, db, u, 2, 900_000, 202601, 0)
		ctx := t.Context()
		s := testService(db, 20260720)
		first, err := s.Assess(ctx, 202607, nil)
		if err != nil {
			t.Fatal(err)
		}
		mustTx(t, db, func(tx shebao.Tx) error {
			_, err := tx.StopCoverages(ctx, p.ID, u.ID, 202606)
			return err
		})
		second, err := s.Assess(ctx, 202607, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Close(ctx, 202607); err != nil {
			t.Fatal(err)
		}
		lines, sums := snapshot(t, db, 202607) // sums of closed periods only
		if first.Lines != 8 || second.Lines != 4 || len(lines) != 4 || second.Persons != 1 {
			t.Errorf("lines %d then %d (stored %d), persons %d; want 8, then 4 of one person",
				first.Lines, second.Lines, len(lines), second.Persons)
		}
		for _, l := range lines {
			if l.PersonID == p.ID {
				t.Errorf("stopped person's line kept: %+v", l)
			}
		}
		if len(sums) != 1 || sums[0].Employer != second.Employer {
			t.Errorf("sums %+v, run employer %v", sums, second.Employer)
		}
	})
}
