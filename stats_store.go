package shebao

import (
	"context"
	"time"
)

// StatsTx reads the office's statistics from the items. Months are the
// office months in which items were created (items.created_day). Part of
// OfficeTx.
type StatsTx interface {
	// ItemCounts counts the items created in the months from..to
	// (inclusive) by month, channel and type; combinations without items
	// are left out.
	ItemCounts(ctx context.Context, from, to Period) ([]ItemCount, error)
	// DecisionTotals returns, per channel, how many items created in
	// from..to were decided (approved, refused or returned, with a decision
	// time) and the sum of their times from submission to decision.
	// Channels without decided items are left out.
	DecisionTotals(ctx context.Context, from, to Period) ([]DecisionTotal, error)
	// DecisionTimeAt returns the k-th shortest (k from 1) time from
	// submission to decision of the channel's items that DecisionTotals
	// counts. ENOTFOUND when there are fewer than k.
	DecisionTimeAt(ctx context.Context, from, to Period, ch Channel, k int) (time.Duration, error)
}

// ItemCount is the number of items of one type created through one channel
// in one month.
type ItemCount struct {
	Month   Period
	Channel Channel
	Type    ItemType
	N       int
}

// DecisionTotal is the number of decided items of a channel and the sum of
// their times from submission to decision.
type DecisionTotal struct {
	Channel Channel
	N       int
	Sum     time.Duration
}
