package rules

import (
	"testing"

	"shebao"
)

func TestEnrollLateDays(t *testing.T) {
	jun1 := shebao.NewDate(2026, 6, 1)
	tests := []struct {
		today shebao.Date
		want  int
	}{
		{jun1, 0},
		{shebao.NewDate(2026, 7, 1), 0}, // the 30th day after the start
		{shebao.NewDate(2026, 7, 2), 1},
		{shebao.NewDate(2026, 8, 31), 61},
	}
	if got := EnrollDeadline(jun1); got != shebao.NewDate(2026, 7, 1) {
		t.Errorf("EnrollDeadline(2026-06-01) = %v, want 2026-07-01", got)
	}
	for _, tt := range tests {
		if got := EnrollLateDays(jun1, tt.today); got != tt.want {
			t.Errorf("EnrollLateDays(2026-06-01, %v) = %d, want %d", tt.today, got, tt.want)
		}
	}
}
