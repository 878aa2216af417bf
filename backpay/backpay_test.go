package backpay_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"shebao"
	"shebao/backpay"
	"shebao/demo"
	"shebao/review"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// today is the fixed office day of these tests: 2025's and 2026's policies
// both lie in the past months a unit may back-pay.
var today = shebao.NewDate(2026, 3, 10)

type fixture struct {
	db   *sqldb.DB
	s    *backpay.Service
	op   shebao.Actor // unit A's operator, online
	unit shebao.Unit  // unit A (risk class 2)
	seq  int
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	clock := shebao.FixedDayClock{Day: today}
	g, err := demo.Load(context.Background(), db, clock, demo.Size{Units: 1, PeoplePerUnit: 3, HistoryMonths: 3}, 4)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, s: &backpay.Service{Store: db, Clock: clock}}
	f.do(t, func(ctx context.Context, tx shebao.Tx) error {
		acc, err := tx.AccountByUsername(ctx, g.OperatorA)
		if err != nil {
			return err
		}
		f.op = shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID, Channel: shebao.Online}
		f.unit, err = tx.Unit(ctx, acc.UnitID)
		return err
	})
	return f
}

func (f *fixture) do(t *testing.T, fn func(ctx context.Context, tx shebao.Tx) error) {
	t.Helper()
	ctx := context.Background()
	if err := f.db.InTx(ctx, func(tx shebao.Tx) error { return fn(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
}

// person creates a person registered with unit A from start (end: 0 while
// employed), registered long before today, and returns the ID number.
func (f *fixture) person(t *testing.T, start, end shebao.Date) (string, int64) {
	t.Helper()
	f.seq++
	first17 := fmt.Sprintf("11010519850301%03d", 100+f.seq)
	id := first17 + string(rules.IDCheckChar(first17))
	var pid int64
	f.do(t, func(ctx context.Context, tx shebao.Tx) error {
		p := shebao.Person{IDNumber: id, Name: fmt.Sprintf("补缴%d", f.seq), Sex: shebao.Male, BirthDate: shebao.NewDate(1985, 3, 1)}
		if err := tx.CreatePerson(ctx, &p); err != nil {
			return err
		}
		pid = p.ID
		r := shebao.Registration{SourceID: "BP-" + id, PersonID: p.ID, UnitID: f.unit.ID, Start: start,
			RegisteredOn: start.AddDays(3), End: end}
		return tx.PutRegistration(ctx, &r)
	})
	return id, pid
}

func period(s string) shebao.Period {
	p, err := shebao.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

func (f *fixture) preview(t *testing.T, a shebao.Actor, id, from, to string, wage shebao.Fen) backpay.Quote {
	t.Helper()
	q, err := f.s.Preview(context.Background(), a, backpay.Request{IDNumber: id, From: period(from), To: period(to), Wage: wage})
	if err != nil {
		t.Fatalf("preview %s %s..%s: %v", id, from, to, err)
	}
	return q
}

func refusals(q backpay.Quote) []string {
	var out []string
	for _, r := range q.Refusals {
		out = append(out, r.Reason+" "+fmt.Sprint(r.Args))
	}
	return out
}

// TestAmounts checks a back-pay across a policy year boundary against
// amounts computed by hand: wage ¥5,000 lies below both years' floors
// (2025: ¥6,461 = 60% of ¥10,769; 2026: ¥6,720 = 60% of ¥11,200); unit A's
// work-injury class 2 rate is 0.4%; the late fee runs from the day after
// each month's last day to 2026-03-10 at 0.05% a day.
func TestAmounts(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		id, _ := f.person(t, shebao.NewDate(2025, 6, 1), 0)
		q := f.preview(t, f.op, id, "2025-12", "2026-02", 500000)
		if !q.OK() {
			t.Fatalf("refused: %v", refusals(q))
		}
		type row struct {
			Period             string
			Base               shebao.Fen
			Clamp              rules.Clamp
			Employer, Employee shebao.Fen
			LateDays           int
			LateFee, Total     shebao.Fen
		}
		want := []row{
			// 646100: pension 103376/51688, medical 51688/12922, unemployment
			// 3230.5→3231/3231, injury 2584.4→2584. 228720 × 0.05% × 69 days = 7890.84.
			{"2025-12", 646100, rules.ClampFloor, 160879, 67841, 69, 7891, 236611},
			// 672000: 107520/53760, 53760/13440, 3360/3360, 2688. 237888 × 0.05% × 38 = 4519.872.
			{"2026-01", 672000, rules.ClampFloor, 167328, 70560, 38, 4520, 242408},
			// 237888 × 0.05% × 10 = 1189.44.
			{"2026-02", 672000, rules.ClampFloor, 167328, 70560, 10, 1189, 239077},
		}
		var got []row
		for _, m := range q.Months {
			got = append(got, row{m.Period.String(), m.Base.Base, m.Base.Clamp, m.Employer, m.Employee, m.LateDays, m.LateFee, m.Total})
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("months (-want +got):\n%s", d)
		}
		if q.Total != 236611+242408+239077 || q.LateFee != 7891+4520+1189 {
			t.Errorf("totals: total %d late fee %d", q.Total, q.LateFee)
		}
		// A wage above the ceiling is clamped to each year's ceiling.
		q = f.preview(t, f.op, id, "2025-12", "2026-01", 5000000)
		if q.Months[0].Base.Base != 3230700 || q.Months[1].Base.Base != 3360000 || q.Months[1].Base.Clamp != rules.ClampCeiling {
			t.Errorf("ceiling clamp: %+v %+v", q.Months[0].Base, q.Months[1].Base)
		}
	})
}

func TestRefusals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		// Employed from 2025-12-05: November 2025 is not covered by a registration.
		id, pid := f.person(t, shebao.NewDate(2025, 12, 5), 0)
		q := f.preview(t, f.op, id, "2025-10", "2026-01", 800000)
		if d := cmp.Diff([]string{"BACKPAY_NOT_EMPLOYED [2025-10 – 2025-11]"}, refusals(q)); d != "" {
			t.Errorf("not employed (-want +got):\n%s", d)
		}
		// Insured from February: that month is covered.
		f.do(t, func(ctx context.Context, tx shebao.Tx) error {
			c := shebao.Coverage{PersonID: pid, UnitID: f.unit.ID, Insurance: shebao.Pension, Status: shebao.CoverageActive,
				FirstPeriod: period("2026-02"), Base: 800000}
			return tx.InsertCoverage(ctx, &c)
		})
		q = f.preview(t, f.op, id, "2025-12", "2026-02", 800000)
		if d := cmp.Diff([]string{"BACKPAY_COVERED [2026-02]"}, refusals(q)); d != "" {
			t.Errorf("covered (-want +got):\n%s", d)
		}
		// Pending in another item.
		it, _, err := f.s.Submit(ctx, f.op, backpay.Request{IDNumber: id, From: period("2025-12"), To: period("2025-12"), Wage: 800000})
		if err != nil || it.Status != shebao.StatusInReview {
			t.Fatalf("submit: %v %+v", err, it)
		}
		q = f.preview(t, f.op, id, "2025-12", "2026-01", 800000)
		if d := cmp.Diff([]string{"BACKPAY_PENDING [2025-12]"}, refusals(q)); d != "" {
			t.Errorf("pending (-want +got):\n%s", d)
		}
		// A refused submission is a refused item naming its months.
		it, _, err = f.s.Submit(ctx, f.op, backpay.Request{IDNumber: id, From: period("2025-12"), To: period("2026-01"), Wage: 800000})
		if err != nil || it.Status != shebao.StatusRefused || it.Reasons[0] != backpay.ReasonPending || it.ReasonArgs[0] != "2025-12" {
			t.Errorf("refused submit: %v %+v", err, it)
		}
	})
}

func TestOnlineLimit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		id, _ := f.person(t, shebao.NewDate(2022, 1, 1), 0)
		// 36 months before 2026-03 is 2023-03: earlier months go to the counter.
		q := f.preview(t, f.op, id, "2022-12", "2023-04", 800000)
		if d := cmp.Diff([]string{"BACKPAY_COUNTER [2022-12 – 2023-02 2023-03]"}, refusals(q)); d != "" {
			t.Errorf("online limit (-want +got):\n%s", d)
		}
		if !q.Counter || len(q.Months) != 2 {
			t.Errorf("counter %v, months %d", q.Counter, len(q.Months))
		}
		clerk := shebao.Actor{Role: shebao.RoleClerk, Channel: shebao.Counter}
		q, err := f.s.Preview(context.Background(), clerk, backpay.Request{UnitID: f.unit.ID, IDNumber: id,
			From: period("2022-12"), To: period("2023-04"), Wage: 800000})
		if err != nil || !q.OK() || len(q.Months) != 5 {
			t.Errorf("at the counter: %v %v", err, refusals(q))
		}
	})
}

func TestBadInput(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		id, _ := f.person(t, shebao.NewDate(2025, 1, 1), 0)
		cases := []struct {
			r      backpay.Request
			field  string
			reason string
		}{
			{backpay.Request{IDNumber: id, From: period("2026-01"), To: period("2026-03"), Wage: 1}, "to", backpay.ReasonNotPast},
			{backpay.Request{IDNumber: id, From: period("2026-01"), To: period("2025-03"), Wage: 1}, "to", shebao.ReasonRangeReversed},
			{backpay.Request{IDNumber: id, From: period("2025-01"), To: period("2025-03")}, "wage", shebao.ReasonAmountZero},
			{backpay.Request{IDNumber: "110105198503011", From: period("2025-01"), To: period("2025-03"), Wage: 1}, "id_number", shebao.ReasonIDLegacy},
			{backpay.Request{IDNumber: "11010519850301999X", From: period("2025-01"), To: period("2025-03"), Wage: 1}, "id_number", shebao.ReasonIDCheck},
		}
		for _, c := range cases {
			_, err := f.s.Preview(context.Background(), f.op, c.r)
			e := shebao.AsError(err)
			if e.Code != shebao.EINVALID || e.Field != c.field || e.Reason != c.reason {
				t.Errorf("%+v: got %v, want %s %s", c.r, err, c.field, c.reason)
			}
		}
	})
}

// TestHook calls the review hook as the review queue does: approval writes
// the months as stopped coverage; a return releases them.
func TestHook(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		id, pid := f.person(t, shebao.NewDate(2025, 1, 1), 0)
		submit := func(from, to string, wage shebao.Fen) shebao.Item {
			it, _, err := f.s.Submit(ctx, f.op, backpay.Request{IDNumber: id, From: period(from), To: period(to), Wage: wage})
			if err != nil || it.Status != shebao.StatusInReview {
				t.Fatalf("submit %s..%s: %v %+v", from, to, err, it)
			}
			return it
		}
		decide := func(it shebao.Item, approved bool) {
			to := shebao.StatusReturned
			if approved {
				to = shebao.StatusApproved
			}
			f.do(t, func(ctx context.Context, tx shebao.Tx) error {
				at := time.Now()
				if err := tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, to, nil, at); err != nil {
					return err
				}
				return backpay.Hook(ctx, tx, it, approved, at)
			})
		}
		// Returned: the months are free again.
		it := submit("2025-11", "2025-12", 800000)
		decide(it, false)
		if q := f.preview(t, f.op, id, "2025-11", "2025-12", 800000); !q.OK() {
			t.Fatalf("after return: %v", refusals(q))
		}
		// Approved: 2025-11..2026-01 at a wage below 2026's floor gives two
		// runs (the base changes in January), four coverages each.
		it = submit("2025-11", "2026-01", 650000)
		decide(it, true)
		var cs []shebao.Coverage
		f.do(t, func(ctx context.Context, tx shebao.Tx) error {
			var err error
			cs, err = tx.Coverages(ctx, pid)
			return err
		})
		type run struct {
			First, Last string
			Base        shebao.Fen
		}
		runs := map[run]int{}
		for _, c := range cs {
			if c.ItemID != it.ID || c.Status != shebao.CoverageStopped {
				t.Errorf("coverage %+v", c)
			}
			runs[run{c.FirstPeriod.String(), c.LastPeriod.String(), c.Base}]++
		}
		want := map[run]int{{"2025-11", "2025-12", 650000}: 4, {"2026-01", "2026-01", 672000}: 4}
		if d := cmp.Diff(want, runs); d != "" {
			t.Errorf("coverages (-want +got):\n%s", d)
		}
		q := f.preview(t, f.op, id, "2025-10", "2026-02", 800000)
		if d := cmp.Diff([]string{"BACKPAY_COVERED [2025-11 – 2026-01]"}, refusals(q)); d != "" {
			t.Errorf("after approval (-want +got):\n%s", d)
		}
		// The hook refuses a second approval of the same item.
		err := db.InTx(ctx, func(tx shebao.Tx) error { return backpay.Hook(ctx, tx, it, true, time.Now()) })
		if shebao.ErrorCode(err) != shebao.ECONFLICT {
			t.Errorf("second approval: %v", err)
		}
	})
}

// TestThroughReview submits a back-pay and has the review queue approve it,
// as app.go wires it: the queue calls Hook.
func TestThroughReview(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		id, _ := f.person(t, shebao.NewDate(2025, 1, 1), 0)
		it, _, err := f.s.Submit(ctx, f.op, backpay.Request{IDNumber: id, From: period("2025-10"), To: period("2025-11"), Wage: 800000})
		if err != nil || it.Status != shebao.StatusInReview {
			t.Fatalf("submit: %v %+v", err, it)
		}
		rs := &review.Service{Store: db, Clock: shebao.FixedDayClock{Day: today},
			Hooks: map[shebao.ItemType]shebao.ReviewHook{shebao.ItemBackpay: backpay.Hook}}
		reviewer := shebao.Actor{Role: shebao.RoleReviewer, Username: "reviewer", Channel: shebao.Counter}
		got, err := rs.Decide(ctx, reviewer, review.Decision{ItemID: it.ID, Approve: true})
		if err != nil || got.Status != shebao.StatusApproved {
			t.Fatalf("approve: %v %+v", err, got)
		}
		q := f.preview(t, f.op, id, "2025-10", "2025-11", 800000)
		if d := cmp.Diff([]string{"BACKPAY_COVERED [2025-10 – 2025-11]"}, refusals(q)); d != "" {
			t.Errorf("after review (-want +got):\n%s", d)
		}
	})
}
