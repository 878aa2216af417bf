package billing

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"shebao"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestPercent(t *testing.T) {
	good := []struct {
		in   string
		neg  bool
		want int64
		out  string
	}{
		{"16", false, 16_000, "16"}, {"0.5", false, 500, "0.5"}, {"0.05%", false, 50, "0.05"},
		{"1.125", false, 1_125, "1.125"}, {"100", false, 100_000, "100"}, {"-0.1", true, -100, "-0.1"},
		{" 8.000 ", false, 8_000, "8"},
	}
	for _, tt := range good {
		got, err := ParsePercent(tt.in, tt.neg)
		if err != nil || got != tt.want || FormatPercent(got) != tt.out {
			t.Errorf("ParsePercent(%q) = %d, %v (formats %q); want %d, %q", tt.in, got, err, FormatPercent(got), tt.want, tt.out)
		}
	}
	for _, in := range []string{"", "abc", "0.0001", "-1", "1,5", "1e3", "1000", ".5", "5."} {
		if _, err := ParsePercent(in, false); err == nil {
			t.Errorf("ParsePercent(%q) passed", in)
		}
	}
}

func TestPolicyForm(t *testing.T) {
	want := rules.DefaultPolicy(2027, 1_100_000)
	got, errs := FormOf(want).Policy()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("FormOf → Policy changed the policy:\n%s", d)
	}

	f := FormOf(want)
	f.AvgMonthlyWage = "abc"
	f.Rates["pension"] = RateForm{Employer: "16.5555", Employee: "8", Rounding: "fen"}
	f.Rates["medical"] = RateForm{Employer: "8", Employee: "2", Rounding: "half"}
	f.CutoffDay = "15th"
	f.DeclareTo = "2027-02-30"
	_, errs = f.Policy()
	var fields []string
	for _, err := range errs {
		fields = append(fields, shebao.AsError(err).Field)
	}
	wantFields := []string{"avg_monthly_wage", "rate_pension_employer", "rate_medical_rounding", "cutoff_day", "declare_to"}
	if d := cmp.Diff(wantFields, fields); d != "" {
		t.Errorf("field errors (-want +got):\n%s", d)
	}

	f = FormOf(want)
	f.BaseFloor, f.BaseCeiling = "", "" // 60% and 300% by default
	f.CutoffDay = "31"                  // parses, but the rules refuse it
	p, errs := f.Policy()
	if len(errs) != 1 || shebao.AsError(errs[0]).Field != "cutoff_day" || shebao.AsError(errs[0]).Reason != shebao.ReasonOutOfRange {
		t.Errorf("errors = %v, want cutoff_day out of range", errs)
	}
	if p.BaseFloor != 660_000 || p.BaseCeiling != 3_300_000 {
		t.Errorf("default bounds = %v–%v", p.BaseFloor, p.BaseCeiling)
	}
}

func TestSaveAndImportPolicy(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		s := testService(db, 20261120)
		if s.EditableYear() != 2027 {
			t.Fatalf("editable year %d", s.EditableYear())
		}
		file, err := os.Open("../docs/policy-2027.example.json")
		if err != nil {
			t.Fatal(err)
		}
		defer file.Close()
		p, errs := s.ImportPolicy(ctx, staff, file)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if p.Version != 1 || p.Rates[shebao.Medical].Rounding != shebao.RoundJiaoUp || p.AvgMonthlyWage != 1_100_000 {
			t.Errorf("imported %+v", p)
		}
		f := FormOf(p)
		f.Rates["pension"] = RateForm{Employer: "15", Employee: "8", Rounding: "fen"}
		p2, errs := s.SavePolicy(ctx, staff, f)
		if len(errs) > 0 || p2.Version != 2 {
			t.Fatalf("second save: %+v %v", p2, errs)
		}
		all, err := s.Policies(ctx, staff)
		if err != nil || len(all) != 1 || all[0].Version != 2 || all[0].Rates[shebao.Pension].Employer != 15_000 {
			t.Errorf("policies = %+v, %v", all, err)
		}
		mustTx(t, db, func(tx shebao.Tx) error {
			log, n, err := sqldbtest.AuditLog(ctx, tx, shebao.AuditFilter{Action: "policy.save"})
			if err == nil && (n != 2 || !strings.Contains(log[0].Detail, `"version":2`)) {
				t.Errorf("audit: %d entries, newest %q", n, log[0].Detail)
			}
			return err
		})

		f.Year = "2026"
		_, errs = s.SavePolicy(ctx, staff, f)
		wantErr(t, errs[0], shebao.EINVALID, shebao.ReasonPolicyNotNextYear)
		_, errs = s.SavePolicy(ctx, operator(shebao.Unit{ID: 1}), f)
		wantErr(t, errs[0], shebao.EFORBIDDEN, shebao.ReasonForbidden)
		for in, reason := range map[string]string{
			`{"year": 2027, "colour": "red"}`:    shebao.ReasonFileMalformed,
			`{"year": 2027,`:                     shebao.ReasonFileMalformed,
			`{"year": [2027]}`:                   shebao.ReasonFileMalformed,
			`{} {}`:                              shebao.ReasonFileMalformed,
			strings.Repeat(" ", MaxPolicyFile+1): shebao.ReasonFileTooLarge,
		} {
			_, errs := s.ImportPolicy(ctx, staff, strings.NewReader(in))
			wantErr(t, errs[0], shebao.EINVALID, reason)
		}
	})
}

func TestInjuryFloat(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		savePolicy(t, db, testPolicy())
		u := addUnit(t, db, 1, 4) // 0.9%
		addPerson(t, db, u, 1, 800_000, 202601, 0)
		s := testService(db, 20260710)
		if err := s.SetInjuryFloat(ctx, staff, u.ID, 2026, "-0.3"); err != nil {
			t.Fatal(err)
		}
		b, err := s.Bill(ctx, staff, u.ID, 202607)
		if err != nil {
			t.Fatal(err)
		}
		// 8,000 × (0.9 − 0.3)% = 48.00
		if l := b.Persons[0].Lines[3]; l.Insurance != shebao.Injury || l.Rate.Employer != 600 || l.Employer != 4_800 {
			t.Errorf("injury line %+v", l)
		}
		rs, err := s.UnitRates(ctx, staff, 2026)
		if err != nil || len(rs) != 1 || rs[0].InjuryFloat != -300 {
			t.Errorf("rates %+v, %v", rs, err)
		}
		wantErr(t, s.SetInjuryFloat(ctx, staff, u.ID, 2025, "0.1"), shebao.EINVALID, shebao.ReasonOutOfRange)
		wantErr(t, s.SetInjuryFloat(ctx, staff, u.ID, 2026, "12"), shebao.EINVALID, shebao.ReasonOutOfRange)
		// Class 4 (0.9%) floats within 50%–150% of its rate: 0.45% … 1.35%.
		wantErr(t, s.SetInjuryFloat(ctx, staff, u.ID, 2026, "-0.46"), shebao.EINVALID, rules.ReasonInjuryFloatBounds)
		wantErr(t, s.SetInjuryFloat(ctx, staff, u.ID, 2026, "0.451"), shebao.EINVALID, rules.ReasonInjuryFloatBounds)
		for _, ok := range []string{"-0.45", "0.45"} {
			if err := s.SetInjuryFloat(ctx, staff, u.ID, 2026, ok); err != nil {
				t.Errorf("float %s%% of class 4: %v", ok, err)
			}
		}
		// Class 1 (0.2%) only floats up: 0.2% … 0.3%; 10 points were taken before.
		u1 := addUnit(t, db, 2, 1)
		wantErr(t, s.SetInjuryFloat(ctx, staff, u1.ID, 2026, "10"), shebao.EINVALID, rules.ReasonInjuryFloatBounds)
		wantErr(t, s.SetInjuryFloat(ctx, staff, u1.ID, 2026, "-0.01"), shebao.EINVALID, rules.ReasonInjuryFloatBounds)
		if err := s.SetInjuryFloat(ctx, staff, u1.ID, 2027, "0.1"); err != nil {
			t.Errorf("class 1 up to 150%% next year (no policy yet: this year's grades): %v", err)
		}
		wantErr(t, s.SetInjuryFloat(ctx, staff, u.ID, 2026, "x"), shebao.EINVALID, shebao.ReasonRateMalformed)
		wantErr(t, s.SetInjuryFloat(ctx, operator(u), u.ID, 2026, "0.1"), shebao.EFORBIDDEN, shebao.ReasonForbidden)
	})
}
