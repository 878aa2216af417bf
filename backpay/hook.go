package backpay

import (
	"context"
	"fmt"
	"time"

	"shebao"
)

// Hook is the shebao.ReviewHook of back-pay items, called by the review
// queue inside the transaction that changes the item's status. On approval
// it marks the item's months approved and writes them as coverage: for each
// run of consecutive months with one base, a stopped coverage of every
// insurance type from the run's first to its last month, opened by the item
// (Coverage.ItemID). On return or withdrawal it releases the months, so
// that another application may take them.
func Hook(ctx context.Context, tx shebao.Tx, it shebao.Item, approved bool, at time.Time) error {
	if it.Type != shebao.ItemBackpay {
		return fmt.Errorf("backpay: hook called for a %s item %d", it.Type, it.ID)
	}
	if !approved {
		_, err := tx.SetBackpayMonths(ctx, it.ID, shebao.BackpayPending, shebao.BackpayReleased)
		return err
	}
	n, err := tx.SetBackpayMonths(ctx, it.ID, shebao.BackpayPending, shebao.BackpayApproved)
	if err != nil {
		return err
	}
	if n == 0 {
		return &shebao.Error{Code: shebao.ECONFLICT, Reason: shebao.ReasonConflict,
			Err: fmt.Errorf("backpay: item %d holds no pending months", it.ID)}
	}
	months, err := tx.ItemBackpayMonths(ctx, it.ID)
	if err != nil {
		return err
	}
	for _, c := range coverageRuns(it, months) {
		if err := tx.InsertCoverage(ctx, &c); err != nil {
			return err
		}
	}
	return nil
}

// coverageRuns returns the stopped coverages that record approved months:
// one per insurance type and run of consecutive months with the same base.
func coverageRuns(it shebao.Item, months []shebao.BackpayMonth) []shebao.Coverage {
	var out []shebao.Coverage
	for i := 0; i < len(months); {
		j := i
		for j+1 < len(months) && months[j+1].Period == months[j].Period.Next() && months[j+1].Base == months[i].Base {
			j++
		}
		for _, in := range shebao.Insurances {
			out = append(out, shebao.Coverage{PersonID: it.PersonID, UnitID: it.UnitID, Insurance: in,
				Status: shebao.CoverageStopped, FirstPeriod: months[i].Period, LastPeriod: months[j].Period,
				Base: months[i].Base, ItemID: it.ID})
		}
		i = j + 1
	}
	return out
}
