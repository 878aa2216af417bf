package backpay_test

import (
	"context"
	"testing"

	"shebao"
	"shebao/backpay"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestLimitsFollowTheBusinessPeriod: on 20 March the business period is
// April (cutoff day 15), so an enrollment made today starts in April and
// March can only be back-paid: back-pay takes months up to March, and the
// online limit counts its 36 months back from April too.
func TestLimitsFollowTheBusinessPeriod(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		id, _ := f.person(t, shebao.NewDate(2022, 1, 1), 0)
		f.s.Clock = shebao.FixedDayClock{Day: shebao.NewDate(2026, 3, 20)}
		q := f.preview(t, f.op, id, "2026-02", "2026-03", 800000)
		if !q.OK() || len(q.Months) != 2 {
			t.Fatalf("March on 20 March: %v", refusals(q))
		}
		_, err := f.s.Preview(context.Background(), f.op, backpay.Request{IDNumber: id, From: period("2026-03"), To: period("2026-04"), Wage: 800000})
		if e := shebao.AsError(err); e.Reason != backpay.ReasonNotPast || len(e.Args) != 1 || e.Args[0] != "2026-03" {
			t.Errorf("April on 20 March: %v, want %s up to 2026-03", err, backpay.ReasonNotPast)
		}
		q = f.preview(t, f.op, id, "2023-03", "2023-04", 800000)
		if !q.Counter || len(q.Months) != 1 || q.Months[0].Period != period("2023-04") {
			t.Errorf("the online limit on 20 March: counter %v, months %v, %v", q.Counter, len(q.Months), refusals(q))
		}
	})
}
