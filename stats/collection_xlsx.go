package stats

// collectionRows lays the collection view out for the export: one row per
// month (expected, collected, failed, rate, units assessed, paid, failed,
// owing; a month not closed says so), the range's totals, and below them
// the units in arrears by months owed.
func collectionRows(c Collection, t Translator) [][]any {
	rows := [][]any{{t("stats.month"), t("stats.coll.expected"), t("stats.coll.collected"), t("stats.coll.failed"),
		t("stats.coll.rate"), t("stats.coll.units"), t("stats.coll.units_paid"), t("stats.coll.units_failed"),
		t("stats.coll.units_owing")}}
	for _, m := range c.Months {
		if !m.Closed {
			rows = append(rows, []any{m.Period.String(), t("stats.coll.not_closed")})
			continue
		}
		rows = append(rows, []any{m.Period.String(), m.Expected, m.Collected, m.Failed, m.Rate, m.Units,
			m.UnitsPaid, m.UnitsFailed, m.UnitsOwing})
	}
	rows = append(rows, []any{t("stats.total"), c.Expected, c.Collected, c.Failed, c.Rate}, []any{},
		[]any{t("stats.coll.arrears_as_of", c.Through.String())},
		[]any{t("stats.coll.months_owed"), t("stats.coll.units"), t("stats.coll.owed")})
	for _, a := range c.Arrears {
		rows = append(rows, []any{a.MonthsLabel(), a.Units, a.Owed})
	}
	return append(rows, []any{t("stats.total"), c.ArrearsUnits(), c.ArrearsOwed()})
}
