package shebao_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"shebao"
)

// TestPolicyYearsSuffice: PolicyInForce reads no year outside PolicyYears,
// whichever years have a policy, so that a reader holding only those years
// (the engine's one statement of facts) decides as the whole table would.
func TestPolicyYearsSuffice(t *testing.T) {
	all := shebao.Policies{}
	for y, cutoff := range map[int]int{2024: 15, 2025: 20, 2026: 15, 2027: 25} {
		all[y] = shebao.Policy{Year: y, CutoffDay: cutoff, BaseFloor: shebao.Fen(y)}
	}
	// Each subset of the years, as the office publishes them (or not).
	for mask := 0; mask < 16; mask++ {
		have := shebao.Policies{}
		for i, y := range []int{2024, 2025, 2026, 2027} {
			if mask&(1<<i) != 0 {
				have[y] = all[y]
			}
		}
		for day := shebao.NewDate(2025, time.November, 25); day <= shebao.NewDate(2027, time.January, 31); day = day.AddDays(1) {
			from, to := shebao.PolicyYears(day)
			some := shebao.Policies{}
			for y, p := range have {
				if y >= from && y <= to {
					some[y] = p
				}
			}
			want, werr := shebao.PolicyInForce(context.Background(), have, day)
			got, gerr := shebao.PolicyInForce(context.Background(), some, day)
			if !reflect.DeepEqual(got, want) || shebao.ErrorCode(gerr) != shebao.ErrorCode(werr) {
				t.Fatalf("years %v, %s: with %d–%d only %+v %v, want %+v %v", have, day, from, to, got, gerr, want, werr)
			}
		}
	}
}
