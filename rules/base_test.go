package rules

import (
	"testing"

	"shebao"
)

func TestClampBase(t *testing.T) {
	const floor, ceiling shebao.Fen = 4494_00, 22472_00
	tests := []struct {
		wage, base shebao.Fen
		clamp      Clamp
	}{
		{3000_00, floor, ClampFloor},
		{floor - 1, floor, ClampFloor},
		{floor, floor, ClampNone},
		{8000_00, 8000_00, ClampNone},
		{ceiling, ceiling, ClampNone},
		{ceiling + 1, ceiling, ClampCeiling},
		{100000_00, ceiling, ClampCeiling},
		{0, floor, ClampFloor},
	}
	for _, tt := range tests {
		got := ClampBase(tt.wage, floor, ceiling)
		want := BaseResult{Wage: tt.wage, Base: tt.base, Floor: floor, Ceiling: ceiling, Clamp: tt.clamp}
		if got != want {
			t.Errorf("ClampBase(%v) = %+v, want %+v", tt.wage, got, want)
		}
	}
	// Inverted bounds (a policy ValidatePolicy would refuse): the ceiling wins.
	if got := ClampBase(100_00, 500_00, 300_00); got.Base != 300_00 || got.Clamp != ClampCeiling {
		t.Errorf("ClampBase with floor > ceiling = %+v", got)
	}
}

func TestDefaultBounds(t *testing.T) {
	tests := []struct {
		avg, floor, ceiling shebao.Fen
	}{
		{7490_00, 4494_00, 22470_00},
		{7490_50, 4494_00, 22472_00},  // 4494.30 → 4494; 22471.50 → 22472 (half up)
		{7490_83, 4494_00, 22472_00},  // 4494.498 → 4494; 22472.49 → 22472
		{7490_84, 4495_00, 22473_00},  // 4494.504 → 4495; 22472.52 → 22473
		{12307_00, 7384_00, 36921_00}, // 7384.2; 36921
		{0, 0, 0},
	}
	for _, tt := range tests {
		f, c := DefaultBounds(tt.avg)
		if f != tt.floor || c != tt.ceiling {
			t.Errorf("DefaultBounds(%v) = %v, %v; want %v, %v", tt.avg, f, c, tt.floor, tt.ceiling)
		}
	}
}

func TestDivHalfUp(t *testing.T) {
	tests := []struct{ n, d, want int64 }{
		{0, 10, 0}, {4, 10, 0}, {5, 10, 1}, {15, 10, 2}, {-5, 10, -1}, {-4, 10, 0},
		{1, 3, 0}, {2, 3, 1}, {3, 3, 1},
	}
	for _, tt := range tests {
		if got := divHalfUp(tt.n, tt.d); got != tt.want {
			t.Errorf("divHalfUp(%d, %d) = %d, want %d", tt.n, tt.d, got, tt.want)
		}
	}
}
