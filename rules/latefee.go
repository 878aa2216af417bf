package rules

import "shebao"

// LateFee returns the late fee (滞纳金, Social Insurance Law art. 86) on an
// amount paid late: perDay/100,000 of the amount for each day late
// (shebao.Policy.LateFeePerDay; 50 = 0.05% a day).
//
// Day count: the days late are the days from the day after due through on,
// both inclusive, that is due.DaysUntil(on): due 2026-07-15 and on
// 2026-07-16 is 1 day; on ≤ due is 0 days and no fee. The fee is computed
// exactly on the total (amount × perDay × days / 100,000) and rounded half up
// to the fen once, not day by day, so it does not depend on how the days are
// grouped. The product is exact in int64 for any amount up to shebao.MaxFen
// at 0.05% a day for over 50,000 years.
func LateFee(amount shebao.Fen, due, on shebao.Date, perDay int64) (days int, fee shebao.Fen) {
	if on <= due {
		return 0, 0
	}
	days = due.DaysUntil(on)
	return days, Round(int64(amount)*perDay*int64(days), shebao.RoundFen)
}
