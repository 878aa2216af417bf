package changes_test

import (
	"testing"

	"shebao"
	"shebao/changes"
	"shebao/demo/demotest"
	"shebao/review"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestThroughReviewQueue runs a unit change through the office's review
// queue with the hooks of this package: returned with a reason, nothing
// changes; submitted again and approved, the new name applies and the
// timeline carries the reviewer's note.
func TestThroughReviewQueue(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &changes.Service{Store: db, Clock: f.Clock}
		q := &review.Service{Store: db, Clock: f.Clock, Hooks: s.Hooks()}
		ctx := t.Context()
		r := form(f.UnitA)
		r.Name, r.Reason = "示范科技（集团）有限公司", "更名"
		res, err := s.ChangeUnit(ctx, f.OpA, r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := q.Decide(ctx, f.Reviewer, review.Decision{ItemID: res.Review.ID, Reason: "请附营业执照"}); err != nil {
			t.Fatal(err)
		}
		if got := unit(t, f, f.UnitA.ID); got.Name != f.UnitA.Name {
			t.Errorf("returned change applied: %q", got.Name)
		}
		res, err = s.ChangeUnit(ctx, f.OpA, r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := q.Decide(ctx, f.Reviewer, review.Decision{ItemID: res.Review.ID, Approve: true, Reason: "已核"}); err != nil {
			t.Fatal(err)
		}
		if got := unit(t, f, f.UnitA.ID); got.Name != r.Name {
			t.Errorf("approved change not applied: %q", got.Name)
		}
		var evs []shebao.ItemEvent
		err = db.View(ctx, func(tx shebao.Tx) error {
			var err error
			evs, err = tx.ItemEvents(ctx, res.Review.ID)
			return err
		})
		if err != nil || len(evs) != 2 || evs[1].Status != shebao.StatusApproved || evs[1].Note != "已核" {
			t.Errorf("timeline: %+v %v", evs, err)
		}
	})
}
