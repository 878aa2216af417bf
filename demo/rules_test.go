package demo_test

import (
	"context"
	"testing"
	"time"

	"shebao"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestHistoryObeysTheRules loads a district on a day before the cutoff and
// on one after it, and checks its history against the rules the engine
// enforces: the counter takes items on days 1–15 only, every enrollment and
// resumption has a registration with its unit made before its day, every
// item belongs to the period of its day, every coverage comes from an
// approved item, and the periods before the current one are closed.
func TestHistoryObeysTheRules(t *testing.T) {
	size := demo.Size{Units: 3, PeoplePerUnit: 12, HistoryMonths: 8, CloseMonths: 3}
	for _, day := range []shebao.Date{shebao.NewDate(2026, 7, 8), shebao.NewDate(2026, 11, 20)} {
		t.Run(day.String(), func(t *testing.T) {
			sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
				clock := demotest.NewClock(day)
				if _, err := demo.Load(t.Context(), db, clock, size, 4); err != nil {
					t.Fatal(err)
				}
				err := db.View(t.Context(), func(tx shebao.Tx) error {
					return checkHistory(t, t.Context(), tx, clock.Now(), size)
				})
				if err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}

func checkHistory(t *testing.T, ctx context.Context, tx shebao.Tx, now time.Time, size demo.Size) error {
	items, _, err := tx.Items(ctx, shebao.ItemFilter{Limit: 100000})
	if err != nil {
		return err
	}
	byID := map[int64]shebao.Item{}
	persons := map[int64]bool{}
	counted := map[shebao.Channel]int{}
	for _, it := range items {
		byID[it.ID] = it
		persons[it.PersonID] = true
		counted[it.Channel]++
		day := shebao.DateOf(it.CreatedAt)
		pol, err := tx.Policy(ctx, day.Year())
		if err != nil {
			return err
		}
		switch {
		case it.Status != shebao.StatusApproved:
			t.Errorf("item %d (%s, %s): status %s, want approved", it.ID, it.Type, day, it.Status)
		case !it.CreatedAt.Before(now):
			t.Errorf("item %d created %s, after now %s", it.ID, it.CreatedAt, now)
		case it.Channel == shebao.Counter && !rules.CounterOpen(day, pol.CounterLastDay):
			t.Errorf("item %d (%s): at the counter on %s, after day %d", it.ID, it.Type, day, pol.CounterLastDay)
		case it.Period != rules.BusinessPeriod(day, pol.CutoffDay):
			t.Errorf("item %d of %s: period %s", it.ID, day, it.Period)
		case it.Channel == shebao.SelfService && it.Terminal == "":
			t.Errorf("item %d: self-service without a terminal", it.ID)
		}
		if it.Type == shebao.ItemEnroll || it.Type == shebao.ItemResume {
			if err := checkRegistration(t, ctx, tx, it, day); err != nil {
				return err
			}
		}
	}
	for _, ch := range shebao.Channels {
		if counted[ch] == 0 {
			t.Errorf("no item on channel %s", ch)
		}
	}
	for id := range persons {
		cs, err := tx.Coverages(ctx, id)
		if err != nil {
			return err
		}
		for _, c := range cs {
			it, ok := byID[c.ItemID]
			if !ok || it.PersonID != id || it.UnitID != c.UnitID || it.Period != c.FirstPeriod || it.Type == shebao.ItemStop {
				t.Errorf("coverage of person %d at unit %d from %s: no enrollment or resumption made it (item %d)", id, c.UnitID, c.FirstPeriod, c.ItemID)
			}
		}
	}
	cur := rules.BusinessPeriod(shebao.DateOf(now), 15)
	for i := 1; i <= size.CloseMonths; i++ {
		run, err := tx.AssessmentRun(ctx, cur.AddMonths(-i))
		if err != nil || run.Status != shebao.AssessmentClosed {
			t.Errorf("period %s: run %+v, %v; want closed", cur.AddMonths(-i), run, err)
		}
	}
	return nil
}

// checkRegistration checks that an enrollment or resumption on day had a
// registration of its person with its unit, made before that day, not
// ended before it, whose employment had started by the item's period.
func checkRegistration(t *testing.T, ctx context.Context, tx shebao.Tx, it shebao.Item, day shebao.Date) error {
	regs, err := tx.Registrations(ctx, it.PersonID)
	if err != nil {
		return err
	}
	for _, r := range regs {
		if r.UnitID == it.UnitID && r.RegisteredOn < day && r.Start.Period() <= it.Period && (r.End.IsZero() || r.End >= day) {
			return nil
		}
	}
	t.Errorf("item %d (%s of person %d at unit %d on %s): no registration made before: %+v", it.ID, it.Type, it.PersonID, it.UnitID, day, regs)
	return nil
}
