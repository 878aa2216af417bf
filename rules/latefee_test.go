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

// TestOwed: collections pay the oldest charge first; each part's fee runs
// to the day it was paid (Accrued), the rest's to the day asked; the fee
// collected is deducted. The same amounts paid in one go or in parts owe
// the same, give or take the rounding of each part.
func TestOwed(t *testing.T) {
	cs := []Charge{{Amount: 1000_00, Due: 20260131, PerDay: 50}, {Amount: 2000_00, Due: 20260228, PerDay: 50}}
	if a := Owed(cs, shebao.Collected{}, 20260131); a != (Arrears{Principal: 3000_00}) {
		t.Errorf("on the first due date: %+v", a)
	}
	// 10 March: January 38 days late (¥19.00), February 10 days (¥10.00).
	if a := Owed(cs, shebao.Collected{}, 20260310); a.Principal != 3000_00 || a.LateFee != 29_00 || a.Days != 38 {
		t.Errorf("nothing paid, 10 March: %+v", a)
	}
	if r := Remaining(cs, 1500_00); len(r) != 1 || r[0].Amount != 1500_00 || r[0].Due != 20260228 {
		t.Errorf("¥1500 paid leaves %+v, want ¥1500 of February", r)
	}
	// ¥1500 paid on 10 March: January's ¥1000 (¥19.00) and ¥500 of February (¥2.50).
	accrued := Accrued(cs, 0, 1500_00, 20260310)
	if accrued != 21_50 {
		t.Fatalf("accrued = %d, want 2150", accrued)
	}
	c := shebao.Collected{Principal: 1500_00, Fee: 0, FeeAccrued: accrued}
	// On 20 March the rest (¥1500 of February, 20 days: ¥15.00) and the fee run up.
	if a := Owed(cs, c, 20260320); a.Principal != 1500_00 || a.LateFee != 21_50+15_00 || a.Days != 20 {
		t.Errorf("after ¥1500 paid, 20 March: %+v", a)
	}
	c.Fee = 30_00
	if a := Owed(cs, c, 20260320); a.LateFee != 6_50 {
		t.Errorf("¥30 of fee collected: %+v, want ¥6.50 left", a)
	}
	if a := Owed(cs, shebao.Collected{Principal: 3000_00, FeeAccrued: 29_00, Fee: 29_00}, 20260401); a != (Arrears{}) {
		t.Errorf("paid in full: %+v", a)
	}
	if got := Accrued(cs, 1000_00, 500_00, 20260310); got != 2_50 {
		t.Errorf("¥500 after ¥1000: %d, want 250 (February's part)", got)
	}
}

func TestBackpayCharges(t *testing.T) {
	ms := []shebao.BackpayMonth{{Period: 202602, Employer: 70, Employee: 30}, {Period: 202512, Employer: 7, Employee: 3}}
	cs := BackpayCharges(ms, func(y int) int64 { return int64(y - 1975) })
	want := []Charge{{Amount: 10, Due: 20251231, PerDay: 50}, {Amount: 100, Due: 20260228, PerDay: 51}}
	if len(cs) != 2 || cs[0] != want[0] || cs[1] != want[1] {
		t.Errorf("charges %+v, want %+v", cs, want)
	}
}
