package sqldb_test

import (
	"sync"
	"testing"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestCoverages(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u1 := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		u2 := newUnit(t, db, "91110000BBBBBBBBB2", "乙公司")
		p := newPerson(t, db, idNumber(1), "张三")
		pension := shebao.Coverage{PersonID: p.ID, UnitID: u1.ID, Insurance: shebao.Pension,
			Status: shebao.CoverageActive, FirstPeriod: 202601, Base: 800000, ItemID: 11}
		medical := pension
		medical.Insurance = shebao.Medical
		update(t, db, func(tx shebao.Tx) error {
			if err := tx.InsertCoverage(ctx, &pension); err != nil {
				return err
			}
			return tx.InsertCoverage(ctx, &medical)
		})

		// A second active pension coverage, even at another unit, conflicts.
		dup := pension
		dup.ID, dup.UnitID = 0, u2.ID
		err := db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertCoverage(ctx, &dup) })
		wantCode(t, err, shebao.ECONFLICT)

		var n int
		update(t, db, func(tx shebao.Tx) (err error) { n, err = tx.StopCoverages(ctx, p.ID, u1.ID, 202606); return err })
		if n != 2 {
			t.Errorf("StopCoverages = %d, want 2", n)
		}
		update(t, db, func(tx shebao.Tx) (err error) { n, err = tx.StopCoverages(ctx, p.ID, u1.ID, 202606); return err })
		if n != 0 {
			t.Errorf("second StopCoverages = %d, want 0", n)
		}
		pension.Status, pension.LastPeriod = shebao.CoverageStopped, 202606
		medical.Status, medical.LastPeriod = shebao.CoverageStopped, 202606

		// Once stopped, the person may be insured again (at another unit).
		update(t, db, func(tx shebao.Tx) error { return tx.InsertCoverage(ctx, &dup) })
		view(t, db, func(tx shebao.Tx) error {
			got, err := tx.Coverages(ctx, p.ID)
			diff(t, "Coverages", got, []shebao.Coverage{dup, medical, pension})
			return err
		})
	})
}

// TestCoverageRace has two transactions insert the same person's active
// pension coverage at once: exactly one must win, the other get ECONFLICT.
func TestCoverageRace(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		units := []shebao.Unit{newUnit(t, db, "91110000AAAAAAAAA1", "甲公司"), newUnit(t, db, "91110000BBBBBBBBB2", "乙公司")}
		for round := range 5 {
			p := newPerson(t, db, idNumber(round), "张三")
			start := make(chan struct{})
			errs := make([]error, len(units))
			var wg sync.WaitGroup
			for i, u := range units {
				wg.Go(func() {
					<-start
					errs[i] = db.InTx(ctx, func(tx shebao.Tx) error {
						if _, err := tx.Coverages(ctx, p.ID); err != nil { // the engine reads first
							return err
						}
						return tx.InsertCoverage(ctx, &shebao.Coverage{PersonID: p.ID, UnitID: u.ID,
							Insurance: shebao.Pension, Status: shebao.CoverageActive, FirstPeriod: 202607, Base: 500000})
					})
				})
			}
			close(start)
			wg.Wait()
			won := 0
			for _, err := range errs {
				if err == nil {
					won++
				} else {
					wantCode(t, err, shebao.ECONFLICT)
				}
			}
			if won != 1 {
				t.Fatalf("round %d: %d winners, want 1 (errors %v)", round, won, errs)
			}
		}
	})
}

func TestRoster(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		other := newUnit(t, db, "91110000BBBBBBBBB2", "乙公司")
		zhang := newPerson(t, db, idNumber(1), "张三")
		li := newPerson(t, db, idNumber(2), "李四")
		wang := newPerson(t, db, idNumber(3), "王五") // stopped: not on the roster
		zhao := newPerson(t, db, idNumber(4), "赵六") // insured at the other unit
		cov := func(p shebao.Person, u shebao.Unit, in shebao.Insurance, first shebao.Period, base shebao.Fen) *shebao.Coverage {
			return &shebao.Coverage{PersonID: p.ID, UnitID: u.ID, Insurance: in, Status: shebao.CoverageActive, FirstPeriod: first, Base: base}
		}
		update(t, db, func(tx shebao.Tx) error {
			for _, c := range []*shebao.Coverage{
				cov(zhang, u, shebao.Injury, 202601, 900000),
				cov(zhang, u, shebao.Pension, 202603, 700000),
				cov(zhang, u, shebao.Medical, 202602, 700000),
				cov(li, u, shebao.Medical, 202605, 600000), // no pension: the largest base
				cov(li, u, shebao.Unemployment, 202604, 650000),
				cov(wang, u, shebao.Pension, 202601, 500000),
				cov(zhao, other, shebao.Pension, 202601, 500000),
			} {
				if err := tx.InsertCoverage(ctx, c); err != nil {
					return err
				}
			}
			_, err := tx.StopCoverages(ctx, wang.ID, u.ID, 202605)
			return err
		})
		zhangEntry := shebao.RosterEntry{Person: zhang, FirstPeriod: 202601, Base: 700000,
			Insurances: []shebao.Insurance{shebao.Pension, shebao.Medical, shebao.Injury}}
		liEntry := shebao.RosterEntry{Person: li, FirstPeriod: 202604, Base: 650000,
			Insurances: []shebao.Insurance{shebao.Medical, shebao.Unemployment}}
		// Names sort by the database's collation; compare with what it says.
		first, second := zhangEntry, liEntry
		view(t, db, func(tx shebao.Tx) error {
			got, _, err := tx.Roster(ctx, u.ID, "", 1, 0)
			if err == nil && len(got) == 1 && got[0].Person.ID == li.ID {
				first, second = liEntry, zhangEntry
			}
			return err
		})
		tests := []struct {
			q             string
			limit, offset int
			want          []shebao.RosterEntry
			total         int
		}{
			{"", 0, 0, []shebao.RosterEntry{first, second}, 2},
			{"", 1, 1, []shebao.RosterEntry{second}, 2},
			{"李", 0, 0, []shebao.RosterEntry{liEntry}, 1},
			{li.IDNumber[12:], 0, 0, []shebao.RosterEntry{liEntry}, 1},
			{"x", 0, 0, []shebao.RosterEntry{first, second}, 2}, // every test ID number ends in X
			{"王五", 0, 0, nil, 0},
		}
		for _, tt := range tests {
			view(t, db, func(tx shebao.Tx) error {
				got, total, err := tx.Roster(ctx, u.ID, tt.q, tt.limit, tt.offset)
				diff(t, "Roster("+tt.q+")", got, tt.want)
				if total != tt.total {
					t.Errorf("Roster(%q) total = %d, want %d", tt.q, total, tt.total)
				}
				return err
			})
		}
	})
}
