package review_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"shebao"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/handling"
	"shebao/review"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

var day = shebao.NewDate(2026, 7, 8)

// fixture is a district with a review queue whose back-pay hook counts its
// calls.
type fixture struct {
	db       *sqldb.DB
	s        *review.Service
	clock    *demotest.Clock
	guide    demo.Guide
	reviewer shebao.Actor
	approved atomic.Int32 // hook calls with approved
	returned atomic.Int32
	fail     error // the hook's error, if set
}

func setup(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{db: db, clock: demotest.NewClock(day)}
	f.guide = demotest.District(t, db, f.clock)
	hook := func(ctx context.Context, tx shebao.Tx, it shebao.Item, approved bool, at time.Time) error {
		if f.fail != nil {
			return f.fail
		}
		if it.Status == shebao.StatusInReview || !at.Equal(f.clock.Now()) {
			return errors.New("hook called with a stale item")
		}
		if approved {
			f.approved.Add(1)
		} else {
			f.returned.Add(1)
		}
		return nil
	}
	f.s = &review.Service{Store: db, Clock: f.clock, Hooks: map[shebao.ItemType]shebao.ReviewHook{shebao.ItemBackpay: hook}}
	f.reviewer = demotest.Actor(t, db, "reviewer")
	return f
}

// submitted puts a back-pay item of unit A in review, submitted ago before now.
func (f *fixture) submitted(t *testing.T, typ shebao.ItemType, ago time.Duration) shebao.Item {
	t.Helper()
	ctx := context.Background()
	var it shebao.Item
	err := f.db.InTx(ctx, func(tx shebao.Tx) error {
		u, err := tx.UnitByCreditCode(ctx, f.guide.UnitACode)
		if err != nil {
			return err
		}
		p, err := tx.PersonByIDNumber(ctx, f.guide.Stop[0])
		if err != nil {
			return err
		}
		it = shebao.Item{Type: typ, UnitID: u.ID, PersonID: p.ID, Channel: shebao.Online, Period: day.Period(),
			Status: shebao.StatusInReview, Payload: `{"months":["2026-01","2026-02"]}`, CreatedAt: f.clock.Now().Add(-ago)}
		return tx.InsertItem(ctx, &it)
	})
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func (f *fixture) item(t *testing.T, id int64) shebao.Item {
	t.Helper()
	var it shebao.Item
	err := f.db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		it, err = tx.Item(context.Background(), id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func TestQueueOldestFirstWithAge(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setup(t, db)
		ctx := context.Background()
		recent := f.submitted(t, shebao.ItemBackpay, 30*time.Second)
		old := f.submitted(t, shebao.ItemBackpay, 10*time.Minute)
		edge := f.submitted(t, shebao.ItemPersonChange, 3*time.Minute)
		q, err := f.s.List(ctx, f.reviewer, "", 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if q.Total != 3 || len(q.Entries) != 3 || q.Target != review.DefaultTarget {
			t.Fatalf("queue: %d of %d, target %s", len(q.Entries), q.Total, q.Target)
		}
		want := []struct {
			id   int64
			age  time.Duration
			late bool
		}{{old.ID, 10 * time.Minute, true}, {edge.ID, 3 * time.Minute, false}, {recent.ID, 30 * time.Second, false}}
		for i, w := range want {
			e := q.Entries[i]
			if e.ID != w.id || e.Age != w.age || e.Late != w.late || e.UnitName != f.guide.UnitA {
				t.Errorf("entry %d: id %d age %s late %v unit %q, want id %d age %s late %v", i, e.ID, e.Age, e.Late, e.UnitName, w.id, w.age, w.late)
			}
		}
		q, err = f.s.List(ctx, f.reviewer, shebao.ItemPersonChange, 10, 0)
		if err != nil || q.Total != 1 || q.Entries[0].ID != edge.ID {
			t.Errorf("queue of one type: %+v %v", q, err)
		}
	})
}

func TestDoubleDecision(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setup(t, db)
		ctx := context.Background()
		admin := demotest.Actor(t, db, "admin")
		const rounds = 8
		for i := 0; i < rounds; i++ {
			it := f.submitted(t, shebao.ItemBackpay, time.Minute)
			errs := make([]error, 2)
			var wg sync.WaitGroup
			var start sync.WaitGroup
			start.Add(1)
			for j, who := range []shebao.Actor{f.reviewer, admin} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					start.Wait()
					_, errs[j] = f.s.Decide(ctx, who, review.Decision{ItemID: it.ID, Approve: j == 0, Reason: "材料不全"})
				}()
			}
			start.Done()
			wg.Wait()
			wins := 0
			for _, err := range errs {
				switch {
				case err == nil:
					wins++
				case shebao.AsError(err).Reason != review.ReasonDecided:
					t.Fatalf("round %d: loser got %v, want %s", i, err, review.ReasonDecided)
				}
			}
			if wins != 1 {
				t.Fatalf("round %d: %d reviewers won (%v)", i, wins, errs)
			}
		}
		if n := f.approved.Load() + f.returned.Load(); n != rounds {
			t.Errorf("the hook ran %d times for %d items", n, rounds)
		}
		var n int
		err := db.View(ctx, func(tx shebao.Tx) error {
			var err error
			_, n, err = sqldbtest.AuditLog(ctx, tx, shebao.AuditFilter{Action: "review."})
			return err
		})
		if err != nil || n != rounds {
			t.Errorf("%d review audit entries for %d decisions (%v)", n, rounds, err)
		}
	})
}

func TestDecideWithdrawnItem(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setup(t, db)
		ctx := context.Background()
		it := f.submitted(t, shebao.ItemBackpay, time.Minute)
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			return tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, shebao.StatusWithdrawn, nil, f.clock.Now())
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.s.Decide(ctx, f.reviewer, review.Decision{ItemID: it.ID, Approve: true})
		demotest.WantError(t, err, shebao.ECONFLICT, review.ReasonWithdrawn)
		if f.approved.Load() != 0 || f.item(t, it.ID).Status != shebao.StatusWithdrawn {
			t.Error("deciding a withdrawn item changed something")
		}
		q, _ := f.s.List(ctx, f.reviewer, "", 10, 0)
		if q.Total != 0 {
			t.Errorf("a withdrawn item is still in the queue")
		}
	})
}

func TestReturnWithReason(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setup(t, db)
		ctx := context.Background()
		it := f.submitted(t, shebao.ItemBackpay, time.Minute)
		_, err := f.s.Decide(ctx, f.reviewer, review.Decision{ItemID: it.ID, Reason: "   "})
		demotest.WantError(t, err, shebao.EINVALID, shebao.ReasonRequired)
		got, err := f.s.Decide(ctx, f.reviewer, review.Decision{ItemID: it.ID, Reason: " 缺少 2026-01 工资流水 "})
		if err != nil || got.Status != shebao.StatusReturned || got.Note != "缺少 2026-01 工资流水" {
			t.Fatalf("return: %+v %v", got, err)
		}
		// The unit sees the outcome at once.
		op := demotest.Actor(t, db, f.guide.OperatorA)
		seen, err := (&handling.Service{Store: db, Clock: f.clock}).Item(ctx, op, it.ID)
		if err != nil || seen.Status != shebao.StatusReturned || seen.Note != "缺少 2026-01 工资流水" || !seen.DecidedAt.Equal(f.clock.Now()) {
			t.Errorf("the unit sees %+v %v", seen, err)
		}
		if f.returned.Load() != 1 || f.approved.Load() != 0 {
			t.Errorf("hook calls: %d approved, %d returned", f.approved.Load(), f.returned.Load())
		}
	})
}

func TestFailedHookChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setup(t, db)
		ctx := context.Background()
		it := f.submitted(t, shebao.ItemBackpay, time.Minute)
		f.fail = &shebao.Error{Code: shebao.EREFUSED, Reason: shebao.ReasonConflict}
		_, err := f.s.Decide(ctx, f.reviewer, review.Decision{ItemID: it.ID, Approve: true, Reason: "ok"})
		demotest.WantError(t, err, shebao.EREFUSED, shebao.ReasonConflict)
		if got := f.item(t, it.ID); got.Status != shebao.StatusInReview || got.Note != "" {
			t.Errorf("after a failed hook the item is %s with note %q", got.Status, got.Note)
		}
		// A type without a hook cannot be decided.
		other := f.submitted(t, shebao.ItemUnitChange, time.Minute)
		_, err = f.s.Decide(ctx, f.reviewer, review.Decision{ItemID: other.ID, Approve: true})
		demotest.WantError(t, err, shebao.EREFUSED, review.ReasonNoHook)
		_, err = f.s.Decide(ctx, f.reviewer, review.Decision{ItemID: 987654, Approve: true})
		demotest.WantError(t, err, shebao.ENOTFOUND, "")
	})
}

func TestReviewRoles(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := setup(t, db)
		ctx := context.Background()
		it := f.submitted(t, shebao.ItemBackpay, time.Minute)
		for _, name := range []string{"clerk", f.guide.OperatorA} {
			who := demotest.Actor(t, db, name)
			_, err := f.s.List(ctx, who, "", 10, 0)
			demotest.WantError(t, err, shebao.EFORBIDDEN, "")
			_, err = f.s.Item(ctx, who, it.ID)
			demotest.WantError(t, err, shebao.EFORBIDDEN, "")
			_, err = f.s.Decide(ctx, who, review.Decision{ItemID: it.ID, Approve: true})
			demotest.WantError(t, err, shebao.EFORBIDDEN, "")
		}
		if f.item(t, it.ID).Status != shebao.StatusInReview {
			t.Error("a forbidden decision changed the item")
		}
	})
}
