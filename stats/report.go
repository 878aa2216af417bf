// Package stats computes the office's statistics from its items: items per
// month by channel, type and category (fund items or others), month-on-month
// growth and the change against the same month a year earlier, each
// channel's share, and the average and 95th-percentile time from submission
// to decision per channel; and the office's collection per closed month
// with the units in arrears (collection.go). It draws them as inline SVG
// charts and exports them to .xlsx. docs/STATISTICS.md defines every figure.
package stats

import (
	"context"
	"time"

	"shebao"
)

// Service reads the statistics.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock // today, for the arrears; SystemClock when nil
	// DueDate is a period's deduction day (collection.Service.DueDate, the
	// rule's owner): a month is in arrears from the day after.
	DueDate func(shebao.Period) shebao.Date
}

// Report is the statistics of the months From..To.
type Report struct {
	From, To shebao.Period
	Months   []Month          // From..To, in order
	Channels []ChannelSummary // in the order of shebao.Channels
	Types    []TypeSummary    // in the order of shebao.AllItemTypes
	Total    int              // items in From..To
	Fund     int              // fund items (shebao.ItemType.Fund) in From..To
	Other    int
	// Collection is the office's collection view of the same months
	// (collection.go).
	Collection Collection
}

// Month is one month's figures.
type Month struct {
	Period    shebao.Period
	Total     int
	ByChannel []int   // items per channel, in the order of shebao.Channels
	Shares    []Ratio // each channel's share of Total, same order
	ByType    map[shebao.ItemType]int
	Fund      int
	Other     int
	MoM       Change   // Total against the month before
	YoY       Change   // Total against the same month a year earlier
	ChMoM     []Change // per channel, against the month before
	ChYoY     []Change // per channel, against the same month a year earlier
}

// ChannelSummary is one channel's figures over the whole range.
type ChannelSummary struct {
	Channel shebao.Channel
	Items   int
	Share   Ratio // of all items in the range
	Decided int   // items with a decision (approved, refused, returned)
	Avg     time.Duration
	P95     time.Duration // nearest rank: see P95Rank
}

// TypeSummary is one item type's count over the whole range.
type TypeSummary struct {
	Type  shebao.ItemType
	Fund  bool
	Items int
	Share Ratio
}

// P95Rank returns the nearest rank of the 95th percentile of n sorted
// values: the smallest k with k ≥ 0.95·n, that is ⌈95·n/100⌉. The 95th
// percentile is the k-th smallest value: at least 95% of the values are
// at or below it, and it is a value that occurred.
func P95Rank(n int) int { return (95*n + 99) / 100 }

// Report reads the statistics of from..to (checked by ParseRange). Staff
// only: EFORBIDDEN for anyone else.
func (s *Service) Report(ctx context.Context, a shebao.Actor, from, to shebao.Period) (Report, error) {
	if !a.Role.IsStaff() {
		return Report{}, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	var rep Report
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		// A year before From, for the changes against a year earlier.
		counts, err := tx.ItemCounts(ctx, from.AddMonths(-12), to)
		if err != nil {
			return err
		}
		totals, err := tx.DecisionTotals(ctx, from, to)
		if err != nil {
			return err
		}
		p95 := map[shebao.Channel]time.Duration{}
		for _, t := range totals {
			if p95[t.Channel], err = tx.DecisionTimeAt(ctx, from, to, t.Channel, P95Rank(t.N)); err != nil {
				return err
			}
		}
		rep = Build(from, to, counts, totals, p95)
		rep.Collection, err = s.collection(ctx, tx, from, to, s.today())
		return err
	})
	return rep, err
}

// today is the office's day on the service's clock.
func (s *Service) today() shebao.Date {
	if s.Clock == nil {
		return shebao.Today(shebao.SystemClock{})
	}
	return shebao.Today(s.Clock)
}

// Build computes a report from the item counts of from−12 months..to, the
// decision totals of from..to and each channel's 95th-percentile time.
func Build(from, to shebao.Period, counts []shebao.ItemCount, totals []shebao.DecisionTotal, p95 map[shebao.Channel]time.Duration) Report {
	rep := Report{From: from, To: to}
	type key struct {
		month shebao.Period
		ch    shebao.Channel
	}
	byChannel := map[key]int{}
	byType := map[shebao.Period]map[shebao.ItemType]int{}
	for _, c := range counts {
		byChannel[key{c.Month, c.Channel}] += c.N
		if byType[c.Month] == nil {
			byType[c.Month] = map[shebao.ItemType]int{}
		}
		byType[c.Month][c.Type] += c.N
	}
	monthTotal := func(p shebao.Period) int {
		n := 0
		for _, ch := range shebao.Channels {
			n += byChannel[key{p, ch}]
		}
		return n
	}
	chItems := make([]int, len(shebao.Channels))
	typeItems := map[shebao.ItemType]int{}
	for p := from; p <= to; p = p.Next() {
		m := Month{Period: p, Total: monthTotal(p), ByType: byType[p]}
		m.MoM = Change{Cur: m.Total, Base: monthTotal(p.Prev())}
		m.YoY = Change{Cur: m.Total, Base: monthTotal(p.AddMonths(-12))}
		for i, ch := range shebao.Channels {
			n := byChannel[key{p, ch}]
			m.ByChannel = append(m.ByChannel, n)
			m.Shares = append(m.Shares, Ratio{Num: int64(n), Den: int64(m.Total)})
			m.ChMoM = append(m.ChMoM, Change{Cur: n, Base: byChannel[key{p.Prev(), ch}]})
			m.ChYoY = append(m.ChYoY, Change{Cur: n, Base: byChannel[key{p.AddMonths(-12), ch}]})
			chItems[i] += n
		}
		for t, n := range m.ByType {
			typeItems[t] += n
			if t.Fund() {
				m.Fund += n
			} else {
				m.Other += n
			}
		}
		rep.Total += m.Total
		rep.Fund += m.Fund
		rep.Other += m.Other
		rep.Months = append(rep.Months, m)
	}
	for i, ch := range shebao.Channels {
		cs := ChannelSummary{Channel: ch, Items: chItems[i], Share: Ratio{Num: int64(chItems[i]), Den: int64(rep.Total)}, P95: p95[ch]}
		for _, t := range totals {
			if t.Channel == ch && t.N > 0 {
				cs.Decided = t.N
				cs.Avg = (t.Sum + time.Duration(t.N)/2) / time.Duration(t.N)
			}
		}
		rep.Channels = append(rep.Channels, cs)
	}
	for _, t := range shebao.AllItemTypes {
		rep.Types = append(rep.Types, TypeSummary{Type: t, Fund: t.Fund(), Items: typeItems[t],
			Share: Ratio{Num: int64(typeItems[t]), Den: int64(rep.Total)}})
	}
	return rep
}
