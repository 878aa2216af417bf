package stats

import (
	"context"

	"shebao"
)

// Collection is the office's collection view of a report's months: per
// closed month what was expected, collected and failed with the collection
// rate, and the units in arrears today by how many months they owe.
// docs/STATISTICS.md, "Collection".
type Collection struct {
	Months  []CollectionMonth // the report's months, in order; Closed false for months not closed
	Through shebao.Period     // arrears count the closed months whose deduction day has passed, up to this one
	Arrears []ArrearsBucket   // 1 month, 2–3 months, 4 months and more
	// The range's closed months together.
	Expected, Collected, Failed shebao.Fen
	Rate                        Ratio
}

// CollectionMonth is one month of the collection view.
type CollectionMonth struct {
	shebao.CollectionMonthFigure
	Closed bool
	Rate   Ratio // Collected ÷ Expected
}

// ArrearsBucket is the units owing between Min and Max months (Max 0: no
// upper bound), and the principal they owe.
type ArrearsBucket struct {
	Min, Max int
	Units    int
	Owed     shebao.Fen
}

// arrearsBuckets are the view's spans of months owed: 1, 2–3, 4+.
var arrearsBuckets = [][2]int{{1, 1}, {2, 3}, {4, 0}}

// collection reads the collection view of from..to in tx, on today.
func (s *Service) collection(ctx context.Context, tx shebao.Tx, from, to shebao.Period, today shebao.Date) (Collection, error) {
	figs, err := tx.CollectionMonthFigures(ctx, from, to)
	if err != nil {
		return Collection{}, err
	}
	through := s.arrearsThrough(today)
	arrears, err := tx.UnitArrearsByMonths(ctx, through)
	if err != nil {
		return Collection{}, err
	}
	return BuildCollection(from, to, through, figs, arrears), nil
}

// arrearsThrough returns the newest period whose deduction day (DueDate,
// the collection service's rule) is before today: a closed month is in
// arrears only from the day after its deduction day.
func (s *Service) arrearsThrough(today shebao.Date) shebao.Period {
	p := today.Period()
	if s.DueDate == nil {
		return p.Prev()
	}
	for s.DueDate(p) >= today {
		p = p.Prev()
	}
	return p
}

// BuildCollection computes the collection view from the figures of the
// closed months of from..to and the units' arrears by months owed.
func BuildCollection(from, to, through shebao.Period, figs []shebao.CollectionMonthFigure, arrears []shebao.UnitArrears) Collection {
	c := Collection{Through: through}
	byPeriod := map[shebao.Period]shebao.CollectionMonthFigure{}
	for _, f := range figs {
		byPeriod[f.Period] = f
	}
	for p := from; p <= to; p = p.Next() {
		f, ok := byPeriod[p]
		f.Period = p
		m := CollectionMonth{CollectionMonthFigure: f, Closed: ok, Rate: Ratio{Num: int64(f.Collected), Den: int64(f.Expected)}}
		c.Expected += f.Expected
		c.Collected += f.Collected
		c.Failed += f.Failed
		c.Months = append(c.Months, m)
	}
	c.Rate = Ratio{Num: int64(c.Collected), Den: int64(c.Expected)}
	for _, b := range arrearsBuckets {
		bucket := ArrearsBucket{Min: b[0], Max: b[1]}
		for _, a := range arrears {
			if a.Months >= b[0] && (b[1] == 0 || a.Months <= b[1]) {
				bucket.Units += a.Units
				bucket.Owed += a.Owed
			}
		}
		c.Arrears = append(c.Arrears, bucket)
	}
	return c
}

// ArrearsUnits returns how many units are in arrears, over every bucket.
func (c Collection) ArrearsUnits() int {
	n := 0
	for _, b := range c.Arrears {
		n += b.Units
	}
	return n
}

// ArrearsOwed returns the principal the units in arrears owe.
func (c Collection) ArrearsOwed() shebao.Fen {
	var n shebao.Fen
	for _, b := range c.Arrears {
		n += b.Owed
	}
	return n
}
