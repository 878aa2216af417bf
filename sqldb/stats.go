package sqldb

import (
	"context"
	"fmt"
	"time"

	"shebao"
)

// dayRange returns the first and last created_day (yyyymmdd) of the months
// from..to: a month's days are yyyymm01..yyyymm31, so created_day/100 is the
// month.
func dayRange(from, to shebao.Period) (int32, int32) {
	return int32(from)*100 + 1, int32(to)*100 + 31
}

// ItemCounts counts the items created in from..to by month, channel and type.
func (t *tx) ItemCounts(ctx context.Context, from, to shebao.Period) ([]shebao.ItemCount, error) {
	lo, hi := dayRange(from, to)
	rows, err := t.tx.QueryContext(ctx, `SELECT created_day / 100, channel, type, COUNT(*)
		FROM items WHERE created_day >= $1 AND created_day <= $2
		GROUP BY created_day / 100, channel, type
		ORDER BY created_day / 100, channel, type`, lo, hi)
	if err != nil {
		return nil, dbError("count items by month", err)
	}
	counts, err := collect(rows, func(s scanner) (shebao.ItemCount, error) {
		var c shebao.ItemCount
		err := s.Scan(&c.Month, &c.Channel, &c.Type, &c.N)
		return c, err
	})
	return counts, dbError("count items by month", err)
}

// decidedItems is the condition on items whose decision time counts: items
// decided by the engine or a reviewer. A withdrawal is not a decision.
const decidedItems = `created_day >= $1 AND created_day <= $2 AND decided_at > 0
	AND decided_at >= created_at AND status IN ('approved', 'refused', 'returned')`

// DecisionTotals returns per channel the number of decided items created in
// from..to and the sum of their times from submission to decision.
func (t *tx) DecisionTotals(ctx context.Context, from, to shebao.Period) ([]shebao.DecisionTotal, error) {
	lo, hi := dayRange(from, to)
	rows, err := t.tx.QueryContext(ctx, `SELECT channel, COUNT(*), CAST(SUM(decided_at - created_at) AS BIGINT)
		FROM items WHERE `+decidedItems+` GROUP BY channel ORDER BY channel`, lo, hi)
	if err != nil {
		return nil, dbError("sum decision times", err)
	}
	totals, err := collect(rows, func(s scanner) (shebao.DecisionTotal, error) {
		var d shebao.DecisionTotal
		var sum int64
		err := s.Scan(&d.Channel, &d.N, &sum)
		d.Sum = time.Duration(sum) * time.Microsecond
		return d, err
	})
	return totals, dbError("sum decision times", err)
}

// DecisionTimeAt returns the k-th shortest decision time of the channel's
// decided items created in from..to.
func (t *tx) DecisionTimeAt(ctx context.Context, from, to shebao.Period, ch shebao.Channel, k int) (time.Duration, error) {
	op := fmt.Sprintf("decision time %d of %s", k, ch)
	if k < 1 {
		return 0, notFound(op)
	}
	lo, hi := dayRange(from, to)
	var d int64
	err := t.tx.QueryRowContext(ctx, `SELECT decided_at - created_at AS d FROM items
		WHERE `+decidedItems+` AND channel = $3 ORDER BY d LIMIT 1 OFFSET $4`,
		lo, hi, string(ch), int64(k-1)).Scan(&d)
	if err != nil {
		return 0, dbError(op, err)
	}
	return time.Duration(d) * time.Microsecond, nil
}
