package handling_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"shebao"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// A burst of concurrent submissions (on SQLite they share commits): each
// request gets its own answer, a request sent four times makes one item,
// every item is stored with its audit entry, and the audit chain holds.
func TestConcurrentBurst(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, _ := district(t, db)
		ctx := context.Background()
		before, err := db.VerifyAudit(ctx)
		if err != nil || !before.OK() {
			t.Fatalf("VerifyAudit before: %+v %v", before, err)
		}
		type want struct {
			req    handling.Request
			status shebao.ItemStatus
		}
		var reqs []want
		for i, id := range g.Enroll {
			r := handling.Request{Type: shebao.ItemEnroll, IDNumber: id, Wage: 800000, ClientKey: fmt.Sprint("enroll-", i)}
			for range 4 { // the same form sent four times
				reqs = append(reqs, want{r, shebao.StatusApproved})
			}
		}
		for i, id := range g.Stop {
			reqs = append(reqs, want{handling.Request{Type: shebao.ItemStop, IDNumber: id, StopReason: shebao.StopResignation, ClientKey: fmt.Sprint("stop-", i)}, shebao.StatusApproved})
		}
		reqs = append(reqs,
			want{handling.Request{Type: shebao.ItemEnroll, IDNumber: g.NoRegistration, Wage: 800000, ClientKey: "refused-1"}, shebao.StatusRefused},
			want{handling.Request{Type: shebao.ItemEnroll, IDNumber: g.InsuredElsewhere, Wage: 800000, ClientKey: "refused-2"}, shebao.StatusRefused})
		got := make([]shebao.Item, len(reqs))
		errs := make([]error, len(reqs))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, w := range reqs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				got[i], errs[i] = s.Submit(ctx, opA, w.req)
			}()
		}
		close(start)
		wg.Wait()
		items := map[string]int64{} // client key → item
		for i, w := range reqs {
			if errs[i] != nil {
				t.Fatalf("%+v: %v", w.req, errs[i])
			}
			it := got[i]
			if it.Status != w.status || it.Type != w.req.Type || it.IDNumber != w.req.IDNumber {
				t.Errorf("%+v: got %s %s of %s, want %s", w.req, it.Status, it.Type, it.IDNumber, w.status)
			}
			if first, ok := items[w.req.ClientKey]; ok && first != it.ID {
				t.Errorf("key %s answered with items %d and %d, want one", w.req.ClientKey, first, it.ID)
			}
			items[w.req.ClientKey] = it.ID
			stored := demoItem(t, db, it.ID)
			if stored.Receipt != it.Receipt || stored.Status != it.Status {
				t.Errorf("item %d stored as %s %s, answered as %s %s", it.ID, stored.Receipt, stored.Status, it.Receipt, it.Status)
			}
		}
		after, err := db.VerifyAudit(ctx)
		if err != nil || !after.OK() {
			t.Fatalf("VerifyAudit after the burst: %+v %v", after, err)
		}
		if added := after.Entries - before.Entries; added != len(items) {
			t.Errorf("%d audit entries added, want %d (one per item)", added, len(items))
		}
	})
}

func demoItem(t *testing.T, db *sqldb.DB, id int64) shebao.Item {
	t.Helper()
	var it shebao.Item
	err := db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		it, err = tx.Item(context.Background(), id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return it
}
