package rules

import (
	"math"
	"testing"

	"shebao"
)

func TestRound(t *testing.T) {
	tests := []struct {
		name string
		num  int64
		r    shebao.Rounding
		want shebao.Fen
	}{
		{"fen exact", 128_000_00 * 100_000 / 100, shebao.RoundFen, 128_000},
		{"fen below half", 49_999, shebao.RoundFen, 0},
		{"fen half", 50_000, shebao.RoundFen, 1},
		{"fen above half", 150_001, shebao.RoundFen, 2},
		{"fen 8000 yuan × 16%", 800_000 * 16_000, shebao.RoundFen, 128_000},
		{"fen 4494.33 × 8%", 449_433 * 8_000, shebao.RoundFen, 35_955}, // 35954.64
		{"fen 4494.33 × 0.5%", 449_433 * 500, shebao.RoundFen, 2_247},  // 2247.165
		{"jiao zero", 0, shebao.RoundJiaoUp, 0},
		{"jiao exact multiple", 10 * 100_000, shebao.RoundJiaoUp, 10},
		{"jiao one over", 10*100_000 + 1, shebao.RoundJiaoUp, 20},
		{"jiao one fen", 100_000, shebao.RoundJiaoUp, 10},
		{"jiao tiny", 1, shebao.RoundJiaoUp, 10},
		{"jiao 4494.33 × 8%", 449_433 * 8_000, shebao.RoundJiaoUp, 35_960},
		{"jiao 8000 yuan × 16%", 800_000 * 16_000, shebao.RoundJiaoUp, 128_000},
		{"negative fen", -150_000, shebao.RoundFen, -2},
		{"negative jiao", -(10*100_000 + 1), shebao.RoundJiaoUp, -20},
		{"unknown rounds to fen", 50_000, "", 1},
	}
	for _, tt := range tests {
		if got := Round(tt.num, tt.r); got != tt.want {
			t.Errorf("%s: Round(%d, %q) = %d, want %d", tt.name, tt.num, tt.r, got, tt.want)
		}
	}
}

// FuzzRound checks Round's defining properties with integers only: RoundFen
// is within half a fen and rounds ties up; RoundJiaoUp is a whole number of
// jiao, never below the exact amount and less than a jiao above it; both are
// odd functions (a reversal cancels the original).
func FuzzRound(f *testing.F) {
	for _, n := range []int64{0, 1, 49_999, 50_000, 99_999, 100_000, 1_000_000, 1_000_001, -50_000, math.MaxInt64, math.MinInt64} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		if n == math.MinInt64 || n > math.MaxInt64/2 || n < -math.MaxInt64/2 {
			_ = Round(n, shebao.RoundFen) // must not panic
			_ = Round(n, shebao.RoundJiaoUp)
			return
		}
		fen := int64(Round(n, shebao.RoundFen))
		if Round(-n, shebao.RoundFen) != shebao.Fen(-fen) {
			t.Fatalf("RoundFen not odd at %d", n)
		}
		if n >= 0 {
			d := n - fen*100_000 // exact − rounded, in numerator units
			if d < -50_000 || d >= 50_000 {
				t.Fatalf("RoundFen(%d) = %d: off by %d", n, fen, d)
			}
		}
		jiao := int64(Round(n, shebao.RoundJiaoUp))
		if jiao%10 != 0 || Round(-n, shebao.RoundJiaoUp) != shebao.Fen(-jiao) {
			t.Fatalf("RoundJiaoUp(%d) = %d", n, jiao)
		}
		if n >= 0 && (jiao*100_000 < n || jiao*100_000-n >= 1_000_000) {
			t.Fatalf("RoundJiaoUp(%d) = %d: not the next jiao", n, jiao)
		}
	})
}

// FuzzContribution checks that each share is its side's rounded amount and
// that the shares never go over the base.
func FuzzContribution(f *testing.F) {
	f.Add(int64(800_000), int64(16_000), int64(8_000), false)
	f.Add(int64(449_433), int64(500), int64(500), true)
	f.Fuzz(func(t *testing.T, base, er, ee int64, jiao bool) {
		if base < 0 || base > int64(shebao.MaxFen) || er < 0 || er > shebao.RateScale || ee < 0 || ee > shebao.RateScale {
			return
		}
		r := shebao.Rate{Employer: er, Employee: ee, Rounding: shebao.RoundFen}
		if jiao {
			r.Rounding = shebao.RoundJiaoUp
		}
		s := Contribution(shebao.Fen(base), r)
		if s.Employer != Round(base*er, r.Rounding) || s.Employee != Round(base*ee, r.Rounding) {
			t.Fatalf("Contribution(%d, %+v) = %+v", base, r, s)
		}
		if !jiao && (s.Employer > shebao.Fen(base) || s.Employee > shebao.Fen(base)) {
			t.Fatalf("Contribution(%d, %+v) = %+v: more than the base", base, r, s)
		}
		if s.Total() != s.Employer+s.Employee {
			t.Fatalf("Total")
		}
	})
}

func TestContribution(t *testing.T) {
	p := DefaultPolicy(2026, 7490_00)
	base := shebao.Fen(8000_00)
	tests := []struct {
		ins  shebao.Insurance
		want Share
	}{
		{shebao.Pension, Share{1280_00, 640_00}},
		{shebao.Medical, Share{640_00, 160_00}},
		{shebao.Unemployment, Share{40_00, 40_00}},
	}
	for _, tt := range tests {
		if got := Contribution(base, p.Rates[tt.ins]); got != tt.want {
			t.Errorf("Contribution(%v, %s) = %+v, want %+v", base, tt.ins, got, tt.want)
		}
	}
	// Shanghai-style jiao rounding of an odd base.
	r := shebao.Rate{Employer: 500, Employee: 500, Rounding: shebao.RoundJiaoUp}
	if got := Contribution(4494_33, r); got != (Share{22_50, 22_50}) { // 22.47165 → 22.50
		t.Errorf("jiao Contribution = %+v", got)
	}
}

func TestInjuryRate(t *testing.T) {
	p := DefaultPolicy(2026, 7490_00)
	tests := []struct {
		class int
		float int64
		want  int64
	}{
		{1, 0, 200}, {4, 0, 900}, {8, 0, 1900},
		{8, 380, 2280}, // floats up 20%
		{1, -100, 100}, // floats down
		{1, -500, 0},   // never below 0
		{0, 0, 0},      // no such class
		{9, 100, 0},    // no such class
	}
	for _, tt := range tests {
		got := InjuryRate(p, tt.class, tt.float)
		want := shebao.Rate{Employer: tt.want, Employee: 0, Rounding: shebao.RoundFen}
		if got != want {
			t.Errorf("InjuryRate(class %d, %+d) = %+v, want %+v", tt.class, tt.float, got, want)
		}
	}
	p.Rates[shebao.Injury] = shebao.Rate{Rounding: shebao.RoundJiaoUp}
	if got := InjuryRate(p, 2, 0); got.Rounding != shebao.RoundJiaoUp || got.Employer != 400 {
		t.Errorf("InjuryRate with jiao rounding = %+v", got)
	}
	delete(p.Rates, shebao.Injury)
	if got := InjuryRate(p, 2, 0); got.Rounding != shebao.RoundFen {
		t.Errorf("InjuryRate without an injury entry = %+v", got)
	}
}
