package api

import (
	"testing"

	"shebao"
	"shebao/billing"
	"shebao/rules"
)

// TestBillJSONAsEncodingJSON: a bill is written byte for byte as
// encoding/json wrote it, whatever its text holds: empty and nil lists,
// negative amounts, every awkward string in every text field.
func TestBillJSONAsEncodingJSON(t *testing.T) {
	for i, s := range awkward {
		line := billing.Line{CoverageID: 9, Insurance: shebao.Insurance(s),
			Base:     rules.BaseResult{Wage: 300_000, Base: -shebao.Fen(i), Clamp: rules.Clamp(s), Floor: 1 << 40, Ceiling: 2},
			Rate:     shebao.Rate{Employer: 16000, Employee: -8, Rounding: shebao.Rounding(s)},
			Employer: 12345, Employee: shebao.Fen(i)}
		b := billJSON{UnitID: int64(i) << 33, UnitName: s, Period: s, Closed: i%2 == 0, Paid: i%3 == 0,
			PolicyYear: 2026, PolicyVersion: i, RiskClass: 8, InjuryFloat: -450, TotalFen: 1, EmployerFen: -2,
			EmployeeFen: 3, BackpayEmployerFen: 4, BackpayEmployeeFen: 5, BackpayLateFeeFen: 6, ChargedFen: 7,
			ByInsurance: []insuranceSumJSON{{Insurance: s, Persons: i, EmployerFen: 8, EmployeeFen: -9}},
			Persons: []personMonthJSON{{PersonID: 10, Name: s, IDNumberMasked: s, EmployerFen: 11, EmployeeFen: 12,
				Lines: billLines{line, line}}, {Name: s, Lines: billLines{}}, {Lines: nil}},
			Backpay: []backpayLineJSON{{ItemID: 13, PersonID: 14, Name: s, IDNumberMasked: s, BaseFen: 15,
				EmployerFen: 16, EmployeeFen: 17, LateFeeFen: 18, Paid: i%2 == 1, PaidFen: 19}}}
		switch i {
		case 1:
			b.ByInsurance, b.Persons, b.Backpay = nil, nil, nil
		case 2:
			b.ByInsurance, b.Persons, b.Backpay = []insuranceSumJSON{}, []personMonthJSON{}, []backpayLineJSON{}
		}
		if got, want := string(b.appendJSON(nil))+"\n", encodingJSON(t, b); got != want {
			t.Errorf("bill %q:\n got %s\nwant %s", s, got, want)
		}
	}
}
