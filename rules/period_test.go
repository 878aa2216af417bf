package rules

import (
	"testing"

	"shebao"
)

func TestBusinessPeriod(t *testing.T) {
	tests := []struct {
		today  shebao.Date
		cutoff int
		want   shebao.Period
	}{
		{20260701, 15, 202607},
		{20260715, 15, 202607},
		{20260716, 15, 202608},
		{20260731, 15, 202608},
		{20261215, 15, 202612},
		{20261216, 15, 202701}, // December after the cutoff: next year's January
		{20261231, 15, 202701},
		{20260228, 28, 202602},
		{20260201, 1, 202602},
		{20260202, 1, 202603},
	}
	for _, tt := range tests {
		if got := BusinessPeriod(tt.today, tt.cutoff); got != tt.want {
			t.Errorf("BusinessPeriod(%v, %d) = %v, want %v", tt.today, tt.cutoff, got, tt.want)
		}
	}
}

func TestCounterOpen(t *testing.T) {
	tests := []struct {
		today   shebao.Date
		lastDay int
		want    bool
	}{
		{20260701, 15, true},
		{20260715, 15, true},
		{20260716, 15, false},
		{20260731, 15, false},
		{20260310, 10, true},
		{20260311, 10, false},
	}
	for _, tt := range tests {
		if got := CounterOpen(tt.today, tt.lastDay); got != tt.want {
			t.Errorf("CounterOpen(%v, %d) = %v, want %v", tt.today, tt.lastDay, got, tt.want)
		}
	}
}
