package handling_test

import (
	"context"
	"testing"

	"shebao"
	"shebao/billing"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestRosterShowsTheBillsBase checks that every roster entry shows the base
// the bill of the current business period applies to the person's pension
// line (the base in force, clamped to the year's bounds), not the base
// stored on the coverage.
func TestRosterShowsTheBillsBase(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, opA, _ := district(t, db)
		ctx := context.Background()
		bs := &billing.Service{Store: db, Clock: s.Clock}
		cur, err := bs.CurrentPeriod(ctx)
		if err != nil {
			t.Fatal(err)
		}
		b, err := bs.Bill(ctx, opA, 0, cur)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]shebao.Fen{}
		for _, m := range b.Persons {
			for _, l := range m.Lines {
				if l.Insurance == shebao.Pension {
					want[m.PersonID] = l.Base.Base
				}
			}
		}
		rows, total, err := s.Roster(ctx, opA, 0, "", 500, 0)
		if err != nil || total == 0 || len(rows) != total {
			t.Fatalf("roster: %d of %d rows (%v)", len(rows), total, err)
		}
		for _, r := range rows {
			w, ok := want[r.Person.ID]
			if !ok {
				continue // no pension line this period
			}
			if r.Base != w || r.BasePeriod != cur {
				t.Errorf("%s: roster base %v (%s), bill %v (%s)", r.Person.Name, r.Base, r.BasePeriod, w, cur)
			}
			if r.Base < b.Policy.BaseFloor {
				t.Errorf("%s: roster base %v below the floor %v", r.Person.Name, r.Base, b.Policy.BaseFloor)
			}
		}
	})
}
