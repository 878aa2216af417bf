package rules

import "shebao"

// Clamp says whether and how a declared wage was clamped to the base bounds.
type Clamp string

// Clamps.
const (
	ClampNone    Clamp = "none"    // the wage lies within the bounds and is the base
	ClampFloor   Clamp = "floor"   // the wage is below the floor: the base is the floor
	ClampCeiling Clamp = "ceiling" // the wage is above the ceiling: the base is the ceiling
)

// BaseResult is a contribution base (缴费基数) with how it was found, so
// that a page can say "your wage ¥3,000.00 is below the floor ¥4,494.00".
type BaseResult struct {
	Wage    shebao.Fen // the declared monthly wage
	Base    shebao.Fen // the base applied
	Floor   shebao.Fen // the year's floor
	Ceiling shebao.Fen // the year's ceiling
	Clamp   Clamp
}

// ClampBase returns the contribution base for a declared monthly wage: the
// wage clamped to [floor, ceiling], the 60%–300% bounds of the year
// (docs/RULES.md#contribution-bases). ValidatePolicy guarantees floor ≤ ceiling; if a
// caller passes floor > ceiling anyway, the ceiling wins.
func ClampBase(wage, floor, ceiling shebao.Fen) BaseResult {
	r := BaseResult{Wage: wage, Base: wage, Floor: floor, Ceiling: ceiling, Clamp: ClampNone}
	switch {
	case wage > ceiling:
		r.Base, r.Clamp = ceiling, ClampCeiling
	case wage < floor && floor > ceiling:
		r.Base, r.Clamp = ceiling, ClampCeiling
	case wage < floor:
		r.Base, r.Clamp = floor, ClampFloor
	}
	return r
}

// DefaultBounds returns the usual base floor and ceiling for a provincial
// average monthly wage: 60% and 300% of it (docs/RULES.md#contribution-bases).
// Offices publish the bounds in whole yuan, so each is rounded half up to
// the yuan (an average of ¥7,490.50 gives a floor of ¥4,494.00, not
// ¥4,494.30). avg must not be negative.
func DefaultBounds(avg shebao.Fen) (floor, ceiling shebao.Fen) {
	return percentToYuan(avg, 60), percentToYuan(avg, 300)
}

// percentToYuan returns pct% of f rounded half up to the whole yuan.
func percentToYuan(f shebao.Fen, pct int64) shebao.Fen {
	// f fen × pct / 100 = f×pct/100 fen = f×pct/10,000 yuan.
	return shebao.Fen(divHalfUp(int64(f)*pct, 10_000) * 100)
}

// divHalfUp returns n/d rounded half away from zero, for d > 0, without
// overflow for any n.
func divHalfUp(n, d int64) int64 {
	q, r := n/d, n%d
	if r < 0 {
		r = -r
	}
	if r >= d-r { // r ≥ d/2 without rounding d/2 down for odd d
		if n < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}
