package rules

import (
	"testing"

	"shebao"
)

func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy(2026, 7490_00)
	if err := ValidatePolicy(p); err != nil {
		t.Fatalf("ValidatePolicy(DefaultPolicy) = %v", err)
	}
	if p.BaseFloor != 4494_00 || p.BaseCeiling != 22470_00 {
		t.Errorf("bounds = %v, %v", p.BaseFloor, p.BaseCeiling)
	}
	if p.DeclareFrom != 20260701 || p.DeclareTo != 20260731 || p.BaseFromMonth != 7 {
		t.Errorf("declaration window = %v..%v from month %d", p.DeclareFrom, p.DeclareTo, p.BaseFromMonth)
	}
	if p.LateFeePerDay != 50 || p.CutoffDay != 15 || p.CounterLastDay != 15 || p.BackpayMonths != 36 {
		t.Errorf("days = %+v", p)
	}
	if p.Rates[shebao.Pension].Employer != 16_000 || p.InjuryClassRates[7] != 1900 {
		t.Errorf("rates = %+v %v", p.Rates, p.InjuryClassRates)
	}
}

func TestValidatePolicy(t *testing.T) {
	tests := []struct {
		name          string
		edit          func(*shebao.Policy)
		field, reason string
	}{
		{"year", func(p *shebao.Policy) { p.Year = 0 }, "year", shebao.ReasonOutOfRange},
		{"no average", func(p *shebao.Policy) { p.AvgMonthlyWage = 0 }, "avg_monthly_wage", shebao.ReasonAmountZero},
		{"no floor", func(p *shebao.Policy) { p.BaseFloor = 0 }, "base_floor", shebao.ReasonAmountZero},
		{"floor above ceiling", func(p *shebao.Policy) { p.BaseFloor = p.BaseCeiling + 1 }, "base_floor", shebao.ReasonOutOfRange},
		{"ceiling too large", func(p *shebao.Policy) { p.BaseCeiling = shebao.MaxFen + 1 }, "base_ceiling", shebao.ReasonAmountTooLarge},
		{"missing rate", func(p *shebao.Policy) { delete(p.Rates, shebao.Medical) }, "rate_medical", shebao.ReasonRequired},
		{"rate above 100%", func(p *shebao.Policy) {
			p.Rates[shebao.Pension] = shebao.Rate{Employer: 100_001, Rounding: shebao.RoundFen}
		}, "rate_pension_employer", shebao.ReasonOutOfRange},
		{"negative employee rate", func(p *shebao.Policy) {
			p.Rates[shebao.Unemployment] = shebao.Rate{Employee: -1, Rounding: shebao.RoundFen}
		}, "rate_unemployment_employee", shebao.ReasonOutOfRange},
		{"unknown rounding", func(p *shebao.Policy) {
			p.Rates[shebao.Injury] = shebao.Rate{Rounding: "yuan"}
		}, "rate_injury_rounding", shebao.ReasonRequired},
		{"injury class", func(p *shebao.Policy) { p.InjuryClassRates[3] = -1 }, "injury_class_rates", shebao.ReasonOutOfRange},
		{"late fee", func(p *shebao.Policy) { p.LateFeePerDay = -1 }, "late_fee_per_day", shebao.ReasonOutOfRange},
		{"cutoff 0", func(p *shebao.Policy) { p.CutoffDay = 0 }, "cutoff_day", shebao.ReasonOutOfRange},
		{"cutoff 29", func(p *shebao.Policy) { p.CutoffDay = 29 }, "cutoff_day", shebao.ReasonOutOfRange},
		{"counter day", func(p *shebao.Policy) { p.CounterLastDay = 31 }, "counter_last_day", shebao.ReasonOutOfRange},
		{"back-pay", func(p *shebao.Policy) { p.BackpayMonths = -1 }, "backpay_months", shebao.ReasonOutOfRange},
		{"base month", func(p *shebao.Policy) { p.BaseFromMonth = 13 }, "base_from_month", shebao.ReasonOutOfRange},
		{"declare from", func(p *shebao.Policy) { p.DeclareFrom = 20260230 }, "declare_from", shebao.ReasonDateMalformed},
		{"declare to", func(p *shebao.Policy) { p.DeclareTo = 0 }, "declare_to", shebao.ReasonDateMalformed},
		{"declare reversed", func(p *shebao.Policy) { p.DeclareTo = 20260630 }, "declare_to", shebao.ReasonDateOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultPolicy(2026, 7490_00)
			tt.edit(&p)
			wantInvalid(t, ValidatePolicy(p), tt.field, tt.reason)
		})
	}
}
