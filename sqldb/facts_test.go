package sqldb_test

import (
	"strings"
	"testing"

	"shebao"
	"shebao/demo/demotest"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestEngineReads counts the statements of the engine's reads
// (docs/PERFORMANCE.md, "The engine's reads"): a preview is one statement
// and no transaction, whatever it decides; a submission reads in one
// statement before it writes, and a replayed one in two.
func TestEngineReads(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		g, set := smallDemo(t, db)
		svc := set.Handling
		var err error
		op, clerk := demotest.Actor(t, db, g.OperatorA), demotest.Actor(t, db, g.Clerk)
		// run counts the statements fn runs: the reads, those before the
		// first write, and all it sends to the database (CountStatements:
		// a transaction of its own adds its BEGIN and its COMMIT).
		run := func(fn func()) (reads, readsFirst, writes, sent int) {
			stopCount := db.CountStatements()
			defer func() { sent = stopCount() }()
			stop := sqldb.CaptureStatementsForTest(func(q string, _ []any) {
				switch s := strings.TrimSpace(q); {
				case strings.HasPrefix(s, "SELECT"):
					reads++
					if writes == 0 {
						readsFirst++
					}
				case strings.HasPrefix(s, "INSERT"), strings.HasPrefix(s, "UPDATE"), strings.HasPrefix(s, "WITH"):
					writes++
				}
			})
			defer stop()
			fn()
			return
		}
		previews := []struct {
			name   string
			a      shebao.Actor
			id     string
			reason string // the refusal, "" when it passes
		}{
			{"insured here", op, g.Stop[0], shebao.ReasonAlreadyInsuredHere},
			{"passes", op, g.Enroll[0], ""},
			{"insured elsewhere, named to staff", clerk, g.InsuredElsewhere, shebao.ReasonInsuredElsewhere},
			{"no registration", op, g.NoRegistration, shebao.ReasonNoRegistration},
		}
		for _, p := range previews {
			var pv handling.Preview
			reads, _, writes, sent := run(func() {
				pv, err = svc.Preview(ctx, p.a, handling.Request{Type: shebao.ItemEnroll, UnitID: op.UnitID, IDNumber: p.id, Wage: 900000})
			})
			if err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			if got := pv.Decision.Refusal; (got == nil) != (p.reason == "") || got != nil && got.Reason != p.reason {
				t.Errorf("%s: refusal %v, want %q", p.name, got, p.reason)
			}
			if p.reason == shebao.ReasonInsuredElsewhere && !strings.Contains(strings.Join(pv.Decision.Refusal.Args, " "), g.UnitB) {
				t.Errorf("%s: refusal %v does not name %s", p.name, pv.Decision.Refusal.Args, g.UnitB)
			}
			if reads != 1 || writes != 0 || sent != 1 {
				t.Errorf("%s: %d reads, %d writes, %d statements sent; want 1 read, no transaction", p.name, reads, writes, sent)
			}
		}

		submit := handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 900000, ClientKey: "count-reads"}
		var first, again shebao.Item
		_, readsFirst, writes, _ := run(func() { first, err = svc.Submit(ctx, op, submit) })
		if err != nil || first.Status != shebao.StatusApproved {
			t.Fatalf("submit: %v %+v", err, first)
		}
		if readsFirst != 1 || writes == 0 {
			t.Errorf("submit: %d reads before its first write (of %d); want 1", readsFirst, writes)
		}
		reads, _, writes, _ := run(func() { again, err = svc.Submit(ctx, op, submit) })
		if err != nil || !again.Replayed || again.ID != first.ID {
			t.Fatalf("replay: %v %+v", err, again)
		}
		if reads != 2 || writes != 0 {
			t.Errorf("replay: %d reads, %d writes; want 2 reads (the facts, the item) and no write", reads, writes)
		}
	})
}
