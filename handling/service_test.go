package handling_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// day is the fixed office day of these tests.
var day = shebao.NewDate(2026, 7, 8)

// district loads a small demo district into db and returns the engine, the
// guide to its cases and the operators of units A and B.
func district(t *testing.T, db *sqldb.DB) (*handling.Service, demo.Guide, shebao.Actor, shebao.Actor) {
	t.Helper()
	clock := shebao.FixedDayClock{Day: day}
	g := demotest.District(t, db, clock)
	return &handling.Service{Store: db, Clock: clock}, g, demotest.Actor(t, db, g.OperatorA), demotest.Actor(t, db, g.OperatorB)
}

func submit(t *testing.T, s *handling.Service, a shebao.Actor, r handling.Request) shebao.Item {
	t.Helper()
	it, err := s.Submit(context.Background(), a, r)
	if err != nil {
		t.Fatalf("submit %+v: %v", r, err)
	}
	return it
}

func TestHandlingRules(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, _ := district(t, db)
		ctx := context.Background()
		cases := []struct {
			name   string
			req    handling.Request
			status shebao.ItemStatus
			reason string
		}{
			{"enroll registered person", handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 800000}, shebao.StatusApproved, ""},
			{"enroll without registration", handling.Request{Type: shebao.ItemEnroll, IDNumber: g.NoRegistration, Wage: 800000}, shebao.StatusRefused, shebao.ReasonNoRegistration},
			{"enroll registered today", handling.Request{Type: shebao.ItemEnroll, IDNumber: g.RegisteredToday, Wage: 800000}, shebao.StatusRefused, shebao.ReasonRegisteredToday},
			{"enroll insured elsewhere", handling.Request{Type: shebao.ItemEnroll, IDNumber: g.InsuredElsewhere, Wage: 800000}, shebao.StatusRefused, shebao.ReasonInsuredOtherUnit},
			{"enroll someone insured before", handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Resume[0], Wage: 800000}, shebao.StatusRefused, shebao.ReasonHasHistoryUseResume},
			{"resume stopped person", handling.Request{Type: shebao.ItemResume, IDNumber: g.Resume[0], Wage: 300000}, shebao.StatusApproved, ""},
			{"resume never insured", handling.Request{Type: shebao.ItemResume, IDNumber: g.Enroll[1], Wage: 800000}, shebao.StatusRefused, shebao.ReasonNeverInsured},
			{"stop employee", handling.Request{Type: shebao.ItemStop, IDNumber: g.Stop[0], StopReason: shebao.StopResignation}, shebao.StatusApproved, ""},
			{"stop again", handling.Request{Type: shebao.ItemStop, IDNumber: g.Stop[0], StopReason: shebao.StopResignation}, shebao.StatusRefused, shebao.ReasonNotActiveHere},
			{"stop someone of another unit", handling.Request{Type: shebao.ItemStop, IDNumber: g.InsuredElsewhere, StopReason: shebao.StopDismissal}, shebao.StatusRefused, shebao.ReasonNotActiveHere},
		}
		for _, c := range cases {
			it := submit(t, s, opA, c.req)
			reason := ""
			if len(it.Reasons) > 0 {
				reason = it.Reasons[0]
			}
			if it.Status != c.status || reason != c.reason {
				t.Errorf("%s: %s %q, want %s %q", c.name, it.Status, reason, c.status, c.reason)
			}
			if it.Receipt == "" || it.Period != 202607 {
				t.Errorf("%s: receipt %q period %s", c.name, it.Receipt, it.Period)
			}
		}
		// The resumed person's base was clamped up to the floor.
		items, _, err := s.Items(ctx, opA, shebao.ItemFilter{Type: shebao.ItemResume, Status: shebao.StatusApproved})
		if err != nil || len(items) != 1 || items[0].Base != 672000 {
			t.Fatalf("resume item: %+v %v", items, err)
		}
		roster, _, err := s.Roster(ctx, opA, 0, "", 200, 0)
		if err != nil {
			t.Fatal(err)
		}
		in := map[string]bool{}
		for _, e := range roster {
			in[e.Person.IDNumber] = true
		}
		if !in[g.Enroll[0]] || !in[g.Resume[0]] || in[g.Stop[0]] {
			t.Errorf("roster after enroll, resume and stop is wrong: %v", in)
		}
	})
}

func TestInvalidInputWritesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, _ := district(t, db)
		bad := []struct {
			req   handling.Request
			field string
		}{
			{handling.Request{Type: shebao.ItemEnroll, IDNumber: "11010519491231002", Wage: 1}, "id_number"},
			{handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0][:17] + "0", Wage: 1}, "id_number"},
			{handling.Request{Type: shebao.ItemEnroll, IDNumber: "", Wage: 1}, "id_number"},
			{handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 0}, "wage"},
			{handling.Request{Type: "transfer", IDNumber: g.Enroll[0], Wage: 1}, "type"},
			{handling.Request{Type: shebao.ItemStop, IDNumber: g.Stop[0], StopReason: "holiday"}, "stop_reason"},
		}
		for _, b := range bad {
			_, err := s.Submit(context.Background(), opA, b.req)
			e := shebao.AsError(err)
			if e.Code != shebao.EINVALID || e.Field != b.field {
				t.Errorf("%+v: got %v, want EINVALID on %s", b.req, err, b.field)
			}
		}
		items, _, _ := s.Items(context.Background(), opA, shebao.ItemFilter{Type: shebao.ItemEnroll})
		for _, it := range items {
			if it.CreatedAt.After(day.Time()) {
				t.Errorf("an invalid request left item %s", it.Receipt)
			}
		}
	})
}

func TestRepeatedSubmissionMakesOneItem(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, _ := district(t, db)
		req := handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 800000, ClientKey: "form-123"}
		var wg sync.WaitGroup
		items := make([]shebao.Item, 5)
		for i := range items {
			wg.Add(1)
			go func() { defer wg.Done(); items[i] = submit(t, s, opA, req) }()
		}
		wg.Wait()
		for _, it := range items {
			if it.ID != items[0].ID || it.Status != shebao.StatusApproved {
				t.Fatalf("double submission made different items: %d %s vs %d", it.ID, it.Status, items[0].ID)
			}
		}
	})
}

// A client key reused for another person is refused by the engine itself,
// whichever way the request came (a page, the API, a batch): it neither
// answers with the first item nor makes a second.
func TestClientKeyReusedForAnotherPersonIsRefused(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, _ := district(t, db)
		first := submit(t, s, opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 800000, ClientKey: "form-9"})
		_, err := s.Submit(t.Context(), opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[1], Wage: 800000, ClientKey: "form-9"})
		if e := shebao.AsError(err); e.Code != shebao.ECONFLICT || e.Reason != shebao.ReasonKeyReused || e.Field != "client_key" {
			t.Fatalf("key reused for another person: %v, want conflict %s", err, shebao.ReasonKeyReused)
		}
		again := submit(t, s, opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 800000, ClientKey: "form-9"})
		if again.ID != first.ID || !again.Replayed {
			t.Errorf("the same request again = item %d (replayed %v), want the first, %d", again.ID, again.Replayed, first.ID)
		}
	})
}

func TestRacingUnitsLeaveOneEnrollment(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, opB := district(t, db)
		// Register the person with unit B too, then let A and B race.
		ctx := context.Background()
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			p, err := tx.PersonByIDNumber(ctx, g.Enroll[2])
			if err != nil {
				return err
			}
			r := shebao.Registration{SourceID: "RACE-B", PersonID: p.ID, UnitID: opB.UnitID, Start: day.AddDays(-3), RegisteredOn: day.AddDays(-3)}
			return tx.PutRegistration(ctx, &r)
		})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		got := make([]shebao.Item, 2)
		for i, op := range []shebao.Actor{opA, opB} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = submit(t, s, op, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[2], Wage: 800000})
			}()
		}
		wg.Wait()
		approved := 0
		for _, it := range got {
			if it.Status == shebao.StatusApproved {
				approved++
			} else if it.Reasons[0] != shebao.ReasonInsuredOtherUnit || len(it.ReasonArgs) != 0 {
				t.Errorf("loser refused with %v %v, want %s and no unit named", it.Reasons, it.ReasonArgs, shebao.ReasonInsuredOtherUnit)
			}
		}
		if approved != 1 {
			t.Fatalf("%d enrollments approved, want exactly 1", approved)
		}
	})
}

func TestOperatorsSeeOnlyTheirUnit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, opB := district(t, db)
		ctx := context.Background()
		it := submit(t, s, opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 800000})
		if _, err := s.Item(ctx, opB, it.ID); shebao.ErrorCode(err) != shebao.ENOTFOUND {
			t.Errorf("unit B read unit A's item: %v", err)
		}
		items, _, err := s.Items(ctx, opB, shebao.ItemFilter{UnitID: opA.UnitID})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range items {
			if x.UnitID != opB.UnitID {
				t.Fatalf("unit B listed unit A's item %s", x.Receipt)
			}
		}
		// A request naming another unit is refused (shebao.Actor.ActFor): nothing is written.
		_, err = s.Submit(ctx, opB, handling.Request{Type: shebao.ItemStop, UnitID: opA.UnitID, IDNumber: g.Stop[0], StopReason: shebao.StopDismissal})
		if e := shebao.AsError(err); e.Code != shebao.EFORBIDDEN || e.Field != "unit" {
			t.Errorf("unit B's stop for unit A = %v, want forbidden (unit)", err)
		}
	})
}

func TestPreviewWritesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, _ := district(t, db)
		ctx := context.Background()
		pv, err := s.Preview(ctx, opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 5000000})
		if err != nil {
			t.Fatal(err)
		}
		if pv.Decision.Refusal != nil || pv.Decision.Period != 202607 || pv.Decision.Base.Base != 3360000 || pv.Person.Name == "" {
			t.Errorf("preview = %+v", pv.Decision)
		}
		_, n, _ := s.Items(ctx, opA, shebao.ItemFilter{From: day.Time(), To: day.Time().Add(48 * time.Hour)})
		if n != 0 {
			t.Errorf("preview wrote %d items", n)
		}
	})
}

func TestUnknownPersonIsRefusedAndKept(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, _, opA, _ := district(t, db)
		const unknown = "11010519491231002X" // the standard's example: valid, not in the district
		it := submit(t, s, opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: "11010519491231002x", Wage: 800000})
		if it.Status != shebao.StatusRefused || it.Reasons[0] != shebao.ReasonNoRegistration {
			t.Fatalf("unknown person: %s %v", it.Status, it.Reasons)
		}
		got, err := s.Item(context.Background(), opA, it.ID)
		if err != nil || got.IDNumber != unknown || got.PersonID != 0 {
			t.Errorf("read back: %+v %v, want the submitted ID number kept", got, err)
		}
	})
}
