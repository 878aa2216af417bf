package billing

import (
	"testing"

	"shebao"
	"shebao/rules"
)

// testPolicy is 2026's policy with an average wage of ¥10,000.00: floor
// ¥6,000.00, ceiling ¥30,000.00; pension 16%/8%, medical 8%/2%,
// unemployment 0.5%/0.5%, injury class rates 0.2%…1.9%, all to the fen.
func testPolicy() shebao.Policy {
	p := rules.DefaultPolicy(2026, 1_000_000)
	p.Version = 1
	return p
}

// withRounding returns p with ins rounded by r.
func withRounding(p shebao.Policy, ins shebao.Insurance, r shebao.Rounding) shebao.Policy {
	rates := make(map[shebao.Insurance]shebao.Rate, len(p.Rates))
	for k, v := range p.Rates {
		rates[k] = v
	}
	v := rates[ins]
	v.Rounding = r
	rates[ins] = v
	p.Rates = rates
	return p
}

// Every case is computed by hand in the comment beside it.
func TestAssessLine(t *testing.T) {
	class1 := UnitTerms{RiskClass: 1}
	jiao := withRounding(testPolicy(), shebao.Medical, shebao.RoundJiaoUp)
	tests := []struct {
		name                string
		pol                 shebao.Policy
		terms               UnitTerms
		ins                 shebao.Insurance
		base                shebao.Fen
		wantBase            shebao.Fen
		wantClamp           rules.Clamp
		wantER, wantEE      shebao.Fen
		wantRateER, wantEE2 int64
	}{
		// ¥3,000 < floor ¥6,000: 6,000 × 16% = 960.00, × 8% = 480.00.
		{"floor", testPolicy(), class1, shebao.Pension, 300_000, 600_000, rules.ClampFloor, 96_000, 48_000, 16_000, 8_000},
		// exactly the floor is not clamped.
		{"at floor", testPolicy(), class1, shebao.Pension, 600_000, 600_000, rules.ClampNone, 96_000, 48_000, 16_000, 8_000},
		// ¥50,000 > ceiling ¥30,000: 30,000 × 16% = 4,800.00, × 8% = 2,400.00.
		{"ceiling", testPolicy(), class1, shebao.Pension, 5_000_000, 3_000_000, rules.ClampCeiling, 480_000, 240_000, 16_000, 8_000},
		{"at ceiling", testPolicy(), class1, shebao.Pension, 3_000_000, 3_000_000, rules.ClampNone, 480_000, 240_000, 16_000, 8_000},
		// 8,000.33 × 16% = 1,280.0528 → 1,280.05; × 8% = 640.0264 → 640.03.
		{"fen half up, below half", testPolicy(), class1, shebao.Pension, 800_033, 800_033, rules.ClampNone, 128_005, 64_003, 16_000, 8_000},
		// 7,001.00 × 0.5% = 35.005 → 35.01 on both sides (an exact half rounds up).
		{"fen exact half", testPolicy(), class1, shebao.Unemployment, 700_100, 700_100, rules.ClampNone, 3_501, 3_501, 500, 500},
		// 8,000.33 × 8% = 640.0264 → up to the jiao 640.10; × 2% = 160.0066 → 160.10.
		{"jiao up", jiao, class1, shebao.Medical, 800_033, 800_033, rules.ClampNone, 64_010, 16_010, 8_000, 2_000},
		// 8,000.00 × 8% = 640.00 and × 2% = 160.00 are whole jiao: unchanged.
		{"jiao up exact multiple", jiao, class1, shebao.Medical, 800_000, 800_000, rules.ClampNone, 64_000, 16_000, 8_000, 2_000},
		// 8,000.01 × 8% = 640.0008 → 640.10 (any fraction goes up); × 2% = 160.0002 → 160.10.
		{"jiao up tiny fraction", jiao, class1, shebao.Medical, 800_001, 800_001, rules.ClampNone, 64_010, 16_010, 8_000, 2_000},
		// 6,543.21 × 8% = 523.4568 → 523.46 to the fen under the default policy.
		{"medical to the fen", testPolicy(), class1, shebao.Medical, 654_321, 654_321, rules.ClampNone, 52_346, 13_086, 8_000, 2_000},
		// class 1: 0.2%; 8,000 × 0.2% = 16.00; employees pay nothing.
		{"injury class 1", testPolicy(), class1, shebao.Injury, 800_000, 800_000, rules.ClampNone, 1_600, 0, 200, 0},
		// class 4 0.9% + float 0.1% = 1.0%: 8,000 × 1% = 80.00.
		{"injury float up", testPolicy(), UnitTerms{RiskClass: 4, InjuryFloat: 100}, shebao.Injury, 800_000, 800_000, rules.ClampNone, 8_000, 0, 1_000, 0},
		// class 8 1.9% − 0.5% = 1.4%: 7,777.77 × 1.4% = 108.88878 → 108.89.
		{"injury float down", testPolicy(), UnitTerms{RiskClass: 8, InjuryFloat: -500}, shebao.Injury, 777_777, 777_777, rules.ClampNone, 10_889, 0, 1_400, 0},
		// class 1 0.2% − 1% is below zero: the rate is 0.
		{"injury never negative", testPolicy(), UnitTerms{RiskClass: 1, InjuryFloat: -1_000}, shebao.Injury, 800_000, 800_000, rules.ClampNone, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := AssessLine(tt.pol, tt.terms, tt.ins, tt.base)
			if l.Base.Base != tt.wantBase || l.Base.Clamp != tt.wantClamp || l.Base.Wage != tt.base {
				t.Errorf("base = %v (%s, from %v), want %v (%s)", l.Base.Base, l.Base.Clamp, l.Base.Wage, tt.wantBase, tt.wantClamp)
			}
			if l.Rate.Employer != tt.wantRateER || l.Rate.Employee != tt.wantEE2 {
				t.Errorf("rates = %d/%d, want %d/%d", l.Rate.Employer, l.Rate.Employee, tt.wantRateER, tt.wantEE2)
			}
			if l.Employer != tt.wantER || l.Employee != tt.wantEE {
				t.Errorf("amounts = %v/%v, want %v/%v", l.Employer, l.Employee, tt.wantER, tt.wantEE)
			}
		})
	}
}

func TestAssessPersonAndMonthlyCost(t *testing.T) {
	p := testPolicy()
	terms := UnitTerms{RiskClass: 2} // 0.4%
	covs := []shebao.Coverage{
		{ID: 4, PersonID: 9, Insurance: shebao.Injury, Base: 800_000},
		{ID: 1, PersonID: 9, Insurance: shebao.Pension, Base: 800_000},
		{ID: 2, PersonID: 9, Insurance: shebao.Medical, Base: 800_000},
		{ID: 3, PersonID: 9, Insurance: shebao.Unemployment, Base: 800_000},
	}
	m := AssessPerson(p, terms, covs)
	// 8,000 × (16% + 8% + 0.5% + 0.4%) = 1,280 + 640 + 40 + 32 = 1,992.00;
	// employee 8,000 × (8% + 2% + 0.5%) = 640 + 160 + 40 = 840.00.
	if m.Employer != 199_200 || m.Employee != 84_000 {
		t.Fatalf("person-month = %v/%v, want ¥1,992.00/¥840.00", m.Employer, m.Employee)
	}
	for i, ins := range shebao.Insurances {
		if m.Lines[i].Insurance != ins {
			t.Errorf("line %d is %s, want %s (display order)", i, m.Lines[i].Insurance, ins)
		}
	}
	er, ee := MonthlyCost(p, terms, 800_000)
	if er != m.Employer || ee != m.Employee {
		t.Errorf("MonthlyCost = %v/%v, want %v/%v", er, ee, m.Employer, m.Employee)
	}
}
