package proof

import (
	"testing"

	"shebao"
)

// TestUnitRowsAsOf: a unit's proof counts the persons insured in its own
// cut-off month, not today's: one who joined after it and one who left
// before it are not counted, one who left after it is; the person-months
// run to the cut-off.
func TestUnitRowsAsOf(t *testing.T) {
	asOf := shebao.Period(202610)
	cov := func(person int64, first, last shebao.Period) shebao.Coverage {
		st := shebao.CoverageActive
		if last != 0 {
			st = shebao.CoverageStopped
		}
		return shebao.Coverage{PersonID: person, UnitID: 1, Insurance: shebao.Insurances[0], Status: st,
			FirstPeriod: first, LastPeriod: last}
	}
	cs := []shebao.Coverage{
		cov(1, 202601, 0),      // insured throughout: counted, 10 months
		cov(2, 202611, 0),      // joined after the cut-off: not counted, 0 months
		cov(3, 202601, 202609), // left before the cut-off: not counted, 9 months
		cov(4, 202601, 202611), // left after the cut-off: counted, 10 months to the cut-off
		cov(5, 202610, 202610), // only the cut-off month: counted, 1 month
	}
	rows, totals := unitRows(shebao.Unit{Name: "甲"}, cs, asOf)
	if len(rows) != 1 || rows[0].Persons != 3 || rows[0].Months != 30 || rows[0].From != "2026-01" {
		t.Errorf("rows = %+v", rows)
	}
	if len(totals) != 1 || totals[0].Months != 30 {
		t.Errorf("totals = %+v", totals)
	}
}
