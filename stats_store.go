package shebao

import (
	"context"
	"time"
)

// StatsTx reads the office's statistics from the items. Months are the
// office months in which items were created (items.created_day). Part of
// OfficeTx.
type StatsTx interface {
	CollectionStatsTx
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

// CollectionStatsTx reads the office's collection figures from the closed
// periods' unit sums (assessment_units) and the collection results
// (collection_results): one query per figure, summed in the database.
// Part of StatsTx. docs/STATISTICS.md, "Collection".
type CollectionStatsTx interface {
	// CollectionMonthFigures sums each closed period of from..to over its
	// units; periods not closed are left out.
	CollectionMonthFigures(ctx context.Context, from, to Period) ([]CollectionMonthFigure, error)
	// UnitArrearsByMonths counts the units that owe closed periods up to
	// through (not recorded paid, a sum above zero) by how many periods
	// each owes, with the principal not collected; ordered by Months.
	UnitArrearsByMonths(ctx context.Context, through Period) ([]UnitArrears, error)
}

// CollectionMonthFigure is one closed period's collection, over all units.
type CollectionMonthFigure struct {
	Period      Period
	Units       int // units assessed
	Expected    Fen // the period's unit sums (employer and employee)
	Collected   Fen // principal collected on it so far; a sum recorded paid without any result counts in full
	Failed      Fen // what its own deduction (its own list) failed to collect: failed and part lines
	UnitsPaid   int // recorded paid
	UnitsFailed int // with a failed or part line in its own list
	UnitsOwing  int // not recorded paid
}

// UnitArrears is how many units owe Months closed periods, and the
// principal they owe.
type UnitArrears struct {
	Months int
	Units  int
	Owed   Fen
}
