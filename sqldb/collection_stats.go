package sqldb

import (
	"context"

	"shebao"
)

// CollectionMonthFigures sums each closed period of from..to over its
// units: the sums assessed, the principal collected (a sum recorded paid
// without any result counts in full, as the unit's account does), and
// what the period's own list failed to collect (the sum less what its
// paid and part lines collected, for units with a failed or part line).
// One query; the results are summed per unit and period first.
func (t *tx) CollectionMonthFigures(ctx context.Context, from, to shebao.Period) ([]shebao.CollectionMonthFigure, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT s.period, COUNT(*),
		CAST(COALESCE(SUM(s.employer + s.employee), 0) AS BIGINT),
		CAST(COALESCE(SUM(CASE WHEN s.paid AND r.n IS NULL THEN s.employer + s.employee ELSE COALESCE(r.principal, 0) END), 0) AS BIGINT),
		CAST(COALESCE(SUM(CASE WHEN r.failed > 0 THEN s.employer + s.employee - r.own ELSE 0 END), 0) AS BIGINT),
		COALESCE(SUM(CASE WHEN s.paid THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN r.failed > 0 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN s.paid THEN 0 ELSE 1 END), 0)
		FROM assessment_units s
		JOIN assessment_periods ap ON ap.period = s.period AND ap.status = $3
		LEFT JOIN (SELECT unit_id, period, COUNT(*) AS n, SUM(principal) AS principal,
			SUM(CASE WHEN list_period = period AND outcome IN ($4, $5) THEN 1 ELSE 0 END) AS failed,
			SUM(CASE WHEN list_period = period AND outcome IN ($6, $5) THEN principal ELSE 0 END) AS own
			FROM collection_results WHERE item_id = 0 AND period BETWEEN $1 AND $2
			GROUP BY unit_id, period) r ON r.unit_id = s.unit_id AND r.period = s.period
		WHERE s.period BETWEEN $1 AND $2
		GROUP BY s.period ORDER BY s.period`,
		int32(from), int32(to), string(shebao.AssessmentClosed),
		shebao.CollectFailed, shebao.CollectPartial, shebao.CollectPaid)
	if err != nil {
		return nil, dbError("collection month figures", err)
	}
	figs, err := collect(rows, func(s scanner) (shebao.CollectionMonthFigure, error) {
		var f shebao.CollectionMonthFigure
		err := s.Scan(&f.Period, &f.Units, &f.Expected, &f.Collected, &f.Failed, &f.UnitsPaid, &f.UnitsFailed, &f.UnitsOwing)
		return f, err
	})
	return figs, dbError("collection month figures", err)
}

// UnitArrearsByMonths counts the units owing closed periods up to through
// by how many periods each owes, with the principal not collected.
func (t *tx) UnitArrearsByMonths(ctx context.Context, through shebao.Period) ([]shebao.UnitArrears, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT u.n, COUNT(*), CAST(COALESCE(SUM(u.owed), 0) AS BIGINT) FROM (
		SELECT s.unit_id, COUNT(*) AS n, SUM(s.employer + s.employee - COALESCE(c.principal, 0)) AS owed
		FROM assessment_units s
		JOIN assessment_periods ap ON ap.period = s.period AND ap.status = $2
		LEFT JOIN (SELECT unit_id, period, SUM(principal) AS principal FROM collection_results
			WHERE item_id = 0 AND period <= $1 GROUP BY unit_id, period) c
			ON c.unit_id = s.unit_id AND c.period = s.period
		WHERE NOT s.paid AND s.period <= $1 AND s.employer + s.employee > 0
		GROUP BY s.unit_id) u
		GROUP BY u.n ORDER BY u.n`, int32(through), string(shebao.AssessmentClosed))
	if err != nil {
		return nil, dbError("unit arrears", err)
	}
	out, err := collect(rows, func(s scanner) (shebao.UnitArrears, error) {
		var a shebao.UnitArrears
		err := s.Scan(&a.Months, &a.Units, &a.Owed)
		return a, err
	})
	return out, dbError("unit arrears", err)
}
