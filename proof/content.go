package proof

import (
	"slices"

	"shebao"
)

// personRows returns a person's contribution history through asOf: one row
// per coverage, by first month, and per insurance the distinct months.
func personRows(cs []shebao.Coverage, unitNames map[int64]string, asOf shebao.Period) ([]Row, []Total) {
	var rows []Row
	months := map[shebao.Insurance]map[shebao.Period]bool{}
	for _, c := range cs {
		last := c.LastPeriod
		if c.Status == shebao.CoverageActive || last > asOf {
			last = asOf
		}
		if last < c.FirstPeriod {
			continue // stopped in its first month, or starting after asOf
		}
		r := Row{Unit: unitNames[c.UnitID], Insurance: c.Insurance, From: c.FirstPeriod.String(),
			Months: c.FirstPeriod.MonthsUntil(last) + 1}
		if c.Status != shebao.CoverageActive {
			r.To = c.LastPeriod.String()
		}
		rows = append(rows, r)
		if months[c.Insurance] == nil {
			months[c.Insurance] = map[shebao.Period]bool{}
		}
		for m := c.FirstPeriod; m <= last; m = m.Next() {
			months[c.Insurance][m] = true
		}
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		if a.From != b.From {
			return cmpString(a.From, b.From)
		}
		return insuranceRank(a.Insurance) - insuranceRank(b.Insurance)
	})
	var totals []Total
	for _, in := range shebao.Insurances {
		if n := len(months[in]); n > 0 {
			totals = append(totals, Total{Insurance: in, Months: n})
		}
	}
	return rows, totals
}

// unitRows returns a unit's contribution summary through asOf: per
// insurance type, the first insured month, the persons insured in asOf
// (the proof's own cut-off, not today) and the person-months.
func unitRows(u shebao.Unit, cs []shebao.Coverage, asOf shebao.Period) ([]Row, []Total) {
	byIns := map[shebao.Insurance]*Row{}
	insured := map[shebao.Insurance]map[int64]bool{}
	for _, c := range cs {
		last := c.LastPeriod
		if c.Status == shebao.CoverageActive || last > asOf {
			last = asOf
		}
		r := byIns[c.Insurance]
		if r == nil {
			r = &Row{Unit: u.Name, Insurance: c.Insurance, From: c.FirstPeriod.String()}
			byIns[c.Insurance] = r
		}
		if s := c.FirstPeriod.String(); s < r.From {
			r.From = s
		}
		if c.FirstPeriod <= asOf && (c.Status == shebao.CoverageActive || c.LastPeriod >= asOf) {
			if insured[c.Insurance] == nil {
				insured[c.Insurance] = map[int64]bool{}
			}
			insured[c.Insurance][c.PersonID] = true
		}
		if last >= c.FirstPeriod {
			r.Months += c.FirstPeriod.MonthsUntil(last) + 1
		}
	}
	var rows []Row
	var totals []Total
	for _, in := range shebao.Insurances {
		if r := byIns[in]; r != nil {
			r.Persons = len(insured[in])
			rows = append(rows, *r)
			totals = append(totals, Total{Insurance: in, Months: r.Months})
		}
	}
	return rows, totals
}

func insuranceRank(in shebao.Insurance) int {
	if i := slices.Index(shebao.Insurances, in); i >= 0 {
		return i
	}
	return len(shebao.Insurances)
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
