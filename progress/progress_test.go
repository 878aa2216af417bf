package progress_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/catalogue"
	"shebao/changes"
	"shebao/demo/demotest"
	"shebao/progress"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// setup returns the progress service with a recording hook for unit
// changes, and a way to submit a unit change in review.
type setup struct {
	f      *demotest.Fixture
	s      *progress.Service
	ch     *changes.Service
	mu     sync.Mutex
	called []bool // approved flags the hook saw
}

func newSetup(t *testing.T, db *sqldb.DB) *setup {
	f := demotest.Load(t, db)
	x := &setup{f: f, ch: &changes.Service{Store: db, Clock: f.Clock}}
	hook := func(ctx context.Context, tx shebao.Tx, it shebao.Item, approved bool, at time.Time) error {
		x.mu.Lock()
		x.called = append(x.called, approved)
		x.mu.Unlock()
		return changes.UnitHook(ctx, tx, it, approved, at)
	}
	x.s = &progress.Service{Store: db, Clock: f.Clock, Hooks: map[shebao.ItemType]shebao.ReviewHook{shebao.ItemUnitChange: hook}}
	return x
}

// inReview submits a unit change of unit A that waits for review.
func (x *setup) inReview(t *testing.T, name string) shebao.Item {
	t.Helper()
	u := x.f.UnitA
	res, err := x.ch.ChangeUnit(t.Context(), x.f.OpA, changes.UnitRequest{Contact: u.Contact, Phone: u.Phone,
		Address: u.Address, Name: name, CreditCode: u.CreditCode, Reason: "更名"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Review
}

// setStatus simulates the reviewer: the conditional status change alone.
func setStatus(t *testing.T, db *sqldb.DB, id int64, to shebao.ItemStatus, reasons []string, at time.Time) error {
	return db.InTx(t.Context(), func(tx shebao.Tx) error {
		return tx.SetItemStatus(t.Context(), id, shebao.StatusInReview, to, reasons, at)
	})
}

func TestTimeline(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		x := newSetup(t, db)
		ctx := t.Context()
		it := x.inReview(t, "新名字一")
		at := x.f.Clock.Now().Add(time.Hour)
		if err := db.InTx(ctx, func(tx shebao.Tx) error { return tx.SetItemNote(ctx, it.ID, "请附营业执照") }); err != nil {
			t.Fatal(err)
		}
		if err := setStatus(t, db, it.ID, shebao.StatusReturned, []string{"DOCS"}, at); err != nil {
			t.Fatal(err)
		}
		tl, err := x.s.Timeline(ctx, x.f.OpA, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(tl.Events) != 2 || tl.Events[0].Status != shebao.StatusInReview || tl.Events[0].By != x.f.OpA.AccountID ||
			tl.Events[1].Status != shebao.StatusReturned || tl.Events[1].Note != "请附营业执照" || !tl.Events[1].At.Equal(at) ||
			tl.Withdrawable {
			t.Errorf("timeline: %+v", tl)
		}
		// Another unit cannot see it; staff can.
		_, err = x.s.Timeline(ctx, x.f.OpB, it.ID)
		demotest.WantError(t, err, shebao.ENOTFOUND, "")
		if _, err := x.s.Timeline(ctx, x.f.Clerk, it.ID); err != nil {
			t.Errorf("clerk: %v", err)
		}
	})
}

func TestWithdraw(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		x := newSetup(t, db)
		ctx := t.Context()
		it := x.inReview(t, "新名字二")
		_, err := x.s.Withdraw(ctx, x.f.OpB, it.ID)
		demotest.WantError(t, err, shebao.ENOTFOUND, "")
		_, err = x.s.Withdraw(ctx, x.f.Clerk, it.ID)
		demotest.WantError(t, err, shebao.EFORBIDDEN, "")
		got, err := x.s.Withdraw(ctx, x.f.OpA, it.ID)
		if err != nil || got.Status != shebao.StatusWithdrawn {
			t.Fatalf("withdraw: %+v %v", got, err)
		}
		if len(x.called) != 1 || x.called[0] {
			t.Errorf("hook calls: %v, want one with approved=false", x.called)
		}
		tl, _ := x.s.Timeline(ctx, x.f.OpA, it.ID)
		if n := len(tl.Events); n != 2 || tl.Events[1].Status != shebao.StatusWithdrawn {
			t.Errorf("timeline after withdrawal: %+v", tl.Events)
		}
		_, err = x.s.Withdraw(ctx, x.f.OpA, it.ID)
		demotest.WantError(t, err, shebao.EREFUSED, catalogue.ReasonNotWithdrawable)
		// A type without a hook is not withdrawn: what it holds would stay held.
		other := x.f.Item(t, it.ID)
		other.ID, other.Type, other.Status, other.Receipt = 0, shebao.ItemBackpay, shebao.StatusInReview, ""
		if err := db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertItem(ctx, &other) }); err != nil {
			t.Fatal(err)
		}
		_, err = x.s.Withdraw(ctx, x.f.OpA, other.ID)
		demotest.WantError(t, err, shebao.EREFUSED, progress.ReasonNoHook)
		if st := x.f.Item(t, other.ID).Status; st != shebao.StatusInReview {
			t.Errorf("withdrawn without hook: %s", st)
		}
		// An item decided at once cannot be withdrawn.
		u := x.f.UnitA
		res, err := x.ch.ChangeUnit(ctx, x.f.OpA, changes.UnitRequest{Contact: u.Contact, Phone: "010-99998888",
			Address: u.Address, Name: u.Name, CreditCode: u.CreditCode})
		if err != nil {
			t.Fatal(err)
		}
		_, err = x.s.Withdraw(ctx, x.f.OpA, res.Applied.ID)
		demotest.WantError(t, err, shebao.EREFUSED, catalogue.ReasonNotWithdrawable)
	})
}

// TestWithdrawRace: the unit withdraws while a reviewer approves; exactly
// one wins, and the item ends in the winner's status.
func TestWithdrawRace(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		x := newSetup(t, db)
		for i := 0; i < 8; i++ {
			it := x.inReview(t, "竞争"+string(rune('A'+i)))
			var wg sync.WaitGroup
			var werr, aerr error
			wg.Add(2)
			go func() { defer wg.Done(); _, werr = x.s.Withdraw(t.Context(), x.f.OpA, it.ID) }()
			go func() {
				defer wg.Done()
				aerr = setStatus(t, db, it.ID, shebao.StatusApproved, nil, x.f.Clock.Now())
			}()
			wg.Wait()
			final := x.f.Item(t, it.ID).Status
			switch {
			case werr == nil && aerr != nil:
				demotest.WantError(t, aerr, shebao.ECONFLICT, "")
				if final != shebao.StatusWithdrawn {
					t.Errorf("withdrawal won, status %s", final)
				}
			case aerr == nil && werr != nil:
				demotest.WantError(t, werr, shebao.EREFUSED, catalogue.ReasonNotWithdrawable)
				if final != shebao.StatusApproved {
					t.Errorf("approval won, status %s", final)
				}
			default:
				t.Fatalf("round %d: withdraw %v, approve %v: want exactly one winner", i, werr, aerr)
			}
			tl, _ := x.s.Timeline(t.Context(), x.f.OpA, it.ID)
			if len(tl.Events) != 2 {
				t.Errorf("round %d: %d events, want 2", i, len(tl.Events))
			}
		}
	})
}

func TestUnseenDecisions(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		x := newSetup(t, db)
		ctx := t.Context()
		it := x.inReview(t, "新名字三")
		u, err := x.s.Unseen(ctx, x.f.OpA)
		if err != nil || len(u.Decisions) != 0 {
			t.Fatalf("before decision: %+v %v", u, err)
		}
		decided := x.f.Clock.Now().Add(time.Minute)
		if err := setStatus(t, db, it.ID, shebao.StatusReturned, nil, decided); err != nil {
			t.Fatal(err)
		}
		x.f.Clock.Add(2 * time.Minute)
		u, err = x.s.Unseen(ctx, x.f.OpA)
		if err != nil || len(u.Decisions) != 1 || u.Decisions[0].Item.ID != it.ID || !u.Upto.Equal(decided) {
			t.Fatalf("after decision: %+v %v", u, err)
		}
		// Unit B's operator sees nothing of it.
		if ub, _ := x.s.Unseen(ctx, x.f.OpB); len(ub.Decisions) != 0 {
			t.Errorf("unit B sees %d decisions", len(ub.Decisions))
		}
		if err := x.s.MarkSeen(ctx, x.f.OpA, u.Upto); err != nil {
			t.Fatal(err)
		}
		if u, _ = x.s.Unseen(ctx, x.f.OpA); len(u.Decisions) != 0 {
			t.Errorf("after marking seen: %+v", u.Decisions)
		}
		// Another operator of unit A has not seen it yet.
		other := x.f.Actor(t, x.f.Guide.FirstLogin)
		if u, _ = x.s.Unseen(ctx, other); len(u.Decisions) != 1 {
			t.Errorf("second operator: %d decisions", len(u.Decisions))
		}
	})
}
