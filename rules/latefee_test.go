package rules

import (
	"testing"

	"shebao"
)

func TestLateFee(t *testing.T) {
	tests := []struct {
		name    string
		amount  shebao.Fen
		due, on shebao.Date
		perDay  int64
		days    int
		fee     shebao.Fen
	}{
		{"on the due day", 1000_00, 20260715, 20260715, 50, 0, 0},
		{"before the due day", 1000_00, 20260715, 20260701, 50, 0, 0},
		{"one day", 1000_00, 20260715, 20260716, 50, 1, 50}, // 0.05% of ¥1000 = ¥0.50
		{"through the month end", 1000_00, 20260715, 20260731, 50, 16, 8_00},
		{"across a leap February", 1000_00, 20280215, 20280301, 50, 15, 7_50},
		{"across a year", 2048_00, 20251215, 20260115, 50, 31, 31_74},      // 31.744
		{"rounded once on the total", 1_01, 20260715, 20260725, 50, 10, 1}, // 0.00505 → 0.01
		{"per day would round to 0", 99, 20260101, 20260201, 50, 31, 2},    // 31×0.0495 = 1.5345
		{"half a fen rounds up", 1000, 20260101, 20260102, 50, 1, 1},       // 0.5 → 1
	}
	for _, tt := range tests {
		days, fee := LateFee(tt.amount, tt.due, tt.on, tt.perDay)
		if days != tt.days || fee != tt.fee {
			t.Errorf("%s: LateFee = %d days, %d fen; want %d, %d", tt.name, days, fee, tt.days, tt.fee)
		}
	}
}
